package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

const (
	adeleTAP = "/v1.0/users/adele%40contoso.example/authentication/temporaryAccessPassMethods"
	adeleID  = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
)

// Each revocation is kept with its time, under the user's id whichever way the path
// named them.
func TestSessionRevocationsAreTimed(t *testing.T) {
	e := startEnv(t, nil)
	first := e.clock.Now()
	for _, path := range []string{"/v1.0/users/" + adeleID + "/revokeSignInSessions", "/v1.0/users/adele%40contoso.example/revokeSignInSessions"} {
		if r := e.call("POST", path, "", nil); r.status != 200 || r.json["value"] != true {
			t.Fatalf("%s: %d %s", path, r.status, r.raw)
		}
		e.clock.Add(time.Minute)
	}
	got := e.s.SessionRevocations(adele)
	if len(got) != 2 || !got[0].Equal(first) || !got[1].Equal(first.Add(time.Minute)) {
		t.Errorf("SessionRevocations = %v, want %v and a minute later", got, first)
	}
	if n := e.s.SessionsRevoked(adeleID); n != 2 {
		t.Errorf("SessionsRevoked = %d", n)
	}
	if n := e.s.SessionsRevoked("alex@contoso.example"); n != 0 {
		t.Errorf("alex's sessions revoked %d times", n)
	}
}

