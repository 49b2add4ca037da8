package auth

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net"
	"net/url"
	"strings"

	"github.com/entra-passkey/entra-passkey/internal/redact"
)

// Error is a sign-in failure with a stable code. Its message never holds a secret
// or a token: known secret values are redacted from every cause's text.
//
// Codes: auth_config_invalid, auth_failed, auth_unavailable, auth_tls_failed,
// auth_cancelled, login_required, token_expired, token_invalid, cache_failed, and the
// code of a refusal below MSAL (redirect_refused).
type Error struct {
	Code    string
	Message string
	Hint    string
	// Err is the cause (often an MSAL error); Message already carries its redacted text.
	Err error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause, so errors.Is(err, context.Canceled) works.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the stable snake_case code the CLI maps to an exit code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorHint says what to do about it.
func (e *Error) ErrorHint() string { return e.Hint }

func configError(msg, hint string) *Error {
	return &Error{Code: "auth_config_invalid", Message: msg, Hint: hint}
}

// redactor removes the secrets a Source holds from text bound for messages.
type redactor []string

// clean replaces every secret in s, in each form an echo could carry it.
func (r redactor) clean(s string) string { return redact.String(s, r) }

// signInError classifies a failure of a sign-in flow.
func (r redactor) signInError(op string, err error) *Error {
	var ae *Error
	if errors.As(err, &ae) {
		return ae
	}
	text := r.clean(err.Error())
	if desc := entraDescription(text); desc != "" {
		// Cleaned again once decoded: JSON may have escaped a secret's "+" as \u002B.
		text = r.clean(desc)
	}
	e := &Error{Code: "auth_failed", Message: op + ": " + text, Err: &redacted{msg: text, cause: err},
		Hint: "check the tenant, the client id and the credential; the message above is Entra's"}
	var coded interface {
		ErrorCode() string
		ErrorHint() string
	}
	var tlsErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var badHost x509.HostnameError
	text = strings.ToLower(err.Error())
	switch {
	case errors.As(err, &coded):
		// A refusal of our own below MSAL (a redirect) keeps its code and hint.
		e.Code, e.Hint = coded.ErrorCode(), coded.ErrorHint()
	case errors.As(err, &tlsErr) || errors.As(err, &unknownCA) || errors.As(err, &badHost):
		e.Code, e.Hint = "auth_tls_failed", "the sign-in endpoint's TLS certificate is not trusted: check --authority (for the emulator, its CA file)"
	case !errors.Is(err, context.Canceled) && isTransportError(err):
		// Before the DeadlineExceeded case: http.Client.Timeout's error also "is" one.
		e.Code, e.Hint = "auth_unavailable", "the sign-in endpoint did not answer: check the network, the proxy and --authority, then try again"
	case errors.Is(err, context.Canceled):
		e.Code, e.Message, e.Hint = "auth_cancelled", op+": cancelled", "sign in again when ready"
	case errors.Is(err, context.DeadlineExceeded) || strings.Contains(text, "expired_token"):
		e.Hint = "the sign-in timed out or its code expired; run login again"
	case strings.Contains(text, "authorization_declined") || strings.Contains(text, "access_denied"):
		e.Code, e.Hint = "auth_cancelled", "the sign-in was declined; sign in again and accept"
	case strings.Contains(text, "aadsts65001") || strings.Contains(text, "consent_required") || strings.Contains(text, "declined scopes"):
		e.Hint = "an admin must consent to UserAuthMethod-Passkey.ReadWrite.All for this app"
	case strings.Contains(text, "aadsts7000215") || strings.Contains(text, "aadsts7000222") || strings.Contains(text, "invalid_client"):
		e.Hint = "the client secret or certificate is wrong or expired"
	case strings.Contains(text, "aadsts700016") || strings.Contains(text, "unauthorized_client"):
		e.Hint = "the client id is not an app in this tenant, or the app does not allow this flow"
	case strings.Contains(text, "aadsts90002") || strings.Contains(text, "aadsts90023"):
		e.Hint = "the tenant does not exist; check --tenant"
	}
	return e
}

// isTransportError reports whether err is a failure to reach the endpoint at all:
// refused, reset, unresolvable, cut off, timed out on the wire. Only http.Client.Do
// returns a *url.Error, and the redirect and TLS cases are decided before this.
func isTransportError(err error) bool {
	var ue *url.Error
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &ue) || errors.As(err, &opErr) || errors.As(err, &dnsErr)
}

// redacted is a cause whose text has had the secrets removed. It has no Unwrap: an
// error chain printed link by link (--debug) must end here, since the links below hold
// MSAL's raw text, which can quote the request body with the client secret in it. Is
// and As still reach the cause, so errors.Is(err, context.Canceled) keeps working.
type redacted struct {
	msg   string
	cause error
}

func (e *redacted) Error() string        { return e.msg }
func (e *redacted) Is(target error) bool { return errors.Is(e.cause, target) }
func (e *redacted) As(target any) bool   { return errors.As(e.cause, target) }

// entraDescription pulls error_description out of the OAuth error body MSAL quotes in its
// "http call(...) error: reply status code was 400:\n{...}" messages.
func entraDescription(text string) string {
	i := strings.Index(text, "{")
	if i < 0 {
		return ""
	}
	var body struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.NewDecoder(strings.NewReader(text[i:])).Decode(&body) != nil {
		return ""
	}
	if body.Description == "" {
		return body.Error
	}
	// Entra appends trace and correlation ids on new lines; the first line says it all.
	desc, _, _ := strings.Cut(body.Description, "\r\n")
	desc, _, _ = strings.Cut(desc, "\n")
	return desc
}
