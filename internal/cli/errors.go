package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit codes. Kong's usage errors are 80; the rest follow sysexits-like groups that
// scripts can branch on. Documented in README.md.
const (
	exitOK           = 0
	exitFailure      = 1
	exitUsage        = 80
	exitPrecondition = 82
	exitForbidden    = 83
	exitUnavailable  = 101
	exitCancelled    = 130
)

// exitCodes maps error codes to exit codes; codes not listed exit 1.
var exitCodes = map[string]int{
	"usage":                 exitUsage,
	"no_device":             exitPrecondition,
	"multiple_devices":      exitPrecondition,
	"device_not_found":      exitPrecondition,
	"pin_not_set":           exitPrecondition,
	"pin_blocked":           exitPrecondition,
	"pin_change_required":   exitPrecondition,
	"uv_unsupported":        exitPrecondition,
	"unsupported_algorithm": exitPrecondition,
	"credential_excluded":   exitPrecondition,
	"key_full":              exitPrecondition,
	"challenge_expired":     exitPrecondition,
	"software_key_refused":  exitPrecondition,
	"graph_forbidden":       exitForbidden,
	"graph_unavailable":     exitUnavailable,
	"cancelled":             exitCancelled,
}

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
}

func renderError(err error) rendered {
	r := rendered{Code: "error", Message: err.Error()}
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
	return r
}

// reportError is the one place an error reaches the user; it returns the exit code.
func reportError(w io.Writer, jsonFormat, debug bool, err error) int {
	r := renderError(err)
	if jsonFormat {
		line := map[string]any{"event": "error", "error": r}
		if debug {
			line["chain"] = errorChain(err)
		}
		writeJSONLine(w, line)
	} else {
		fmt.Fprintf(w, "%serror: %s\n", prefix, r.Message)
		if r.Hint != "" {
			fmt.Fprintf(w, "%shint: %s\n", prefix, r.Hint)
		}
		if debug {
			fmt.Fprintf(w, "%sdebug: code %s; cause: %s\n", prefix, r.Code, strings.Join(errorChain(err), " <- "))
		}
	}
	if code, ok := exitCodes[r.Code]; ok {
		return code
	}
	if code, ok := graphExitCodes[r.Code]; ok {
		return code
	}
	if code, ok := prepExitCodes[r.Code]; ok {
		return code
	}
	return exitFailure
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