// A user holds one pass at a time: a second replaces the first; the list never shows
// the pass; the emulator keeps only its hash.
func TestTAPOneActiveAtATime(t *testing.T) {
	e := startEnv(t, nil)
	var passes []string
	for range 2 {
		r := e.call("POST", adeleTAP, "", map[string]any{"isUsableOnce": true})
		pass, _ := r.json["temporaryAccessPass"].(string)
		if r.status != 201 || len(pass) != 8 || r.json["lifetimeInMinutes"] != float64(60) || r.json["isUsableOnce"] != true {
			t.Fatalf("TAP: %d %s", r.status, r.raw)
		}
		passes = append(passes, pass)
		e.clock.Add(time.Second)
	}
	got := e.s.TemporaryAccessPasses(adele)
	if len(got) != 2 || got[0].Active || got[0].Ended != "replaced" || !got[1].Active {
		t.Fatalf("passes = %+v", got)
	}
	for i, p := range passes {
		if got[i].PassSHA256 != HashSecret(p) || strings.Contains(got[i].PassSHA256, p) {
			t.Errorf("pass %d: hash %s does not match", i, got[i].PassSHA256)
		}
	}
	r := e.call("GET", adeleTAP, "", nil)
	list, _ := r.json["value"].([]any)
	if r.status != 200 || len(list) != 1 || strings.Contains(string(r.raw), passes[1]) {
		t.Fatalf("list: %d %s", r.status, r.raw)
	}
	only := list[0].(map[string]any)
	if only["id"] != got[1].ID || only["temporaryAccessPass"] != nil || only["isUsable"] != true {
		t.Errorf("listed = %v", only)
	}
	if r := e.call("GET", adeleTAP+"/"+got[0].ID, "", nil); r.status != 404 || r.errorCode() != CodeItemNotFound {
		t.Errorf("the replaced pass: %d %s", r.status, r.raw)
	}
	if r := e.call("DELETE", adeleTAP+"/"+got[1].ID, "", nil); r.status != 204 {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	if after := e.s.TemporaryAccessPasses(adeleID); after[1].Active || after[1].Ended != "deleted" {
		t.Errorf("after delete = %+v", after[1])
	}
	if r := e.call("DELETE", adeleTAP+"/"+got[1].ID, "", nil); r.status != 404 {
		t.Errorf("deleting again: %d", r.status)
	}
	e.clock.Add(2 * time.Hour)
	if r := e.call("POST", adeleTAP, "", map[string]any{"lifetimeInMinutes": 60}); r.status != 201 {
		t.Fatal(r.status)
	}
	e.clock.Add(61 * time.Minute)
	if r := e.call("GET", adeleTAP, "", nil); !strings.Contains(string(r.raw), `"methodUsabilityReason":"Expired"`) {
		t.Errorf("an hour-old 60-minute pass: %s", r.raw)
	}
}

// The policy decides: its lifetime bounds, enabled or not, whom it targets, one-time
// use forced; guests never; a delegated caller needs an admin role for someone else.
func TestTAPPolicyRefusals(t *testing.T) {
	const excluded = "0a0a0a0a-0000-4000-8000-000000000001"
	e := startEnv(t, func(c *Config) {
		p := DefaultTAPPolicy()
		p.MinimumLifetimeInMinutes, p.MaximumLifetimeInMinutes, p.IsUsableOnce = 30, 120, true
		p.ExcludeTargets = []PolicyTarget{{TargetType: "group", ID: excluded}}
		c.TAPPolicy = &p
		for i := range c.Users {
			if c.Users[i].UserPrincipalName == "alex@contoso.example" {
				c.Users[i].Groups = []string{excluded}
			}
		}
		for i := range c.Apps {
			if c.Apps[i].ClientID == DemoPublicClientID {
				c.Apps[i].Scopes = append(c.Apps[i].Scopes, PermTAPReadWrite)
			}
		}
	})
	helpdeskToken, err := e.s.Token(DemoPublicClientID, "helpdesk@contoso.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, path, token string
		body              map[string]any
		status            int
		message           string
	}{
		{"below the policy", adeleTAP, "", map[string]any{"lifetimeInMinutes": 20}, 400, "Invalid LifetimeInMinutes specified. The valid range between 30 and 120."},
		{"above the policy", adeleTAP, "", map[string]any{"lifetimeInMinutes": 121}, 400, "The valid range between 30 and 120."},
		{"outside Graph's bounds", adeleTAP, "", map[string]any{"lifetimeInMinutes": 5}, 400, "between 10 and 43200"},
		{"excluded user", "/v1.0/users/alex%40contoso.example/authentication/temporaryAccessPassMethods", "", nil, 400, msgTAPPolicy},
		{"guest", "/v1.0/users/guest_fabrikam.example%23EXT%23%40contoso.example/authentication/temporaryAccessPassMethods", "", nil, 400, msgTAPGuest},
		{"unknown user", "/v1.0/users/nobody%40contoso.example/authentication/temporaryAccessPassMethods", "", nil, 404, "does not exist"},
		{"delegated without an admin role", adeleTAP, helpdeskToken, nil, 403, "Authentication Administrator"},
		{"one-time forced", adeleTAP, "", map[string]any{"lifetimeInMinutes": 120, "isUsableOnce": false}, 201, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var body any
			if tt.body != nil {
				body = tt.body
			}
			r := e.call("POST", tt.path, tt.token, body)
			if r.status != tt.status || !strings.Contains(r.errorMessage(), tt.message) {
				t.Errorf("%d %s; want %d %q", r.status, r.raw, tt.status, tt.message)
			}
			if r.status == 201 && (r.json["isUsableOnce"] != true || r.json["lifetimeInMinutes"] != float64(120)) {
				t.Errorf("issued %s", r.raw)
			}
		})
	}
	if n := len(e.s.TemporaryAccessPasses("alex@contoso.example")); n != 0 {
		t.Errorf("a refused pass was kept: %d", n)
	}

	off := startEnv(t, func(c *Config) { p := DefaultTAPPolicy(); p.State = "disabled"; c.TAPPolicy = &p })
	if r := off.call("POST", adeleTAP, "", nil); r.status != 400 || r.errorMessage() != msgTAPPolicy {
		t.Errorf("disabled policy: %d %s", r.status, r.raw)
	}
}

