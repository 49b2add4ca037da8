package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

const weakApp = "a0000000-0000-4000-8000-000000000041"

// withWeakApp adds an app holding only the passkey permission, for the 403s.
func withWeakApp(c *emulator.Config) {
	c.Apps = append(c.Apps, emulator.App{ClientID: weakApp, SecretSHA256: emulator.HashSecret("weak"),
		AppRoles: []string{emulator.PermPasskeyReadWrite}})
}

func hintOf(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) {
		return ge.ErrorHint()
	}
	return ""
}

func TestRevokeSignInSessions(t *testing.T) {
	e := startEmulator(t, withWeakApp)
	ctx := context.Background()
	if err := e.c.RevokeSignInSessions(ctx, adele); err != nil {
		t.Fatal(err)
	}
	if n := e.s.SessionsRevoked(adele); n != 1 {
		t.Errorf("revoked %d times", n)
	}
	e.s.Faults().Fail(emulator.RouteRevokeSessions, 1, http.StatusServiceUnavailable)
	if err := e.c.RevokeSignInSessions(ctx, adeleID); err != nil {
		t.Fatalf("a 503 is retried: %v", err)
	}
	if err := e.c.RevokeSignInSessions(ctx, "nobody@contoso.example"); code(err) != "user_not_found" {
		t.Errorf("unknown user: %v", err)
	}
	tok, _ := e.s.Token(weakApp, "")
	err := e.client(t, fixedToken(tok)).RevokeSignInSessions(ctx, adele)
	if code(err) != "graph_forbidden" || !strings.Contains(hintOf(err), "User.RevokeSessions.All") {
		t.Errorf("403 = %v (hint %q)", err, hintOf(err))
	}
}

// The pass comes back once, hidden from every printer and encoder but Reveal.
func TestCreateTemporaryAccessPass(t *testing.T) {
	e := startEmulator(t, withWeakApp)
	ctx := context.Background()
	before := time.Now().Add(-time.Second)
	p, err := e.c.CreateTemporaryAccessPass(ctx, adele, 2*time.Hour, true)
	if err != nil {
		t.Fatal(err)
	}
	issued := e.s.TemporaryAccessPasses(adele)
	if len(issued) != 1 || issued[0].PassSHA256 != emulator.HashSecret(p.Pass.Reveal()) || issued[0].ID != p.MethodID {
		t.Fatalf("issued %+v, got %+v", issued, p)
	}
	if p.Lifetime != 2*time.Hour || !p.UsableOnce || p.StartDateTime.Before(before.Truncate(time.Second)) || p.RequestID == "" ||
		!p.Expires().Equal(p.StartDateTime.Add(2*time.Hour)) {
		t.Errorf("pass facts = %+v", p)
	}
	raw, _ := json.Marshal(p)
	for _, shown := range []string{fmt.Sprint(p), fmt.Sprintf("%+v %#v %s %q", p, p, p.Pass, p.Pass), string(raw)} {
		if strings.Contains(shown, p.Pass.Reveal()) {
			t.Errorf("the pass shows in %s", shown)
		}
	}
	if !strings.Contains(string(raw), `"lifetimeInMinutes":120`) || !strings.Contains(string(raw), `"methodId":"`+p.MethodID+`"`) {
		t.Errorf("JSON = %s", raw)
	}

	for _, tt := range []struct {
		name     string
		lifetime time.Duration
		want     string
	}{
		{"too short for Graph", 5 * time.Minute, "invalid_tap_lifetime"},
		{"not whole minutes", 90 * time.Second, "invalid_tap_lifetime"},
		{"outside the policy", 10 * time.Hour, "tap_lifetime_refused"},
	} {
		if _, err := e.c.CreateTemporaryAccessPass(ctx, adele, tt.lifetime, true); code(err) != tt.want {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.want)
		}
	}
	if _, err := e.c.CreateTemporaryAccessPass(ctx, "guest_fabrikam.example#EXT#@contoso.example", 0, true); code(err) != "tap_not_allowed" {
		t.Errorf("guest: %v", err)
	}
	tok, _ := e.s.Token(weakApp, "")
	_, err = e.client(t, fixedToken(tok)).CreateTemporaryAccessPass(ctx, adele, 0, true)
	if code(err) != "graph_forbidden" || !strings.Contains(hintOf(err), "UserAuthMethod-TAP.ReadWrite.All") {
		t.Errorf("403 = %v (hint %q)", err, hintOf(err))
	}
	if n := len(e.s.TemporaryAccessPasses(adele)); n != 1 {
		t.Errorf("refusals issued passes: %d", n)
	}
}

