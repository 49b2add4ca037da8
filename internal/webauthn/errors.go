package webauthn

// Error is bad input with a stable code and, when it concerns one field, its JSON path.
//
// Codes: invalid_json (not JSON, or a field of the wrong type), input_too_large,
// invalid_options (a field missing or malformed), unsupported_rp (rp.id is not an Entra
// ID relying party), invalid_display_name, display_name_too_long, invalid_attestation
// (an attestationObject or authenticator data that does not decode), invalid_body (a
// Graph POST body that is not exactly displayName and publicKeyCredential).
type Error struct {
	Code  string
	Field string
	Msg   string
	Err   error
}

func (e *Error) Error() string {
	msg := e.Msg
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the stable code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorHint says what to do about it.
func (e *Error) ErrorHint() string {
	switch e.Code {
	case "invalid_json", "invalid_options", "input_too_large":
		return "pipe in the output of `entra-passkey get-options`, or Graph's creationOptions response as `Invoke-MgGraphRequest -OutputType Json` returns it"
	case "unsupported_rp":
		return "these options were not issued by Entra ID; fetch them from Graph's fido2Methods/creationOptions"
	case "invalid_display_name", "display_name_too_long":
		return "give --display-name with 1 to 30 characters"
	}
	return ""
}

func errorf(code, field, msg string) *Error { return &Error{Code: code, Field: field, Msg: msg} }
