package bulk

import "fmt"

// Error is a rollout failure with a stable code.
type Error struct {
	Code    string
	Message string
	Hint    string
	Err     error
	// Retryable says the task may succeed if run again (another key, Graph back).
	Retryable bool
}

func (e *Error) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the stable code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorHint says what to do.
func (e *Error) ErrorHint() string { return e.Hint }

func errorf(code, format string, a ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, a...)}
}
