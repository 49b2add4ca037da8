package enroll

// Error is a ceremony step's refusal with a stable code.
//
// Codes: challenge_expired, pin_change_required, invalid_credential.
type Error struct {
	Code    string
	Message string
	Hint    string
	Err     error
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

// ErrorHint says what to do about it.
func (e *Error) ErrorHint() string { return e.Hint }
