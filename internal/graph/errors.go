package graph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Error is a failed Graph call, or input the client refused before calling Graph.
// It keeps what support needs to find the call in Graph's logs, and Graph's own words.
//
// Codes (ErrorCode): graph_unauthorized, graph_forbidden, user_not_found, method_not_found,
// policy_not_found, group_not_found, graph_bad_request, graph_conflict, challenge_expired, graph_throttled,
// graph_unavailable, graph_outcome_unknown, graph_server_error, graph_request_failed, graph_tls_failed,
// graph_invalid_response, graph_config_invalid, invalid_user, invalid_method_id,
// invalid_challenge_timeout, invalid_registration.
type Error struct {
	// Op says what the client was doing, e.g. "registering the credential".
	Op string
	// Status is the HTTP status of the last attempt; 0 when no response arrived.
	Status int
	// GraphCode and Message are Graph's error.code and error.message, verbatim.
	// Message is the client's own description when Graph sent none.
	GraphCode string
	Message   string
	// RequestID, ClientRequestID and Date identify the call in Graph's logs.
	RequestID       string
	ClientRequestID string
	Date            string
	// RetryAfter is what Graph asked to wait, if it said.
	RetryAfter time.Duration
	// Attempts is how many HTTP requests the call made.
	Attempts int
	// Err is the underlying cause (a transport error, a decoding error), if any.
	Err error

	code, hint string
}

// Error renders the failure on one line, with Graph's message verbatim.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	switch {
	case e.Status != 0:
		fmt.Fprintf(&b, "graph answered %d", e.Status)
		if e.GraphCode != "" {
			fmt.Fprintf(&b, " %s", e.GraphCode)
		}
		if e.Message != "" {
			fmt.Fprintf(&b, ": %s", e.Message)
		}
	case e.Message != "":
		b.WriteString(e.Message)
	}
	if e.Err != nil {
		if e.Status != 0 || e.Message != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request-id %s]", e.RequestID)
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the stable snake_case code the CLI maps to an exit code.
func (e *Error) ErrorCode() string { return e.code }

// ErrorHint says what to do about it, in one short sentence.
func (e *Error) ErrorHint() string { return e.hint }

// target says what a request addressed, which decides what a 404 or 403 means.
type target int

const (
	targetUser target = iota
	targetMethod
	targetPolicy
	targetGroup     // a group and its members
	targetDirectory // a user read with $select, a membership change
)

// Graph's permission names and roles, for hints.
const (
	hintForbiddenUser = "grant UserAuthMethod-Passkey.ReadWrite.All (least privileged); a delegated " +
		"sign-in also needs the Authentication Administrator or Privileged Authentication Administrator role"
	hintForbiddenPolicy = "grant Policy.Read.AuthenticationMethod to read the FIDO2 policy"
	hintForbiddenGroup  = "grant GroupMember.Read.All (least privileged; Group.Read.All or Directory.Read.All also do) " +
		"to read a group and its members; removing members needs GroupMember.ReadWrite.All"
	hintForbiddenDirectory = "grant User.Read.All to read users' accountEnabled and userType (User.ReadBasic.All does not include them)"
)

// envelope is Graph's error body.
type envelope struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError struct {
			Date            string `json:"date"`
			RequestID       string `json:"request-id"`
			ClientRequestID string `json:"client-request-id"`
		} `json:"innerError"`
	} `json:"error"`
}

// statusError builds the Error for a non-success response, keeping Graph's envelope.
func statusError(op string, tgt target, rep *reply, now time.Time) *Error {
	e := &Error{
		Op:              op,
		Status:          rep.status,
		RequestID:       rep.header.Get("request-id"),
		ClientRequestID: rep.header.Get("client-request-id"),
		Date:            rep.header.Get("Date"),
	}
	var env envelope
	if json.Unmarshal(rep.body, &env) == nil && (env.Error.Code != "" || env.Error.Message != "") {
		e.GraphCode, e.Message = env.Error.Code, env.Error.Message
		in := env.Error.InnerError
		e.RequestID = firstNonEmpty(in.RequestID, e.RequestID)
		e.ClientRequestID = firstNonEmpty(in.ClientRequestID, e.ClientRequestID)
		e.Date = firstNonEmpty(in.Date, e.Date)
	} else {
		e.Message = http.StatusText(rep.status)
	}
	if d, ok := parseRetryAfter(rep.header.Get("Retry-After"), now); ok {
		e.RetryAfter = d
	}
	e.code, e.hint = classify(tgt, e.Status, e.GraphCode, e.Message)
	return e
}

// classify maps a response to the CLI's stable code and a hint.
func classify(tgt target, status int, graphCode, message string) (code, hint string) {
	text := strings.ToLower(graphCode + " " + message)
	switch {
	case strings.Contains(text, "challenge") && (strings.Contains(text, "expire") || strings.Contains(text, "timeout")):
		return "challenge_expired", "fetch new creation options and make the credential again"
	case status == http.StatusUnauthorized:
		return "graph_unauthorized", "sign in again (entra-passkey login); the token must be for Microsoft Graph"
	case status == http.StatusForbidden && tgt == targetPolicy:
		return "graph_forbidden", hintForbiddenPolicy
	case status == http.StatusForbidden && tgt == targetGroup:
		return "graph_forbidden", hintForbiddenGroup
	case status == http.StatusForbidden && tgt == targetDirectory:
		return "graph_forbidden", hintForbiddenDirectory
	case status == http.StatusNotFound && tgt == targetGroup:
		return "group_not_found", "check the group's object id or display name"
	case status == http.StatusForbidden:
		return "graph_forbidden", hintForbiddenUser
	case status == http.StatusNotFound && tgt == targetMethod:
		return "method_not_found", "list the user's methods to see their ids (entra-passkey methods list)"
	case status == http.StatusNotFound && tgt == targetPolicy:
		return "policy_not_found", "check the tenant has the FIDO2 authentication method policy"
	case status == http.StatusNotFound:
		return "user_not_found", "check the user's object id or UPN; guest users can't have passkeys"
	case status == http.StatusBadRequest:
		return "graph_bad_request", "graph refused the request as sent; its message says why"
	case status == http.StatusConflict:
		return "graph_conflict", "the credential may already be registered; list the user's methods"
	case status == http.StatusTooManyRequests:
		return "graph_throttled", "graph is throttling this tenant or app; wait and try again"
	case status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout:
		return "graph_unavailable", "graph is busy or unreachable; try again later"
	case status >= 500:
		return "graph_server_error", "graph failed; try again later and quote the request-id if it persists"
	default:
		return "graph_request_failed", "graph refused the request; its message says why"
	}
}

// inputError is the client's refusal of input before any request is made.
func inputError(code, message, hint string) *Error {
	return &Error{Message: message, code: code, hint: hint}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
