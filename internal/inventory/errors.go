package inventory

import "fmt"

// Error is a report that cannot be written, with a stable code.
//
// Codes: invalid_format, invalid_record, output_failed.
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

func outputFailed(err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: "output_failed", Message: fmt.Sprintf("writing the inventory: %v", err), Err: err}
}

var errNilRecord = &Error{Code: "invalid_record", Message: "no record to write"}
