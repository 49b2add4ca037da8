package emulator

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// TestRequestLogHoldsNoSecrets runs every kind of request that carries a secret
// (client secret, device code, refresh token, bearer tokens, a registration) and
// checks none of it reaches the log or the OnRequest hook.
func TestRequestLogHoldsNoSecrets(t *testing.T) {
	var mu sync.Mutex
	var hooked []LoggedRequest
	e := startEnv(t, func(c *Config) {
		c.OnRequest = func(r LoggedRequest) {
			mu.Lock()
			defer mu.Unlock()
			hooked = append(hooked, r)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var secrets []string

	cred, _ := confidential.NewCredFromSecret(DemoClientSecret)
	capp, err := confidential.New(e.s.Authority(), DemoClientID, cred, confidential.WithHTTPClient(e.http), confidential.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	appRes, err := capp.AcquireTokenByCredential(ctx, []string{graphDefault})
	if err != nil {
		t.Fatal(err)
	}
	secrets = append(secrets, DemoClientSecret, appRes.AccessToken)

	papp, err := public.New(DemoPublicClientID, public.WithAuthority(e.s.Authority()), public.WithHTTPClient(e.http), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	dc, err := papp.AcquireTokenByDeviceCode(ctx, []string{graphDefault})
	if err != nil {
		t.Fatal(err)
	}
	userRes, err := dc.AuthenticationResult(ctx)
	if err != nil {
		t.Fatal(err)
	}
	secrets = append(secrets, dc.Result.DeviceCode, userRes.AccessToken, userRes.IDToken.RawToken)

	opts := e.call("GET", optionsAdele, appRes.AccessToken, nil).json
	body := e.key.register(t, opts, regOpts{})
	if r := e.call("POST", adeleMethods, userRes.AccessToken, body); r.status != 201 {
		t.Fatalf("register: %d %s", r.status, r.raw)
	}
	pkc := body["publicKeyCredential"].(map[string]any)
	secrets = append(secrets, challengeOf(t, opts), pkc["response"].(map[string]any)["attestationObject"].(string))

	logged := e.s.Requests()
	raw, _ := json.Marshal(logged)
	// The hook runs just after an entry is logged; give the last one a moment.
	for i := 0; i < 100; i++ {
		mu.Lock()
		n := len(hooked)
		mu.Unlock()
		if n >= len(logged) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	hookRaw, _ := json.Marshal(hooked)
	mu.Unlock()
	for _, s := range secrets {
		if s == "" {
			t.Fatal("a secret under test is empty")
		}
		if strings.Contains(string(raw), s) || strings.Contains(string(hookRaw), s) {
			t.Errorf("the request log holds a secret or token (%d chars)", len(s))
		}
	}
	if strings.Contains(string(raw), "Bearer") || strings.Contains(string(raw), "client_secret") {
		t.Errorf("the request log mentions credentials: %s", raw)
	}
	routes := map[Route]bool{}
	for _, l := range logged {
		routes[l.Route] = true
		if l.RequestID == "" || l.ClientRequestID == "" || l.Status == 0 {
			t.Errorf("incomplete entry %+v", l)
		}
	}
	for _, want := range []Route{RouteDiscovery, RouteToken, RouteDeviceCode, RouteCreationOptions, RouteRegister} {
		if !routes[want] {
			t.Errorf("no %s entry in %+v", want, logged)
		}
	}
	if len(hooked) != len(logged) {
		t.Errorf("OnRequest saw %d requests, the log %d", len(hooked), len(logged))
	}
}
