package cli

import (
	"errors"
	"fmt"
	"strings"
)

// Interfaces the packages' errors implement; see each package's Error type.
type (
	coder   interface{ ErrorCode() string }
	hinter  interface{ ErrorHint() string }
	retrier interface{ PINRetries() int }
)

// usageError is a command line that cannot run as given.
type usageError struct{ msg, hint string }

func (e *usageError) Error() string     { return e.msg }
func (e *usageError) ErrorCode() string { return "usage" }
func (e *usageError) ErrorHint() string {
	if e.hint != "" {
		return e.hint
	}
	return "see `entra-passkey --help`"
}

// codedError is a CLI-level failure with a stable code.
type codedError struct{ code, msg, hint string }

func (e *codedError) Error() string     { return e.msg }
func (e *codedError) ErrorCode() string { return e.code }
func (e *codedError) ErrorHint() string { return e.hint }

var errNoTerminal = errors.New("no terminal to prompt on")

// rendered is what the user sees of an error.
type rendered struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	Retries *int   `json:"retries,omitempty"`
	// Registered says Graph holds the method although the command failed after that:
	// stdout carries the registration document, which the caller must keep.
	Registered bool `json:"registered,omitempty"`
}

// registeredError is a failure after Graph stored the method (recording it, preparing
// the key): the exit code (3) and the error's "registered" field tell a caller to keep
// the registration document printed on stdout.
type registeredError struct{ err error }

func (e *registeredError) Error() string { return e.err.Error() }
func (e *registeredError) Unwrap() error { return e.err }

func renderError(err error) rendered {
	// An error without a code is a bug; it still gets a documented code.
	r := rendered{Code: "internal", Message: err.Error()}
	var c coder
	if errors.As(err, &c) {
		r.Code = c.ErrorCode()
	}
	var h hinter
	if errors.As(err, &h) {
		r.Hint = h.ErrorHint()
	}
	var rt retrier
	if errors.As(err, &rt) && rt.PINRetries() >= 0 {
		n := rt.PINRetries()
		r.Retries = &n
	}
	var reg *registeredError
	r.Registered = errors.As(err, &reg)
	return r
}

// reportError is the one place an error reaches the user; it returns the exit code.
// Secrets the process read are redacted, and text mode escapes control characters.
func (e *events) reportError(err error) int {
	r := renderError(err)
	r.Message, r.Hint = e.redact(r.Message), e.redact(r.Hint)
	if e.json {
		line := map[string]any{"event": "error", "error": r}
		if e.debug {
			chain := errorChain(err)
			for i := range chain {
				chain[i] = e.redact(chain[i])
			}
			line["chain"] = chain
		}
		e.mu.Lock()
		writeJSONLine(e.w, line)
		e.mu.Unlock()
	} else {
		e.mu.Lock()
		fmt.Fprintf(e.w, "%serror: %s\n", prefix, printable(r.Message))
		if r.Hint != "" {
			fmt.Fprintf(e.w, "%shint: %s\n", prefix, printable(r.Hint))
		}
		if e.debug {
			fmt.Fprintf(e.w, "%sdebug: code %s; cause: %s\n", prefix, r.Code, printable(e.redact(strings.Join(errorChain(err), " <- "))))
		}
		e.mu.Unlock()
	}
	if r.Registered {
		return exitRegistered
	}
	return exitCode(r.Code)
}

// errorChain lists the wrapped errors' own messages, for --debug.
func errorChain(err error) []string {
	var out []string
	for e := err; e != nil; e = unwrapOne(e) {
		out = append(out, fmt.Sprintf("%T: %s", e, e.Error()))
		if len(out) > 8 {
			break
		}
	}
	return out
}

// unwrapOne follows a single cause, including through an errors.Join of one error
// (kong joins the error a command returns).
func unwrapOne(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if errs := j.Unwrap(); len(errs) == 1 {
			return errs[0]
		}
		return nil
	}
	return errors.Unwrap(err)
}
