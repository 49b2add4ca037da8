package roster

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is a row that was not read as an entry. It is reported and the read goes on.
//
// Codes: empty_user, invalid_user, invalid_field, duplicate_user, bad_row.
type Problem struct {
	// Line is the 1-based line the row starts on.
	Line int `json:"line"`
	// Code is stable; Message says what is wrong without repeating control characters.
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is a roster that cannot be read at all, with a stable code.
//
// Codes: invalid_format, roster_encoding, roster_too_large, input_failed.
type Error struct {
	Code string
	// Line is the line the read stopped at, 0 when it is not about a line.
	Line    int
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

func lineError(code string, line int, hint, format string, args ...any) *Error {
	return &Error{Code: code, Line: line, Hint: hint, Message: fmt.Sprintf("roster line %d: ", line) + fmt.Sprintf(format, args...)}
}

const encodingHint = "save the roster as CSV UTF-8, or as Unicode text (UTF-16 with a byte-order mark)"

// maxQuoted is how much of a value a message shows.
const maxQuoted = 64

// quote shows a value from the roster in a message: quoted, escaped (no control or
// bidirectional characters reach a terminal, U+FFFD shows as its code) and cut to
// maxQuoted runes.
func quote(s string) string {
	suffix := ""
	if utf8.RuneCountInString(s) > maxQuoted {
		s, suffix = string([]rune(s)[:maxQuoted]), "…"
	}
	return strings.ReplaceAll(strconv.Quote(s), "\uFFFD", `\ufffd`) + suffix
}
