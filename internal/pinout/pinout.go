// Package pinout hands a generated PIN to the one destination the user chose: a new
// file (mode 0600, never overwritten), age encryption to recipients (into that file, or
// ASCII-armored into the output document), or the output document itself.
package pinout

import (
	"bytes"
	"fmt"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
	"io"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// Destination is where a generated PIN goes. Build it with New before the PIN exists, so
// a destination that cannot work is refused before anything touches the key.
type Destination struct {
	// File is the file to create, "" for none.
	File string
	// Recipients are the age recipients the PIN is encrypted to, none for plain text.
	Recipients []age.Recipient
	// recipientNames are the recipients as given, for the output document.
	recipientNames []string
	// Show puts the PIN itself in the output document.
	Show bool
}

// Error is a destination that cannot be used, with a stable code.
//
// Codes: pin_destination_required, pin_out_exists, invalid_recipient, pin_out_failed;
// for a Handover also invalid_letter_template, pin_out_missing, pin_not_recoverable.
type Error struct {
	Code    string
	Message string
	Hint    string
	Err     error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the stable code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorHint says what to do about it.
func (e *Error) ErrorHint() string { return e.Hint }

// New checks the destination flags: file is --pin-out, recipients are age recipient
// strings (age1...), recipientFiles list recipients one a line (as age -R reads them),
// show is --show-pin. Giving none is an error: a generated PIN nobody can read locks
// the key.
func New(file string, recipients, recipientFiles []string, show bool) (*Destination, error) {
	d := &Destination{File: file, Show: show}
	for _, s := range recipients {
		rs, err := age.ParseRecipients(strings.NewReader(strings.TrimSpace(s)))
		if err != nil || strings.TrimSpace(s) == "" || strings.Contains(strings.TrimSpace(s), "\n") {
			return nil, &Error{Code: "invalid_recipient", Message: fmt.Sprintf("%q is not an age recipient", short(s)),
				Hint: "give the public key from `age-keygen -y KEYFILE` (age1...), never the private key", Err: err}
		}
		d.Recipients = append(d.Recipients, rs...)
		d.recipientNames = append(d.recipientNames, strings.TrimSpace(s))
	}
	for _, path := range recipientFiles {
		data, err := safefile.ReadFile(path, "invalid_recipient", 1<<20, false)
		if err != nil {
			return nil, &Error{Code: "invalid_recipient", Message: fmt.Sprintf("cannot read the recipients file %s", path), Err: err}
		}
		rs, err := age.ParseRecipients(bytes.NewReader(data))
		if err != nil {
			// age's message names the line, never its content (it might be a private key).
			return nil, &Error{Code: "invalid_recipient", Message: fmt.Sprintf("the recipients file %s: %v", path, err),
				Hint: "list age public keys (age1...), one a line; # starts a comment", Err: err}
		}
		d.Recipients = append(d.Recipients, rs...)
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				d.recipientNames = append(d.recipientNames, line)
			}
		}
	}
	if d.File == "" && len(d.Recipients) == 0 && !d.Show {
		return nil, &Error{Code: "pin_destination_required", Message: "a random PIN needs a destination",
			Hint: "give --pin-out FILE, --pin-out-age RECIPIENT (with or without --pin-out) or --show-pin"}
	}
	if d.File != "" {
		if _, err := os.Lstat(d.File); err == nil {
			return nil, &Error{Code: "pin_out_exists", Message: fmt.Sprintf("%s exists: a PIN file is never overwritten", d.File),
				Hint: "choose a new file name; keep the old file if a key already has the PIN it holds"}
		}
		if st, err := os.Stat(filepath.Dir(d.File)); err != nil || !st.IsDir() {
			return nil, &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the directory of %s does not exist", d.File),
				Hint: "create the directory first", Err: err}
		}
	}
	return d, nil
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

