package cli

import (
	"encoding/json"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/graph"
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
	if err := graph.CheckChallengeTimeout(c.ChallengeTimeout); err != nil {
		return err
	}
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	raw, opts, err := enroll.FetchOptions(a.ctx, s.client, c.User, c.ChallengeTimeout)
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