// A delegated caller deleting their own FIDO2 method gets Graph's MFA refusal; another
// user's goes; the quirk lets a fresh-MFA sign-in through.
func TestSelfDeleteNeedsMFA(t *testing.T) {
	seed := func(c *Config) {
		c.Methods = append(c.Methods,
			Method{UserID: DemoAdminUPN, CredentialID: []byte{9, 9, 9, 1}, DisplayName: "Admin key"},
			Method{UserID: adele, CredentialID: []byte{9, 9, 9, 2}, DisplayName: "Adele key"})
	}
	for _, allowed := range []bool{false, true} {
		e := startEnv(t, func(c *Config) { seed(c); c.Quirks.SelfDeleteAllowed = allowed })
		tok, err := e.s.Token(DemoPublicClientID, DemoAdminUPN)
		if err != nil {
			t.Fatal(err)
		}
		own := e.s.Methods(DemoAdminUPN)[0].ID
		r := e.call("DELETE", "/v1.0/users/admin%40contoso.example/authentication/fido2Methods/"+own, tok, nil)
		switch {
		case !allowed && (r.status != 403 || r.errorMessage() != "MFA is required for a 'RemoveKey' operation, but was not performed."):
			t.Errorf("own method: %d %s", r.status, r.raw)
		case allowed && r.status != 204:
			t.Errorf("own method with the quirk: %d %s", r.status, r.raw)
		}
		if r := e.call("DELETE", adeleMethods+"/"+e.s.Methods(adele)[0].ID, tok, nil); r.status != 204 {
			t.Errorf("adele's method by the admin: %d %s", r.status, r.raw)
		}
		// An app-only token has no "own" method: it deletes the admin's.
		if !allowed {
			if r := e.call("DELETE", "/v1.0/users/admin%40contoso.example/authentication/fido2Methods/"+own, "", nil); r.status != 204 {
				t.Errorf("app-only: %d %s", r.status, r.raw)
			}
		}
	}
}

// Faults reach the new routes: a 503 answers in Graph's envelope, and a reset after a
// pass is issued leaves the pass issued but unseen.
func TestRecoveryRouteFaults(t *testing.T) {
	e := startEnv(t, nil)
	e.s.Faults().Fail(RouteRevokeSessions, 1, http.StatusServiceUnavailable)
	e.s.Faults().Throttle(RouteTAP, 1, "1")
	if r := e.call("POST", "/v1.0/users/"+adeleID+"/revokeSignInSessions", "", nil); r.status != 503 || r.errorCode() != "serviceNotAvailable" {
		t.Errorf("revoke: %d %s", r.status, r.raw)
	}
	if n := e.s.SessionsRevoked(adeleID); n != 0 {
		t.Errorf("a failed revocation was recorded")
	}
	if r := e.call("POST", adeleTAP, "", nil); r.status != 429 || r.header.Get("Retry-After") != "1" {
		t.Errorf("TAP: %d %s", r.status, r.raw)
	}
	e.s.Faults().ResetAfter(RouteTAP)
	req, _ := http.NewRequest("POST", e.s.URL()+adeleTAP, bytes.NewReader([]byte(`{"isUsableOnce":true}`)))
	req.Header.Set("Authorization", "Bearer "+e.appToken())
	req.Header.Set("Content-Type", "application/json")
	if resp, err := e.http.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("got %s, want the connection reset", resp.Status)
	}
	if got := e.s.TemporaryAccessPasses(adele); len(got) != 1 || !got[0].Active {
		t.Errorf("after the reset, passes = %+v", got)
	}
	var routes []Route
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		routes = routes[:0]
		for _, l := range e.s.Requests() {
			routes = append(routes, l.Route+Route("/"+l.Fault))
		}
		if len(routes) == 3 {
			break
		}
	}
	want := []Route{"revokeSignInSessions/Service Unavailable", "temporaryAccessPass/Too Many Requests", "temporaryAccessPass/reset"}
	if len(routes) != 3 || routes[0] != want[0] || routes[1] != want[1] || routes[2] != want[2] {
		t.Errorf("log = %v, want %v", routes, want)
	}
}

// A seed's tapPolicy keeps the default's values for the fields it leaves out.
func TestSeedTAPPolicy(t *testing.T) {
	cfg, err := Parse([]byte(`{"tapPolicy": {"maximumLifetimeInMinutes": 1440, "isUsableOnce": true}}`), t.TempDir(), "seed.json")
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.TAPPolicy
	if p == nil || p.MaximumLifetimeInMinutes != 1440 || !p.IsUsableOnce || p.MinimumLifetimeInMinutes != 60 || p.State != "enabled" {
		t.Fatalf("tapPolicy = %+v", p)
	}
	raw, _ := json.Marshal(map[string]any{"tapPolicy": map[string]any{"minimumLifetimeInMinutes": 5}})
	cfg, err = Parse(raw, t.TempDir(), "seed.json")
	if err == nil {
		cfg.CertDir = t.TempDir()
		if s, err := Start(cfg); err == nil {
			s.Close()
			t.Fatal("a 5-minute minimum was accepted")
		}
	}
}
