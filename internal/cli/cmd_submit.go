package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// SubmitCmd registers a credential document in Entra ID.
type SubmitCmd struct {
	GraphFlags
	SoftwareKeyFlags
	RecordFlags
	In          string `placeholder:"FILE" help:"Read the credential document from FILE instead of stdin."`
	User        string `placeholder:"ID|UPN" help:"Entra user (default: the document's userId)."`
	DisplayName string `name:"display-name" placeholder:"NAME" help:"Override the method's name (1 to 30 characters)."`
}

// RecordFlags keep a durable log of registrations, apart from stdout (which a broken
// pipe or a closed terminal can lose).
type RecordFlags struct {
	Record string `type:"path" placeholder:"FILE" help:"Also append each registration record to FILE as one JSON line (created 0600, synced before the command reports success)."`
}

// SoftwareKeyFlags guard real tenants from software test keys.
type SoftwareKeyFlags struct {
	AllowSoftwareKey bool `name:"allow-software-key" help:"Allow a software test key (virtual:...) against a Graph that is not on loopback. Never do this in production."`
}

// submitInput is make-credential's document, or a bare Graph POST body with --user.
type submitInput struct {
	UserID              string           `json:"userId"`
	DisplayName         json.RawMessage  `json:"displayName"`
	PublicKeyCredential json.RawMessage  `json:"publicKeyCredential"`
	Key                 *enroll.KeyFacts `json:"key"`
	ChallengeTimeout    *time.Time       `json:"challengeTimeoutDateTime"`
}

// Run posts the credential and prints the registration record.
func (c *SubmitCmd) Run(a *app) error {
	data, err := a.readInput(c.In, "the credential document")
	if err != nil {
		return err
	}
	in, body, err := parseSubmitInput(data, c.DisplayName)
	if err != nil {
		return err
	}
	user := firstNonEmpty(c.User, in.UserID)
	if user == "" {
		return &usageError{msg: "no user: the document has no userId", hint: "give --user ID|UPN"}
	}
	// Checked before anything prints it: a document's userId is untrusted text.
	if err := graph.CheckUser(user); err != nil {
		return err
	}
	if in.ChallengeTimeout != nil && !a.Now().Before(*in.ChallengeTimeout) {
		return &codedError{code: "challenge_expired",
			msg:  fmt.Sprintf("the challenge expired at %s", in.ChallengeTimeout.UTC().Format(time.RFC3339)),
			hint: "run get-options and make-credential again (or use --challenge-timeout for keys prepared ahead)"}
	}
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	if err := c.checkSoftwareKey(s, (in.Key != nil && in.Key.Virtual) || madeBySoftwareKey(body)); err != nil {
		return err
	}
	rec, err := c.openRecord(a)
	if err != nil {
		return err
	}
	defer rec.close()
	return submit(a, s, rec, user, body, in.Key)
}

func parseSubmitInput(data []byte, displayName string) (*submitInput, *webauthn.RegistrationBody, error) {
	var in submitInput
	if err := json.Unmarshal(data, &in); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return nil, nil, &codedError{code: "invalid_credential_document", msg: fmt.Sprintf("the credential document's %q field has the wrong type", typeErr.Field),
				hint: "pipe make-credential's output into submit unchanged"}
		}
		return nil, nil, &codedError{code: "invalid_credential_document", msg: "the credential document is not a JSON object",
			hint: "pipe make-credential's output into submit unchanged"}
	}
	if len(in.PublicKeyCredential) == 0 {
		return nil, nil, &codedError{code: "invalid_credential_document", msg: "the credential document has no publicKeyCredential",
			hint: "submit takes make-credential's output (not get-options')"}
	}
	if len(in.DisplayName) > 0 && in.DisplayName[0] != '"' {
		return nil, nil, &codedError{code: "invalid_credential_document", msg: "the credential document's \"displayName\" must be a string",
			hint: "give a name of 1 to 30 characters, or --display-name"}
	}
	name := in.DisplayName
	if displayName != "" {
		name, _ = json.Marshal(displayName)
	}
	if len(name) == 0 {
		name = json.RawMessage(`""`)
	}
	raw, _ := json.Marshal(map[string]json.RawMessage{"displayName": name, "publicKeyCredential": in.PublicKeyCredential})
	body, err := webauthn.ParseRegistrationBody(raw)
	if err != nil {
		return nil, nil, err
	}
	return &in, body, nil
}

// checkSoftwareKey refuses a software key's credential for a Graph off loopback: a real
// tenant must never hold a passkey whose private key sits in a file.
func (f SoftwareKeyFlags) checkSoftwareKey(s *graphSession, virtual bool) error {
	return enroll.CheckSoftwareKey(virtual, s.client.BaseURL(), f.AllowSoftwareKey)
}

// madeBySoftwareKey reads the AAGUID from the attestationObject itself, so a document
// whose "key" field was dropped or edited is still recognised.
func madeBySoftwareKey(body *webauthn.RegistrationBody) bool {
	_, ad, err := webauthn.ParseAttestationObject(body.PublicKeyCredential.Response.AttestationObject)
	return err == nil && ad.AttestedCredential != nil && ad.AttestedCredential.AAGUID == fido.VirtualAAGUID
}

// submit registers body and prints the record; a method Graph stored is always
// printed, even when recording it failed.
func submit(a *app, s *graphSession, rec *recorder, user string, body *webauthn.RegistrationBody, key *enroll.KeyFacts) error {
	reg, err := enroll.Submit(a.ctx, s.client, rec.recorder(), user, body, key, a.events)
	return a.printRegistration(reg, err)
}

// recorder is an open --record file; nil without --record.
type recorder struct{ f *enroll.RecordFile }

// openRecord opens the record file before anything changes, so an unusable file is
// found before a registration happens, not after.
func (r RecordFlags) openRecord(a *app) (*recorder, error) {
	if r.Record == "" {
		return nil, nil
	}
	f, othersRead, err := enroll.OpenRecord(r.Record)
	if err != nil {
		return nil, err
	}
	if othersRead {
		a.events.Warn("record_permissions", fmt.Sprintf("the record file %s can be read by other users: it holds no secret, but it names users and keys (chmod 600 it)", r.Record))
	}
	return &recorder{f: f}, nil
}

// recorder is the file as enroll records into it (nil: no record).
func (r *recorder) recorder() enroll.Recorder {
	if r == nil {
		return nil
	}
	return r.f
}

func (r *recorder) close() {
	if r != nil {
		_ = r.f.Close()
	}
}