// Delivered is what the output document says about where the PIN went. It never holds
// the PIN except when the user asked for it with --show-pin (see ShownPIN).
type Delivered struct {
	// File is the file the PIN was written to.
	File string `json:"file,omitempty"`
	// Encrypted says the PIN was encrypted to Recipients with age.
	Encrypted  bool     `json:"encrypted"`
	Recipients []string `json:"recipients,omitempty"`
	// Armored is the age-encrypted PIN (ASCII armor) when no file was given.
	Armored string `json:"armored,omitempty"`
	// Shown says the PIN is in the document's pin field.
	Shown bool `json:"shown"`

	pin fido.PIN
}

// ShownPIN returns the PIN for the document's pin field when --show-pin asked for it,
// nil otherwise.
func (d *Delivered) ShownPIN() *string {
	if d == nil || !d.Shown {
		return nil
	}
	s := d.pin.Reveal()
	return &s
}

// Staged is a PIN on its way: encrypted and written next to its file, not yet visible
// under the file's name.
type Staged struct {
	dest      *Destination
	tmp       string
	delivered *Delivered
}

// Stage writes pin (a line, so --pin-file can read it back; encrypted when there are
// recipients) to a temporary file beside the destination. Call it before setting the
// PIN on the key, then Commit after the key took it or Abort when it did not: the PIN
// is never set without having been written, nor left behind when it was not set.
func (d *Destination) Stage(pin fido.PIN) (*Staged, error) {
	s := &Staged{dest: d, delivered: &Delivered{File: d.File, Shown: d.Show, pin: pin,
		Encrypted: len(d.Recipients) > 0, Recipients: d.recipientNames}}
	if len(d.Recipients) == 0 && d.File == "" {
		return s, nil
	}
	var content []byte
	if len(d.Recipients) > 0 {
		var buf bytes.Buffer
		if err := encrypt(&buf, pin, d.Recipients); err != nil {
			return nil, &Error{Code: "pin_out_failed", Message: "encrypting the PIN failed", Err: err}
		}
		content = buf.Bytes()
	} else {
		content = []byte(pin.Reveal() + "\n")
		defer clear(content)
	}
	if d.File == "" {
		s.delivered.Armored = string(content)
		return s, nil
	}
	tmp, err := safefile.WriteTemp(d.File, "entra-passkey-pin", content, 0o600)
	if err != nil {
		return nil, &Error{Code: "pin_out_failed", Message: fmt.Sprintf("cannot write the PIN next to %s", d.File), Err: err}
	}
	s.tmp = tmp
	return s, nil
}

func encrypt(w io.Writer, pin fido.PIN, recipients []age.Recipient) error {
	aw := armor.NewWriter(w)
	ew, err := age.Encrypt(aw, recipients...)
	if err != nil {
		return err
	}
	line := []byte(pin.Reveal() + "\n")
	defer clear(line)
	if _, err := ew.Write(line); err != nil {
		return err
	}
	if err := ew.Close(); err != nil {
		return err
	}
	return aw.Close()
}

// Commit makes the staged PIN visible under the destination's name, which must still
// not exist, and returns what to report. When that fails, the error names the
// temporary file that still holds the PIN: the key has it, so it must not be lost.
func (s *Staged) Commit() (*Delivered, error) {
	if s.tmp == "" {
		return s.delivered, nil
	}
	if err := safefile.PlaceNew(s.tmp, s.dest.File); err != nil {
		return nil, &Error{Code: "pin_out_failed",
			Message: fmt.Sprintf("the PIN is set on the key but could not be written to %s; it is in %s", s.dest.File, s.tmp),
			Hint:    fmt.Sprintf("move %s to where it belongs; it holds the key's PIN", s.tmp), Err: err}
	}
	s.tmp = ""
	return s.delivered, nil
}

// Abort removes the staged file: the PIN was not set.
func (s *Staged) Abort() {
	if s != nil && s.tmp != "" {
		_ = os.Remove(s.tmp)
		s.tmp = ""
	}
}

// Deliver stages pin at d, calls set (which puts the PIN on the key) and commits the
// delivery when set succeeds, or withdraws it when set fails.
func Deliver(d *Destination, pin fido.PIN, set func() error) (*Delivered, error) {
	staged, err := d.Stage(pin)
	if err != nil {
		return nil, err
	}
	if err := set(); err != nil {
		staged.Abort()
		return nil, err
	}
	return staged.Commit()
}
