package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
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

// Registration is the record submit and register print: who, which key, and the
// method exactly as Graph returned it.
type Registration struct {
	SchemaVersion int             `json:"schemaVersion"`
	UserID        string          `json:"userId"`
	Method        json.RawMessage `json:"method"`
	// Reconciled says the POST's answer was lost and the method was found by listing.
	Reconciled bool             `json:"reconciled"`
	Key        *enroll.KeyFacts `json:"key,omitempty"`
	// Prepared is what register --set-random-pin, --min-pin-length and
	// --force-pin-change did, with the key's state read back afterwards.
	Prepared *preparedDoc `json:"prepared,omitempty"`
	// RandomPIN says where a generated PIN went; PIN is the PIN itself, with --show-pin only.
	RandomPIN *randomPINDoc `json:"randomPin,omitempty"`
	PIN       *string       `json:"pin,omitempty"`
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
	if !virtual || s.loopback || f.AllowSoftwareKey {
		return nil
	}
	return &codedError{code: "software_key_refused",
		msg:  fmt.Sprintf("refusing to register a software test key with %s", s.client.BaseURL()),
		hint: "software keys are for the local emulator; use a hardware key, or --allow-software-key for a test tenant"}
}

// madeBySoftwareKey reads the AAGUID from the attestationObject itself, so a document
// whose "key" field was dropped or edited is still recognised.
func madeBySoftwareKey(body *webauthn.RegistrationBody) bool {
	_, ad, err := webauthn.ParseAttestationObject(body.PublicKeyCredential.Response.AttestationObject)
	return err == nil && ad.AttestedCredential != nil && ad.AttestedCredential.AAGUID == virtual.AAGUID
}

// submit registers body and prints the record.
func submit(a *app, s *graphSession, rec *recorder, user string, body *webauthn.RegistrationBody, key *enroll.KeyFacts) error {
	doc, err := registerBody(a, s, rec, user, body, key)
	if doc != nil {
		// A method Graph stored is always printed, even when recording it failed.
		if werr := a.writeJSON(doc); err == nil && werr != nil {
			err = &registeredError{werr} // the record file (if any) holds it
		}
	}
	return err
}

// registerBody POSTs body and records the registration in --record before returning
// it. A non-nil document means Graph holds the method, whatever the error says.
func registerBody(a *app, s *graphSession, rec *recorder, user string, body *webauthn.RegistrationBody, key *enroll.KeyFacts) (*Registration, error) {
	a.events.Info(fmt.Sprintf("registering %q for %s", body.DisplayName, user))
	m, err := s.client.Register(a.ctx, user, body)
	if err != nil {
		return nil, err
	}
	if m.Reconciled {
		a.events.Warn("registration_reconciled", "Graph's answer was lost; the method was found among the user's methods (registered once)")
	}
	a.events.Info(fmt.Sprintf("registered method %s for %s", m.ID, user))
	doc := &Registration{SchemaVersion: enroll.SchemaVersion, UserID: user, Method: methodJSON(m), Reconciled: m.Reconciled, Key: key}
	if err := rec.append(doc); err != nil {
		// Graph holds the method; say so, so nobody registers the key twice.
		return doc, recordFailed(a, doc, err)
	}
	return doc, nil
}

// recorder is an open --record file. It is opened before anything changes, so an
// unwritable file is found before a registration happens, not after.
type recorder struct{ f *os.File }

// open opens (creating 0600) the record file; nil without --record.
func (r RecordFlags) openRecord(a *app) (*recorder, error) {
	if r.Record == "" {
		return nil, nil
	}
	// Never through a symlink, never a file another user owns or can write: the record
	// is the rollout's durable log, and appending must not reach anyone else's file.
	f, othersRead, err := safefile.OpenAppend(r.Record, "record_failed")
	if err != nil {
		var refused *safefile.Error
		if errors.As(err, &refused) {
			return nil, &codedError{code: "record_failed", msg: "cannot use the record file: " + refused.Error(),
				hint: refused.Hint + " (nothing was registered)"}
		}
		return nil, &codedError{code: "record_failed", msg: fmt.Sprintf("cannot open the record file: %v", unwrapPathError(err)),
			hint: "give --record a file you can write (nothing was registered)"}
	}
	if othersRead {
		a.events.Warn("record_permissions", fmt.Sprintf("the record file %s can be read by other users: it holds no secret, but it names users and keys (chmod 600 it)", r.Record))
	}
	return &recorder{f: f}, nil
}

// append adds doc as one line, in one write, and syncs it.
func (r *recorder) append(doc *Registration) error {
	if r == nil {
		return nil
	}
	// A PIN never goes into the record, whatever the flags: the record is kept and
	// shared, and --show-pin is for stdout only.
	rec := *doc
	rec.PIN = nil
	line, err := json.Marshal(&rec)
	if err != nil {
		return err
	}
	if _, err := r.f.Write(append(line, '\n')); err != nil {
		return err
	}
	return r.f.Sync()
}

func (r *recorder) close() {
	if r != nil {
		_ = r.f.Close()
	}
}

// recordFailed reports a registration Graph holds that the record file missed.
func recordFailed(a *app, doc *Registration, err error) error {
	a.events.Warn("record_failed", fmt.Sprintf("the method is registered for %s, but the record file could not be written: %v", doc.UserID, err))
	return &registeredError{&codedError{code: "record_failed", msg: fmt.Sprintf("writing the record file: %v", err),
		hint: "the registration succeeded (its document is on stdout); add that line to the record file by hand"}}
}

// methodJSON is the method as Graph sent it, or the client's decoding when Raw is empty.
func methodJSON(m *graph.Method) json.RawMessage {
	if len(m.Raw) > 0 {
		return m.Raw
	}
	b, _ := json.Marshal(m)
	return b
}
