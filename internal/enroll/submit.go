package enroll

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/inventory"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// Registration is the record submit and register print and append to the record file:
// who, which key, and the method exactly as Graph returned it. Its inventory fields
// (userPrincipalName, outcome, methodId, credentialId, aaGuid, serial, ...) are the ones
// a rollout's report has, so `--record` files and `bulk report` lines are one format.
type Registration struct {
	SchemaVersion int    `json:"schemaVersion"`
	UserID        string `json:"userId"`
	// Method is absent only in a rollout's record of a task Graph does not hold.
	Method json.RawMessage `json:"method,omitempty"`
	// Reconciled says the POST's answer was lost and the method was found by listing.
	Reconciled bool      `json:"reconciled"`
	Key        *KeyFacts `json:"key,omitempty"`
	// Prepared is what the preparation did, with the key's state read back afterwards.
	Prepared *Prepared `json:"prepared,omitempty"`
	// Verification is the registration confirmed on both sides (Confirm).
	Verification *Confirmation `json:"verification,omitempty"`
	// RandomPIN says where a generated PIN went; PIN is the PIN itself, only when the
	// destination shows it (stdout), never in the record file.
	RandomPIN *RandomPIN `json:"randomPin,omitempty"`
	PIN       *string    `json:"pin,omitempty"`
	// Record is the inventory's view of the same registration (its userId is the one
	// above: the user as the caller named them, or the object id in a rollout).
	inventory.Record
}

// inventoryOf fills in the inventory fields of a registration Graph holds.
func inventoryOf(user string, m *graph.Method, body *webauthn.RegistrationBody, key *KeyFacts, now time.Time) inventory.Record {
	r := inventory.Record{Outcome: "registered", MethodID: m.ID, DisplayName: body.DisplayName,
		CredentialID: base64.RawURLEncoding.EncodeToString(body.PublicKeyCredential.ID)}
	if strings.Contains(user, "@") {
		r.UserPrincipalName = user
	}
	if !m.CreatedDateTime.IsZero() {
		c := m.CreatedDateTime.UTC()
		r.CreatedDateTime = &c
	}
	if key != nil {
		r.AAGUID, r.Model = strings.ToLower(key.AAGUID), key.Model
		if key.Serial != nil {
			r.Serial = *key.Serial
		}
		r.Firmware = key.Firmware
	}
	finished := now.UTC()
	r.FinishedDateTime = &finished
	return r
}

// Registrar posts a registration body; *graph.Client is one.
type Registrar interface {
	Register(ctx context.Context, user string, body *webauthn.RegistrationBody) (*graph.Method, error)
}

// Recorder keeps a durable log of registrations; nil records nothing.
type Recorder interface {
	Append(*Registration) error
}

// Submit posts body for user (Graph reconciles an ambiguous outcome, so a stored
// registration is found, not repeated) and appends the record before returning it. A
// non-nil Registration means Graph holds the method, whatever the error says: a caller
// must keep it.
func Submit(ctx context.Context, g Registrar, rec Recorder, user string, body *webauthn.RegistrationBody, key *KeyFacts, ev Events) (*Registration, error) {
	ev.Info(fmt.Sprintf("registering %q for %s", body.DisplayName, user))
	m, err := g.Register(ctx, user, body)
	if err != nil {
		return nil, err
	}
	if m.Reconciled {
		ev.Warn("registration_reconciled", "Graph's answer was lost; the method was found among the user's methods (registered once)")
	}
	ev.Info(fmt.Sprintf("registered method %s for %s", m.ID, user))
	doc := &Registration{SchemaVersion: SchemaVersion, UserID: user, Method: MethodJSON(m), Reconciled: m.Reconciled, Key: key,
		Record: inventoryOf(user, m, body, key, time.Now())}
	if err := Record(rec, doc, ev); err != nil {
		return doc, err
	}
	return doc, nil
}

// Record appends doc to rec; a failure is record_failed, with the method registered.
func Record(rec Recorder, doc *Registration, ev Events) error {
	if rec == nil {
		return nil
	}
	if err := rec.Append(doc); err != nil {
		ev.Warn("record_failed", fmt.Sprintf("the method is registered for %s, but the record file could not be written: %v", doc.UserID, err))
		return &Error{Code: "record_failed", Message: fmt.Sprintf("writing the record file: %v", err), Err: err,
			Hint: "the registration succeeded (its document is on stdout); add that line to the record file by hand"}
	}
	return nil
}

// MethodJSON is the method as Graph sent it, or the client's decoding when Raw is empty.
func MethodJSON(m *graph.Method) json.RawMessage {
	if len(m.Raw) > 0 {
		return m.Raw
	}
	b, _ := json.Marshal(m)
	return b
}

// RecordFile is an open record file: one JSON line a registration, synced.
type RecordFile struct{ f *os.File }

// OpenRecord opens (creating 0600) the record file, before anything changes, so an
// unusable file is found before a registration happens. A symlink, a FIFO, a file
// another user owns or others can write is refused; readableByOthers lets the caller warn.
func OpenRecord(path string) (rf *RecordFile, readableByOthers bool, err error) {
	f, othersRead, err := safefile.OpenAppend(path, "record_failed")
	if err != nil {
		var refused *safefile.Error
		if errors.As(err, &refused) {
			return nil, false, &Error{Code: "record_failed", Message: "cannot use the record file: " + refused.Error(),
				Hint: refused.Hint + " (nothing was registered)"}
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, false, &Error{Code: "record_failed", Message: fmt.Sprintf("cannot open the record file: %v", err),
			Hint: "give --record a file you can write (nothing was registered)"}
	}
	return &RecordFile{f: f}, othersRead, nil
}

// Append adds doc as one line, in one write, and syncs it. A PIN never goes into the
// record, whatever the flags: the record is kept and shared.
func (r *RecordFile) Append(doc *Registration) error {
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

// Close closes the file.
func (r *RecordFile) Close() error { return r.f.Close() }

// CheckSoftwareKey refuses a software key's credential for a Graph off loopback: a real
// tenant must never hold a passkey whose private key sits in a file.
func CheckSoftwareKey(virtual bool, graphURL string, allow bool) error {
	if !virtual || graph.IsLoopbackURL(graphURL) || allow {
		return nil
	}
	return &Error{Code: "software_key_refused",
		Message: fmt.Sprintf("refusing to register a software test key with %s", graphURL),
		Hint:    "software keys are for the local emulator; use a hardware key, or --allow-software-key for a test tenant"}
}
