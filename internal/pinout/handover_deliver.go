package pinout

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// maxHandoverFile bounds what Recover reads.
const maxHandoverFile = maxLetter + 64<<10

// Deliver writes l's hand-over and returns its path: the letter rendered (or the PIN
// alone on the first line), encrypted when there are recipients, created exclusively
// with mode 0600, synced with its directory. An existing file is never overwritten
// (pin_out_exists). Call it before the key takes the PIN.
func (h *Handover) Deliver(l Letter) (string, error) {
	if l.UPN == "" {
		return "", &Error{Code: "pin_out_failed", Message: "a hand-over needs the user's UPN"}
	}
	if l.PIN.Empty() {
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("no PIN to hand over to %s", l.UPN)}
	}
	path := h.Path(l.UPN)
	if _, err := checkDir(h.dir); err != nil {
		return "", err // the directory changed since NewHandover
	}
	if _, err := os.Lstat(path); err == nil {
		return "", exists(path)
	}
	content, err := h.content(l)
	if err != nil {
		return "", err
	}
	defer clear(content)
	data := content
	if h.Encrypted() {
		var buf bytes.Buffer
		if err := encryptBytes(&buf, content, h.recipients); err != nil {
			return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("encrypting the hand-over for %s failed", l.UPN), Err: err}
		}
		data = buf.Bytes()
	}
	if err := safefile.WriteNew(path, data, 0o600); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", exists(path)
		}
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("cannot write the hand-over %s", path), Err: err}
	}
	return path, nil
}

func exists(path string) error {
	return &Error{Code: "pin_out_exists", Message: fmt.Sprintf("%s exists: a hand-over is never overwritten", path),
		Hint: "a key may hold the PIN it has: keep the file, and resume the task rather than start it again"}
}

// content is the hand-over's plain text.
func (h *Handover) content(l Letter) ([]byte, error) {
	pin := l.PIN.Reveal()
	if h.letter == nil {
		return []byte(pin + "\n"), nil
	}
	out, err := render(h.letter, letterData{DisplayName: l.DisplayName, UPN: l.UPN, Serial: l.Serial, PIN: pin})
	if err != nil {
		return nil, &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the letter template fails for %s", l.UPN), Err: redactedError(err, pin)}
	}
	if !bytes.Contains(out, []byte(pin)) {
		clear(out)
		return nil, &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the letter for %s does not show the PIN", l.UPN),
			Hint: "the template hides {{.PIN}} for some users: show it for everyone"}
	}
	return out, nil
}

// encryptBytes writes data encrypted to recipients, ASCII-armored (as the other PIN
// files are, so `age -d` and a mail body both take it).
func encryptBytes(w io.Writer, data []byte, recipients []age.Recipient) error {
	aw := armor.NewWriter(w)
	ew, err := age.Encrypt(aw, recipients...)
	if err != nil {
		return err
	}
	if _, err := ew.Write(data); err != nil {
		return err
	}
	if err := ew.Close(); err != nil {
		return err
	}
	return aw.Close()
}

// Recover reads upn's PIN back from its hand-over (a crashed run's key already holds
// it): a plain file as it is, an age file decrypted with identities. A letter is not
// read back (pin_not_recoverable); a missing file is pin_out_missing (matching
// fs.ErrNotExist): no key was given a PIN from it.
func (h *Handover) Recover(upn string, identities []age.Identity) (fido.PIN, error) {
	path := h.Path(upn)
	if h.letter != nil {
		return "", &Error{Code: "pin_not_recoverable", Message: fmt.Sprintf("the PIN of %s is in a hand-over letter (%s), which is not read back", upn, path),
			Hint: "read the letter and give the PIN (--pin-file), or reset the key"}
	}
	data, err := safefile.ReadFile(path, "pin_out_failed", maxHandoverFile, true)
	if errors.Is(err, fs.ErrNotExist) {
		return "", &Error{Code: "pin_out_missing", Message: fmt.Sprintf("%s has no hand-over (%s does not exist)", upn, path), Err: err}
	}
	if err != nil {
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("cannot read the hand-over %s", path), Err: err}
	}
	defer clear(data)
	if h.Encrypted() {
		if len(identities) == 0 {
			return "", &Error{Code: "pin_not_recoverable", Message: fmt.Sprintf("the hand-over %s is encrypted and no age identity was given", path),
				Hint: "give the identity (private key) of one of the hand-over's recipients"}
		}
		var src io.Reader = bytes.NewReader(data)
		if bytes.HasPrefix(data, []byte(armor.Header)) {
			src = armor.NewReader(src)
		}
		r, err := age.Decrypt(src, identities...)
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return "", &Error{Code: "pin_not_recoverable", Message: fmt.Sprintf("none of the identities given decrypts the hand-over %s", path), Err: err,
				Hint: "give the identity (private key) of one of the hand-over's recipients"}
		}
		if err != nil {
			return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the hand-over %s is not an age file, or is damaged", path), Err: err}
		}
		plain, err := safefile.ReadAll(r, maxHandoverFile)
		if err != nil {
			return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the hand-over %s does not decrypt whole", path), Err: err}
		}
		defer clear(plain)
		data = plain
	}
	pin, reason := pinLine(data)
	if reason != "" {
		return "", &Error{Code: "pin_out_failed", Message: fmt.Sprintf("the hand-over %s: %s", path, reason)}
	}
	return pin, nil
}

// pinLine is the PIN on a hand-over's first line, or why there is none. The reason
// never quotes the line.
func pinLine(data []byte) (fido.PIN, string) {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	s := string(line)
	switch {
	case s == "":
		return "", "its first line is empty"
	case len(s) > fido.MaxPINLength:
		return "", fmt.Sprintf("its first line is longer than a PIN (%d bytes)", fido.MaxPINLength)
	case !utf8.ValidString(s):
		return "", "its first line is not UTF-8 text"
	case strings.ContainsFunc(s, unicode.IsControl):
		return "", "its first line holds control characters"
	case strings.TrimSpace(s) != s:
		return "", "its first line starts or ends with a space"
	}
	return fido.PIN(s), ""
}
