package auth

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestAccessTokenHandedIn(t *testing.T) {
	now := time.Date(2024, 6, 13, 12, 0, 0, 0, time.UTC)
	graphJWT := func(exp time.Time, aud string) string {
		return fakeJWT(map[string]any{"aud": aud, "exp": exp.Unix(), "tid": fakeTenant, "upn": fakeUser,
			"scp": "UserAuthMethod-Passkey.ReadWrite.All User.Read"})
	}
	valid := graphJWT(now.Add(time.Hour), "https://graph.microsoft.com")
	tests := []struct {
		name     string
		raw      string
		want     string // the token Token returns
		code     string // New's error code
		warnHas  string
		noWarned bool
	}{
		{"trimmed file content", "  " + valid + "\n", valid, "", "", true},
		{"bearer prefix dropped", "Bearer " + valid, valid, "", "", true},
		{"graph app id audience", graphJWT(now.Add(time.Hour), "00000003-0000-0000-c000-000000000000"), "", "", "", true},
		{"opaque token accepted", "opaque-token-value", "opaque-token-value", "", "", true},
		{"expiring soon warns", graphJWT(now.Add(2*time.Minute), "https://graph.microsoft.com"), "", "", "expires in 2m0s", false},
		{"wrong audience warns", graphJWT(now.Add(time.Hour), "https://management.azure.com"), "", "", "not Microsoft Graph", false},
		{"expired refused", graphJWT(now.Add(-time.Second), "https://graph.microsoft.com"), "", "token_expired", "", true},
		{"empty refused", " \n", "", "auth_config_invalid", "", true},
		{"inner space refused", "abc def", "", "token_invalid", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &warnings{}
			s, err := New(Config{Flow: FlowAccessToken, AccessToken: tt.raw, Warn: w.add, Now: func() time.Time { return now }})
			if tt.code != "" {
				if code(err) != tt.code {
					t.Fatalf("New error = %v, want %s", err, tt.code)
				}
				if strings.TrimSpace(tt.raw) != "" && strings.Contains(err.Error(), strings.TrimSpace(tt.raw)) {
					t.Error("token text in the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := mustToken(t, s)
			if tt.want != "" && got != tt.want {
				t.Errorf("Token = %q, want %q", got, tt.want)
			}
			if tt.noWarned && w.joined() != "" {
				t.Errorf("unexpected warning %q", w.joined())
			}
			if !strings.Contains(w.joined(), tt.warnHas) {
				t.Errorf("warnings %q lack %q", w.joined(), tt.warnHas)
			}
			if strings.Contains(w.joined(), got) {
				t.Error("token text in a warning")
			}
		})
	}
}

func TestAccessTokenExpiresDuringRun(t *testing.T) {
	now := time.Date(2024, 6, 13, 12, 0, 0, 0, time.UTC)
	clock := now
	tok := fakeJWT(map[string]any{"aud": "https://graph.microsoft.com", "exp": now.Add(10 * time.Minute).Unix(),
		"tid": fakeTenant, "upn": fakeUser, "scp": "a b"})
	s := mustNew(t, Config{Flow: FlowAccessToken, AccessToken: tok, Now: func() time.Time { return clock }})
	id, err := s.WhoAmI(context.Background())
	if err != nil || id.Source != "token" || id.Username != fakeUser || id.TenantID != fakeTenant ||
		!id.ExpiresOn.Equal(now.Add(10*time.Minute)) || strings.Join(id.Scopes, ",") != "a,b" {
		t.Fatalf("WhoAmI = %+v, %v", id, err)
	}
	clock = now.Add(11 * time.Minute)
	if _, err := s.Token(context.Background()); code(err) != "token_expired" {
		t.Errorf("Token after expiry: %v", err)
	}
}
