package auth

import (
	"fmt"
	"strings"
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