// A POST whose answer is lost is not simply sent again: the unseen pass is deleted
// first, then a new one issued, so the user ends with exactly the pass the caller saw.
func TestCreateTemporaryAccessPassLostAnswer(t *testing.T) {
	for _, tt := range []struct {
		name          string
		fault         func(*emulator.Faults)
		wantIssued    int
		wantDiscarded int
	}{
		{"reset after the pass was issued", func(f *emulator.Faults) { f.ResetAfter(emulator.RouteTAP) }, 2, 1},
		{"503 before anything", func(f *emulator.Faults) { f.Fail(emulator.RouteTAP, 1, http.StatusServiceUnavailable) }, 1, 0},
		{"429", func(f *emulator.Faults) { f.Throttle(emulator.RouteTAP, 2, "0.1") }, 1, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := startEmulator(t, nil)
			tt.fault(e.s.Faults())
			p, err := e.c.CreateTemporaryAccessPass(context.Background(), adele, time.Hour, true)
			if err != nil {
				t.Fatal(err)
			}
			issued := e.s.TemporaryAccessPasses(adele)
			last := issued[len(issued)-1]
			if len(issued) != tt.wantIssued || !last.Active || last.PassSHA256 != emulator.HashSecret(p.Pass.Reveal()) || p.Discarded != tt.wantDiscarded {
				t.Fatalf("issued %+v; got discarded %d", issued, p.Discarded)
			}
			if tt.wantIssued == 2 && issued[0].Ended != "deleted" {
				t.Errorf("the unseen pass was %q, want deleted", issued[0].Ended)
			}
		})
	}
	t.Run("the listing fails too", func(t *testing.T) {
		e := startEmulator(t, nil)
		e.s.Faults().ResetAfter(emulator.RouteTAP)
		e.s.Faults().Fail(emulator.RouteTAPList, 1, http.StatusBadRequest)
		_, err := e.c.CreateTemporaryAccessPass(context.Background(), adele, time.Hour, true)
		if code(err) != "tap_outcome_unknown" || !strings.Contains(hintOf(err), "replaces") {
			t.Fatalf("err = %v", err)
		}
		if n := len(e.s.TemporaryAccessPasses(adele)); n != 1 {
			t.Errorf("%d passes issued, want only the unseen one", n)
		}
	})
}

// A delegated sign-in deleting its own passkey gets its own code and a hint that says
// what works instead.
func TestDeleteOwnMethodNeedsMFA(t *testing.T) {
	e := startEmulator(t, func(c *emulator.Config) {
		c.Methods = []emulator.Method{{UserID: emulator.DemoAdminUPN, DisplayName: "Admin key", CredentialID: []byte{7, 7, 7, 7}}}
	})
	id := e.s.Methods(emulator.DemoAdminUPN)[0].ID
	tok, err := e.s.Token(emulator.DemoPublicClientID, emulator.DemoAdminUPN)
	if err != nil {
		t.Fatal(err)
	}
	err = e.client(t, fixedToken(tok)).DeleteMethod(context.Background(), emulator.DemoAdminUPN, id)
	if code(err) != "self_delete_mfa_required" || !strings.Contains(hintOf(err), "app-only") ||
		!strings.Contains(err.Error(), "MFA is required for a 'RemoveKey' operation") {
		t.Fatalf("err = %v (code %s, hint %q)", err, code(err), hintOf(err))
	}
	if err := e.c.DeleteMethod(context.Background(), emulator.DemoAdminUPN, id); err != nil {
		t.Errorf("app-only: %v", err)
	}
}
