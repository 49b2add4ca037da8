package pinout

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"text/template"

	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// maxLetter bounds a letter template and a rendered letter.
const maxLetter = 1 << 20

// ReadLetterTemplate reads and checks a letter template file (a regular file others
// cannot write: it decides what is written next to each PIN) and returns its text.
func ReadLetterTemplate(path string) (string, error) {
	f, mode, err := safefile.OpenRead(path, "invalid_letter_template", false)
	if err != nil {
		return "", letterFileError(path, err)
	}
	defer f.Close()
	if mode&0o022 != 0 {
		return "", &Error{Code: "invalid_letter_template", Message: fmt.Sprintf("other users can write the letter template %s (mode %04o)", path, mode),
			Hint: "chmod go-w it"}
	}
	data, err := safefile.ReadAll(f, maxLetter)
	if err != nil {
		return "", letterFileError(path, err)
	}
	text := string(data)
	if _, err := parseLetter(text); err != nil {
		return "", err
	}
	return text, nil
}

func letterFileError(path string, err error) error {
	var refused *safefile.Error
	if errors.As(err, &refused) {
		return &Error{Code: "invalid_letter_template", Message: refused.Error(), Hint: refused.Hint, Err: err}
	}
	if errors.Is(err, safefile.ErrTooLarge) {
		return &Error{Code: "invalid_letter_template", Message: fmt.Sprintf("the letter template %s is larger than %d bytes", path, maxLetter), Err: err}
	}
	return &Error{Code: "invalid_letter_template", Message: fmt.Sprintf("cannot read the letter template %s", path), Err: err}
}

// letterData is what a template sees: the PIN as text (a fido.PIN prints as [redacted]).
type letterData struct {
	DisplayName, UPN, Serial, PIN string
}

// samplePIN is the PIN a template is tried with: a letter must show it whole.
const samplePIN = "PIN-5e1f0c7a93"

// parseLetter parses a letter template and renders it once for a sample user, so a
// template that fails, or does not show the PIN, is refused before any key is touched.
func parseLetter(text string) (*template.Template, error) {
	if len(text) > maxLetter {
		return nil, &Error{Code: "invalid_letter_template", Message: fmt.Sprintf("the letter template is larger than %d bytes", maxLetter)}
	}
	t, err := template.New("letter").Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, &Error{Code: "invalid_letter_template", Message: fmt.Sprintf("the letter template does not parse: %v", err),
			Hint: "it is a Go text/template with the fields {{.DisplayName}} {{.UPN}} {{.Serial}} {{.PIN}}", Err: err}
	}
	out, err := render(t, letterData{DisplayName: "Adele Vance", UPN: "adele@contoso.com", Serial: "12345678", PIN: samplePIN})
	if err != nil {
		return nil, &Error{Code: "invalid_letter_template", Message: fmt.Sprintf("the letter template fails: %v", err),
			Hint: "it is a Go text/template with the fields {{.DisplayName}} {{.UPN}} {{.Serial}} {{.PIN}}", Err: err}
	}
	if !bytes.Contains(out, []byte(samplePIN)) {
		return nil, &Error{Code: "invalid_letter_template", Message: "the letter template does not show the PIN",
			Hint: "put {{.PIN}} in it: the letter is where the user finds the key's PIN"}
	}
	clear(out)
	return t, nil
}

// render executes t into at most maxLetter bytes.
func render(t *template.Template, d letterData) ([]byte, error) {
	w := &boundedBuffer{}
	if err := t.Execute(w, d); err != nil {
		clear(w.b)
		return nil, err
	}
	return w.b, nil
}

var errLetterTooLarge = fmt.Errorf("the letter is larger than %d bytes", maxLetter)

type boundedBuffer struct{ b []byte }

func (w *boundedBuffer) Write(p []byte) (int, error) {
	if len(w.b)+len(p) > maxLetter {
		return 0, errLetterTooLarge
	}
	w.b = append(w.b, p...)
	return len(p), nil
}

// redactedError is a template error for a real user, with the PIN taken out of it.
func redactedError(err error, pin string) error {
	return errors.New(strings.ReplaceAll(err.Error(), pin, "[redacted]"))
}
