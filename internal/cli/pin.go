package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// maxPINBytes is CTAP's limit (§6.5.5.5): longer input is not a PIN.
const maxPINBytes = 63

// pinSource returns the function that gets the PIN when the key asks for one, trying
// in order: --pin-file, --pin-env, a "pin" field of the input document, the terminal.
func (f PINFlags) pinSource(a *app, fromInput *string) enroll.PINFunc {
	return func(ctx context.Context, info *fido.Info) (fido.PIN, error) {
		switch {
		case f.PinFile != "":
			return readPINFile(a, f.PinFile)
		case f.PinEnv != "":
			v := a.Getenv(f.PinEnv)
			if v == "" {
				return "", &usageError{msg: fmt.Sprintf("the environment variable %s named by --pin-env is empty or not set", f.PinEnv)}
			}
			return checkPIN(v, "--pin-env "+f.PinEnv)
		case fromInput != nil:
			return checkPIN(*fromInput, `the input's "pin" field`)
		}
		if a.Prompt == nil {
			return "", fido.ErrPINRequired
		}
		label := "the security key"
		if info != nil && info.Product != "" {
			label = info.Product
		} else if info != nil && info.Path != "" {
			label = info.Path
		}
		p, err := a.ask(a.Prompt, fmt.Sprintf("PIN for %s: ", label))
		if errors.Is(err, errNoTerminal) {
			return "", fido.ErrPINRequired
		}
		if err != nil {
			return "", err
		}
		return checkPIN(p, "the prompt")
	}
}

func readPINFile(a *app, path string) (fido.PIN, error) {
	data, err := readPrivateFile(a, path, "PIN", "pin_file_permissions")
	if err != nil {
		return "", err
	}
	defer clear(data)
	line, _, _ := bufio.NewReader(bytes.NewReader(data)).ReadLine()
	return checkPIN(string(line), "the PIN file")
}

// readPrivateFile reads a file holding a secret (what), warning with warnCode when other
// users can read it. Errors never carry the content.
func readPrivateFile(a *app, path, what, warnCode string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("cannot read the %s file: %v", what, errors.Unwrap(err))}
	}
	if st.Mode().Perm()&0o077 != 0 {
		a.events.Warn(warnCode, fmt.Sprintf("the %s file %s can be read by other users (mode %04o): chmod 600 it", what, path, st.Mode().Perm()))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("cannot read the %s file: %v", what, errors.Unwrap(err))}
	}
	return data, nil
}

func checkPIN(p, from string) (fido.PIN, error) {
	p = strings.TrimRight(p, "\r\n")
	switch {
	case p == "":
		return "", &usageError{msg: "the PIN from " + from + " is empty"}
	case len(p) > maxPINBytes:
		return "", &usageError{msg: fmt.Sprintf("the PIN from %s is longer than %d bytes", from, maxPINBytes)}
	}
	return fido.PIN(p), nil
}
