package pinout

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"text/template"

	"filippo.io/age"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// Letter is what a rollout hands one user over with their key.
type Letter struct {
	DisplayName, UPN, Serial string
	PIN                      fido.PIN
}

// Handover is a rollout's per-user PIN sink: one new file per user in a directory,
// the PIN alone on its first line or a letter rendered from a template, encrypted to
// age recipients unless plain files were asked for. It is checked whole by
// NewHandover, before any key is touched, and is safe for concurrent use.
type Handover struct {
	dir            string
	recipients     []age.Recipient
	recipientNames []string
	letter         *template.Template
}

// NewHandover checks a hand-over's flags: dir must exist and be a directory (not a
// symlink) that others cannot write; recipients are age recipients (age1...);
// letterTemplate is a text/template file ("" for none) with the fields .DisplayName,
// .UPN, .Serial and .PIN, which it must show; plain must be given when there are no
// recipients (and only then), so that unencrypted PIN files are always asked for.
func NewHandover(dir string, recipients []string, letterTemplate string, plain bool) (*Handover, error) {
	text := ""
	if letterTemplate != "" {
		var err error
		if text, err = ReadLetterTemplate(letterTemplate); err != nil {
			return nil, err
		}
	}
	return NewHandoverTemplate(dir, recipients, text, plain)
}

// NewHandoverTemplate is NewHandover with the letter template's text ("" for none)
// rather than its file: what a job stores, so that every station renders the same
// letter.
func NewHandoverTemplate(dir string, recipients []string, letterText string, plain bool) (*Handover, error) {
	abs, err := checkDir(dir)
	if err != nil {
		return nil, err
	}
	h := &Handover{dir: abs}
	if len(recipients) > 0 {
		d, err := New("", recipients, nil, false)
		if err != nil {
			return nil, err
		}
		h.recipients, h.recipientNames = d.Recipients, d.recipientNames
	}
	if letterText != "" {
		if h.letter, err = parseLetter(letterText); err != nil {
			return nil, err
		}
	}
	switch {
	case len(h.recipients) == 0 && !plain:
		return nil, &Error{Code: "pin_destination_required", Message: "hand-over files without age recipients would hold PINs in clear",
			Hint: "give --pin-out-age RECIPIENT, or ask for plain 0600 files with --pin-out-plain"}
	case len(h.recipients) > 0 && plain:
		return nil, &Error{Code: "pin_destination_required", Message: "plain hand-over files were asked for, and age recipients too",
			Hint: "give either --pin-out-age RECIPIENT or --pin-out-plain"}
	}
	return h, nil
}

// Encrypted reports whether hand-overs are encrypted to age recipients.
func (h *Handover) Encrypted() bool { return len(h.recipients) > 0 }

// Recipients are the age recipients as given, for the output document.
func (h *Handover) Recipients() []string { return append([]string(nil), h.recipientNames...) }

// Kind is "file", "age", "letter" or "age-letter".
func (h *Handover) Kind() string {
	switch {
	case h.letter != nil && h.Encrypted():
		return "age-letter"
	case h.letter != nil:
		return "letter"
	case h.Encrypted():
		return "age"
	}
	return "file"
}

// Path is upn's hand-over file: in the directory, named after the lower-cased UPN with
// every character but a-z, 0-9, @ . _ and - made '_' (so no name leaves the directory
// or starts with a dot), then .txt for a letter and .age when encrypted. Two UPNs that
// differ only in replaced characters share a name: the second hand-over is refused
// (pin_out_exists), never written over the first.
func (h *Handover) Path(upn string) string {
	name := fileName(upn)
	if h.letter != nil {
		name += ".txt"
	}
	if h.Encrypted() {
		name += ".age"
	}
	return filepath.Join(h.dir, name)
}

// maxName bounds a file name's UPN part, leaving room for the extensions under the
// 255 bytes file systems allow.
const maxName = 200

func fileName(upn string) string {
	lower := strings.ToLower(upn)
	name := make([]byte, 0, len(lower))
	for _, r := range lower {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '@', r == '.', r == '_', r == '-':
			name = append(name, byte(r))
		default:
			name = append(name, '_')
		}
	}
	for i := 0; i < len(name) && name[i] == '.'; i++ {
		name[i] = '_'
	}
	if len(name) == 0 {
		return "_"
	}
	if reservedOnWindows(string(name)) {
		name = append([]byte{'_'}, name...)
	}
	if len(name) > maxName {
		sum := sha256.Sum256([]byte(upn))
		name = append(name[:maxName-17], '-')
		name = append(name, hex.EncodeToString(sum[:8])...)
	}
	return string(name)
}

// reservedOnWindows reports whether Windows takes a file named name (with any
// extension) for a device: CON, PRN, AUX, NUL, COM0-9, LPT0-9.
func reservedOnWindows(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	switch base {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && '0' <= base[3] && base[3] <= '9'
}
