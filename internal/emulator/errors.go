package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Error is a failure to load a seed or start the emulator.
type Error struct {
	// Code is "seed_invalid" or "emulator_start_failed".
	Code string
	Op   string
	Err  error
}

// Error renders the failure on one line.
func (e *Error) Error() string { return fmt.Sprintf("%s: %v", e.Op, e.Err) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the stable code the CLI shows.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorHint says what to do about it.
func (e *Error) ErrorHint() string {
	if e.Code == "seed_invalid" {
		return "fix the seed file; its format is documented in the emulator package"
	}
	return "check the listen address and that the certificate directory is writable"
}

func seedError(op string, err error) error { return &Error{Code: "seed_invalid", Op: op, Err: err} }
func startError(op string, err error) error {
	return &Error{Code: "emulator_start_failed", Op: op, Err: err}
}

// graphError is one Graph error answer: status, error.code and error.message.
type graphError struct {
	status  int
	code    string
	message string
}

func (e *graphError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func gerr(status int, code, format string, args ...any) *graphError {
	return &graphError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// The body-shape refusal, verbatim from Graph.
const missingEntityMessage = "The request is missing a fido2AuthenticationMethod entity with a displayName " +
	"and publicKeyCredential in the request body. All other properties will be ignored."

// Errors Graph answers outside registration verification.
var (
	errMethodNotAllowed = gerr(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "The method is not supported for this URL.")
	errMissingEntity    = gerr(http.StatusBadRequest, CodeBadRequest, missingEntityMessage)
)

// writeGraphError writes Graph's error envelope; the innerError repeats the message,
// as real answers do, and carries the ids support asks for.
func (s *Server) writeGraphError(w http.ResponseWriter, e *graphError) {
	type inner struct {
		Message         string `json:"message"`
		Date            string `json:"date"`
		RequestID       string `json:"request-id"`
		ClientRequestID string `json:"client-request-id"`
	}
	type body struct {
		Error struct {
			Code       string `json:"code"`
			Message    string `json:"message"`
			InnerError inner  `json:"innerError"`
		} `json:"error"`
	}
	var b body
	b.Error.Code, b.Error.Message = e.code, e.message
	b.Error.InnerError = inner{
		Message:         e.message,
		Date:            s.now().UTC().Format("2006-01-02T15:04:05"),
		RequestID:       w.Header().Get("request-id"),
		ClientRequestID: w.Header().Get("client-request-id"),
	}
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="", authorization_uri="`+s.Authority()+
			`/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`)
	}
	writeJSON(w, e.status, b)
}

// oauthError is an Entra token-endpoint error (RFC 6749 section 5.2 plus AADSTS codes).
type oauthError struct {
	status      int
	err         string
	aadsts      int
	description string
}

func oerr(status int, err string, aadsts int, format string, args ...any) *oauthError {
	return &oauthError{status: status, err: err, aadsts: aadsts, description: fmt.Sprintf(format, args...)}
}

func (s *Server) writeOAuthError(w http.ResponseWriter, e *oauthError) {
	rid := w.Header().Get("request-id")
	writeJSON(w, e.status, map[string]any{
		"error":             e.err,
		"error_description": fmt.Sprintf("AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s", e.aadsts, e.description, rid, w.Header().Get("client-request-id"), s.now().UTC().Format("2006-01-02 15:04:05Z")),
		"error_codes":       []int{e.aadsts},
		"timestamp":         s.now().UTC().Format("2006-01-02 15:04:05Z"),
		"trace_id":          rid,
		"correlation_id":    w.Header().Get("client-request-id"),
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	writeJSONBody(w, status, v)
}

func writeJSONBody(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encoding the response failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
