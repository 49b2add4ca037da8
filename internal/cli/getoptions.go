package cli

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// GetOptionsCmd fetches creation options for a user.
type GetOptionsCmd struct {
	GraphFlags
	User             string        `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
	ChallengeTimeout time.Duration `name:"challenge-timeout" default:"5m" help:"How long the challenge stays valid: 5m (Graph v1.0), or whole minutes up to 720h (beta) for keys prepared ahead of time."`
}

// optionsDocument is get-options' output and make-credential's input.
type optionsDocument struct {
	SchemaVersion    int             `json:"schemaVersion"`
	UserID           string          `json:"userId"`
	ChallengeTimeout *time.Time      `json:"challengeTimeoutDateTime,omitempty"`
	CreationOptions  json.RawMessage `json:"creationOptions"`
}

// Run prints the options document.
func (c *GetOptionsCmd) Run(a *app) error {
	if err := checkChallengeTimeout(c.ChallengeTimeout); err != nil {
		return err
	}
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	raw, opts, err := fetchOptions(a, s, c.User, c.ChallengeTimeout)
	if err != nil {
		return err
	}
	doc := optionsDocument{SchemaVersion: enroll.SchemaVersion, UserID: c.User, CreationOptions: raw}
	if !opts.ChallengeTimeout.IsZero() {
		t := opts.ChallengeTimeout.UTC()
		doc.ChallengeTimeout = &t
	}
	return a.writeJSON(doc)
}

// fetchOptions gets and checks the options, so bad ones fail here rather than on the key.
func fetchOptions(a *app, s *graphSession, user string, timeout time.Duration) (json.RawMessage, *webauthn.CreationOptions, error) {
	if err := checkChallengeTimeout(timeout); err != nil {
		return nil, nil, err
	}
	raw, err := s.client.CreationOptions(a.ctx, user, timeout)
	if err != nil {
		return nil, nil, err
	}
	opts, err := webauthn.ParseCreationOptions(raw)
	if err != nil {
		return nil, nil, err
	}
	return raw, opts, nil
}

// checkChallengeTimeout accepts what Graph does: 5m (v1.0), or whole minutes up to 30
// days (beta), before any sign-in or key.
func checkChallengeTimeout(d time.Duration) error {
	if d < graph.DefaultChallengeTimeout || d > graph.MaxChallengeTimeout || d%time.Minute != 0 {
		return &codedError{code: "invalid_challenge_timeout", msg: fmt.Sprintf("--challenge-timeout %s is not whole minutes from 5m to 720h", d),
			hint: "give 5m (Graph v1.0) or whole minutes up to 720h (30 days, Graph beta)"}
	}
	return nil
}
