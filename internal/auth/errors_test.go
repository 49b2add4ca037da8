package auth

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
)

func TestSignInErrorsKeepSecretsOut(t *testing.T) {
	const secret = "s3cret-value-xyz"
	tests := []struct {
		name    string
		body    string
		hintHas string
	}{
		{"bad secret echoed back", `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided: ` + secret + `"}`, "secret or certificate"},
		{"unknown app", `{"error":"unauthorized_client","error_description":"AADSTS700016: Application not found"}`, "client id"},
		{"no consent", `{"error":"invalid_grant","error_description":"AADSTS65001: The user or administrator has not consented"}`, "consent"},
		{"no tenant", `{"error":"invalid_request","error_description":"AADSTS90002: Tenant not found"}`, "--tenant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeEntra(t)
			f.failToken = tt.body
			w := &warnings{}
			cfg := baseConfig(t, f, FlowClientSecret, w)
			cfg.ClientSecret = secret
			_, err := mustNew(t, cfg).Token(t.Context())
			if code(err) != "auth_failed" {
				t.Fatalf("error = %v, want auth_failed", err)
			}
			var ae *Error
			asErr(err, &ae)
			if !strings.Contains(ae.Hint, tt.hintHas) {
				t.Errorf("hint %q lacks %q", ae.Hint, tt.hintHas)
			}
			for what, text := range map[string]string{"message": err.Error(), "struct": fmt.Sprintf("%+v", *ae), "warnings": w.joined()} {
				if strings.Contains(text, secret) {
					t.Errorf("secret in %s: %s", what, text)
				}
			}
		})
	}
}

func TestRedactorIgnoresShortValues(t *testing.T) {
	r := redactor{"", "ab", "longsecret"}
	if got := r.clean("ab longsecret ab"); got != "ab [redacted] ab" {
		t.Errorf("clean = %q", got)
	}
}

// TestRegressionSecretNeverInTheChain: MSAL's error text can quote the request body; the
// Error's chain, followed link by link as --debug does, holds no form of the secret, and
// errors.Is still sees the cause (security review finding 5).
func TestRegressionSecretNeverInTheChain(t *testing.T) {
	secret := "Ab+cd/ef=gh~SECRETPLUS123"
	r := redactor{secret}
	cause := fmt.Errorf("http call(https://x/token)(POST) error: reply status code was 400:\n{\"error\":\"invalid_request\",\"error_description\":\"echo client_secret=%s raw %s\"}: %w",
		url.QueryEscape(secret), secret, context.Canceled)
	e := r.signInError("signing in", cause)
	for link := error(e); link != nil; link = errors.Unwrap(link) {
		if strings.Contains(link.Error(), "SECRETPLUS123") {
			t.Errorf("a link of the chain (%T) holds the secret: %s", link, link.Error())
		}
	}
	if !errors.Is(e, context.Canceled) {
		t.Error("errors.Is no longer reaches the cause")
	}
}

// TestTransportFailuresAreUnavailable: a refused connection at sign-in is
// auth_unavailable (exit 101, retried by scripts), not auth_failed.
func TestTransportFailuresAreUnavailable(t *testing.T) {
	err := redactor{}.signInError("signing in", fmt.Errorf("server response error:\n %w",
		&url.Error{Op: "Post", URL: "https://127.0.0.1:9/token", Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}))
	if err.Code != "auth_unavailable" {
		t.Errorf("code %s, want auth_unavailable", err.Code)
	}
}
