package auth

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDeviceCodeLoginCacheWhoAmILogout(t *testing.T) {
	f := newFakeEntra(t)
	f.pending = 1
	var shown []string
	cfg := baseConfig(t, f, FlowDeviceCode, &warnings{})
	cfg.ShowDeviceCode = func(m string) { shown = append(shown, m) }
	s := mustNew(t, cfg)
	ctx := context.Background()

	id, err := s.Login(ctx)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if len(shown) != 1 || !strings.Contains(shown[0], "ABCD-EFGH") {
		t.Errorf("device code message shown = %q", shown)
	}
	want := Identity{Flow: FlowDeviceCode, Source: "cache", Username: fakeUser, Name: "Admin", TenantID: fakeTenant,
		HomeAccountID: fakeUserOID + "." + fakeTenant, ObjectID: fakeUserOID, ClientID: fakeClientID,
		Audience: []string{"https://graph.microsoft.com"}, Scopes: []string{PasskeyScope}}
	got := *id
	got.ExpiresOn = got.ExpiresOn.UTC().Truncate(0)
	if got.ExpiresOn.IsZero() {
		t.Error("no expiry")
	}
	got.ExpiresOn = want.ExpiresOn
	if !equalIdentity(got, want) {
		t.Errorf("Login identity = %+v\nwant %+v", got, want)
	}
	if g := f.grantTypes(); !slices.Equal(g, []string{deviceGrant, deviceGrant}) {
		t.Errorf("grants = %v, want two device code polls", g)
	}
	scope := f.grants[0].Get("scope")
	if !strings.Contains(scope, "https://graph.microsoft.com/"+PasskeyScope) {
		t.Errorf("scope %q lacks the passkey permission", scope)
	}

	// A later run (new Source, same cache): silent, no prompt, no token request.
	later := mustNew(t, cfg)
	mustToken(t, later)
	if len(shown) != 1 || len(f.grantTypes()) != 2 {
		t.Errorf("cached sign-in prompted again or asked Entra: shown %d, grants %v", len(shown), f.grantTypes())
	}
	who, err := later.WhoAmI(ctx)
	if err != nil || who.Username != fakeUser || who.Source != "cache" || who.HomeAccountID == "" {
		t.Errorf("WhoAmI = %+v, %v", who, err)
	}

	removed, err := later.Logout(ctx)
	if err != nil || !slices.Equal(removed, []string{fakeUser}) {
		t.Fatalf("Logout = %v, %v", removed, err)
	}
	if _, err := statErr(cfg.CachePath); err == nil {
		t.Error("cache file still there after logout")
	}
	cfg.NoPrompt = true
	after := mustNew(t, cfg)
	if _, err := after.WhoAmI(ctx); code(err) != "login_required" {
		t.Errorf("WhoAmI after logout: %v", err)
	}
	if _, err := after.Token(ctx); code(err) != "login_required" {
		t.Errorf("Token with NoPrompt after logout: %v", err)
	}
}

func TestInteractiveBrowser(t *testing.T) {
	f := newFakeEntra(t)
	cfg := baseConfig(t, f, FlowInteractive, &warnings{})
	var opened []string
	cfg.OpenURL = formPostBrowser(f.srv.Client(), &opened)
	cfg.LoginHint = fakeUser
	s := mustNew(t, cfg)
	tok := mustToken(t, s)
	if c, ok := parseClaims(tok); !ok || c.UPN != fakeUser {
		t.Errorf("token claims = %+v", c)
	}
	if len(opened) != 1 || !strings.Contains(opened[0], "login_hint=") || !strings.Contains(opened[0], "code_challenge=") {
		t.Errorf("opened %q", opened)
	}
	if g := f.grantTypes(); !slices.Equal(g, []string{"authorization_code"}) {
		t.Errorf("grants = %v", g)
	}
}

func TestConcurrentTokenCallsPromptOnce(t *testing.T) {
	f := newFakeEntra(t)
	var shown int
	cfg := baseConfig(t, f, FlowDeviceCode, &warnings{})
	cfg.ShowDeviceCode = func(string) { shown++ } // serialised by flowMu
	s := mustNew(t, cfg)
	errs := make(chan error, 8)
	for range 8 {
		go func() { _, err := s.Token(context.Background()); errs <- err }()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if shown != 1 {
		t.Errorf("device code shown %d times, want 1", shown)
	}
}

func TestCancelledSignIn(t *testing.T) {
	f := newFakeEntra(t)
	f.pending = 1000
	cfg := baseConfig(t, f, FlowDeviceCode, &warnings{})
	ctx, cancel := context.WithCancel(context.Background())
	cfg.ShowDeviceCode = func(string) { cancel() }
	_, err := mustNew(t, cfg).Token(ctx)
	if code(err) != "auth_cancelled" || !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want auth_cancelled wrapping context.Canceled", err)
	}
}

const deviceGrant = "device_code"

func code(err error) string {
	var ae *Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

func equalIdentity(a, b Identity) bool {
	return a.Flow == b.Flow && a.Source == b.Source && a.Username == b.Username && a.Name == b.Name &&
		a.TenantID == b.TenantID && a.HomeAccountID == b.HomeAccountID && a.ObjectID == b.ObjectID &&
		a.ClientID == b.ClientID && slices.Equal(a.Audience, b.Audience) && slices.Equal(a.Scopes, b.Scopes) &&
		slices.Equal(a.Roles, b.Roles) && a.ExpiresOn.Equal(b.ExpiresOn)
}
