package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/pinpolicy"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
	"github.com/entra-passkey/entra-passkey/internal/textin"
)

// Bounds on files holding secrets: a PIN is at most 63 bytes (UTF-16 doubles it, a BOM
// and a line ending add a few); client secrets, passwords and tokens are a few KB.
const (
	maxPINFile    = 1 << 10
	maxSecretFile = 64 << 10
)

// pinSource returns the function that gets the PIN when the key asks for one, trying
// in order: --pin-file, --pin-env, a "pin" field of the input document, the terminal.
func (f PINFlags) pinSource(a *app, fromInput *string) enroll.PINFunc {
	return func(ctx context.Context, info *fido.Info) (fido.PIN, error) {
		switch {
		case f.PinFile != "":
			line, err := readPINFile(a, f.PinFile)
			if err != nil {
				return "", err
			}
			return enteredPIN(line, "the PIN file "+f.PinFile)
		case f.PinEnv != "":
			v := a.Getenv(f.PinEnv)
			if v == "" {
				return "", &usageError{msg: fmt.Sprintf("the environment variable %s named by --pin-env is empty or not set", f.PinEnv)}
			}
			return enteredPIN(v, "--pin-env "+f.PinEnv)
		case fromInput != nil:
			return enteredPIN(*fromInput, `the input's "pin" field`)
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
		return enteredPIN(p, "the prompt")
	}
}

// readPINFile returns the first line of a PIN file, decoded from UTF-8 (a byte-order
// mark dropped) or UTF-16 (what Windows PowerShell 5.1 writes with >). Spaces or tabs
// around it are refused: no PIN ends in a space on purpose, and sending one costs a retry.
func readPINFile(a *app, path string) (string, error) {
	data, err := readPrivateFile(a, path, "PIN", "pin_file_permissions", maxPINFile)
	if err != nil {
		return "", err
	}
	defer clear(data)
	return pinFileLine(data, path)
}

// pinFileLine is the PIN line of a PIN file's content.
func pinFileLine(data []byte, path string) (string, error) {
	text, _, err := textin.Decode(data)
	if err != nil {
		return "", fmt.Errorf("reading the PIN file %s: %w", path, err)
	}
	line, _, _ := strings.Cut(string(text), "\n")
	line = strings.TrimSuffix(line, "\r")
	if strings.TrimSpace(line) != line {
		return "", &codedError{code: "pin_whitespace", msg: fmt.Sprintf("the PIN in %s starts or ends with a space or tab", path),
			hint: "write the PIN alone on the file's first line (the key was not asked)"}
	}
	return line, nil
}

// readPrivateFile reads a file holding a secret (what), of at most limit bytes,
// warning with warnCode when other users can read it. A FIFO or pipe is read too
// (`--pin-file <(pass show key)`), and Ctrl-C ends the wait for its writer. Errors
// never carry the content.
func readPrivateFile(a *app, path, what, warnCode string, limit int64) ([]byte, error) {
	data, mode, err := safefile.ReadContext(a.ctx, path, fileRefusedCode, limit)
	if err != nil {
		if a.ctx.Err() != nil {
			return nil, fido.ErrCancelled
		}
		return nil, readError(err, "the "+what+" file")
	}
	if mode&0o077 != 0 {
		a.events.Warn(warnCode, fmt.Sprintf("the %s file %s can be read by other users (mode %04o): chmod 600 it", what, path, mode))
	}
	return data, nil
}

// readError is a file that could not be read: a refusal keeps its own code and hint
// (file_refused), anything else is a usage error naming what was read.
func readError(err error, what string) error {
	var refused *safefile.Error
	if errors.As(err, &refused) {
		return refused
	}
	return &usageError{msg: fmt.Sprintf("cannot read %s: %v", what, unwrapPathError(err))}
}

// unwrapPathError drops the path and operation that os puts in front of the cause.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// enteredPIN checks a PIN given to unlock the key: one that cannot be right (not text,
// a control character, under 4 characters, over 63 bytes) never reaches the key, where
// it would cost a retry. It is sent in NFC, as CTAP asks.
func enteredPIN(p, from string) (fido.PIN, error) {
	p = strings.TrimRight(p, "\r\n")
	if p == "" {
		return "", &usageError{msg: "the PIN from " + from + " is empty"}
	}
	pin := fido.PIN(pinpolicy.Normalize(p))
	if err := pinpolicy.CheckEntered(pin, from); err != nil {
		return "", err
	}
	return pin, nil
}
