package cli

import (
	"bytes"
	"os"

	"filippo.io/age"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/pinout"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// bulkSink is a job's PIN hand-over (pinout.Handover) as the runner uses it, with the
// identities (if any) that let a resumed task read its PIN back.
type bulkSink struct {
	h   *pinout.Handover
	ids []age.Identity
}

// newBulkSink checks the job's hand-over before any key is touched; nil when the
// profile sets no random PIN.
func newBulkSink(hp bulk.Handover, identityFiles []string, needed bool) (bulk.PINSink, error) {
	if !needed {
		return nil, nil
	}
	h, err := pinout.NewHandoverTemplate(hp.Dir, hp.Recipients, hp.Letter, hp.Plain)
	if err != nil {
		return nil, err
	}
	s := &bulkSink{h: h}
	for _, path := range identityFiles {
		// An identity is a private key: only the user's own, unshared file.
		data, err := safefile.ReadFile(path, "invalid_identity", 1<<20, true)
		if err != nil {
			return nil, err
		}
		ids, err := age.ParseIdentities(bytes.NewReader(data))
		if err != nil {
			return nil, &codedError{code: "invalid_identity", msg: "reading the age identity file " + path + ": " + err.Error(),
				hint: "give a file written by age-keygen"}
		}
		s.ids = append(s.ids, ids...)
	}
	return s, nil
}

func (s *bulkSink) letter(t *bulk.Task, pin fido.PIN) pinout.Letter {
	serial := t.Facts.ExpectedSerial
	if k := t.Facts.Key; k != nil && k.Serial != nil {
		serial = *k.Serial
	}
	return pinout.Letter{DisplayName: t.DisplayName, UPN: t.Name(), Serial: serial, PIN: pin}
}

func (s *bulkSink) Path(t *bulk.Task) string { return s.h.Path(t.Name()) }

func (s *bulkSink) Deliver(t *bulk.Task, pin fido.PIN) (string, error) {
	return s.h.Deliver(s.letter(t, pin))
}

func (s *bulkSink) Recover(t *bulk.Task) (fido.PIN, error) { return s.h.Recover(t.Name(), s.ids) }

// Withdraw removes a hand-over whose PIN no key holds; a missing file is fine.
func (s *bulkSink) Withdraw(t *bulk.Task) error {
	if err := os.Remove(t.Facts.PINSink); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}
