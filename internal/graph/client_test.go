package graph

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"testing"
	"time"
)

const optionsJSON = `{"@odata.context":"x","challengeTimeoutDateTime":"2024-06-13T11:26:35Z","publicKey":{"challenge":"abc"}}`

func TestCreationOptionsURL(t *testing.T) {
	tests := []struct {
		name    string
		user    string
		timeout time.Duration
		path    string
	}{
		{"upn escaped", "adele@contoso.com", 0, "/v1.0/users/adele%40contoso.com/authentication/fido2Methods/creationOptions"},
		{"object id", "4a2f0e4c-9b6d-4d5e-8f1a-2b3c4d5e6f70", 0, "/v1.0/users/4a2f0e4c-9b6d-4d5e-8f1a-2b3c4d5e6f70/authentication/fido2Methods/creationOptions"},
		{"guest upn", "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com", 0, "/v1.0/users/bob_fabrikam.com%23EXT%23%40contoso.onmicrosoft.com/authentication/fido2Methods/creationOptions"},
		{"five minutes stays v1.0", "a@b.c", 5 * time.Minute, "/v1.0/users/a%40b.c/authentication/fido2Methods/creationOptions"},
		{"longer uses beta function form", "a@b.c", 10 * time.Minute, "/beta/users/a%40b.c/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=10)"},
		{"thirty days", "a@b.c", 720 * time.Hour, "/beta/users/a%40b.c/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=43200)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStubServer(t)
			s.on(http.MethodGet, tt.path, respond(200, optionsJSON))
			c, _ := newTestClient(t, s)
			got, err := c.CreationOptions(context.Background(), tt.user, tt.timeout)
			if err != nil {
				t.Fatalf("CreationOptions: %v", err)
			}
			if string(got) != optionsJSON {
				t.Errorf("got %s, want Graph's bytes %s", got, optionsJSON)
			}
			if q := s.requests()[0].query; q != "" {
				t.Errorf("query = %q, want none (the query form answers 405)", q)
			}
		})
	}
}

func TestInputRefusedBeforeAnyRequest(t *testing.T) {
	tests := []struct {
		name, user, id string
		timeout        time.Duration
		code           string
	}{
		{"empty user", "", "x", 0, "invalid_user"},
		{"me", "me", "x", 0, "invalid_user"},
		{"bare name", "adele", "x", 0, "invalid_user"},
		{"no domain dot", "adele@contoso", "x", 0, "invalid_user"},
		{"slash", "a/b@c.d", "x", 0, "invalid_user"},
		{"space", "a b@c.d", "x", 0, "invalid_user"},
		{"newline", "a@c.d\n", "x", 0, "invalid_user"},
		{"empty method id", "a@c.d", "", 0, "invalid_method_id"},
		{"method id with slash", "a@c.d", "../x", 0, "invalid_method_id"},
		{"timeout not whole minutes", "a@c.d", "x", 6*time.Minute + time.Second, "invalid_challenge_timeout"},
		{"timeout above 30 days", "a@c.d", "x", 43201 * time.Minute, "invalid_challenge_timeout"},
		{"negative timeout", "a@c.d", "x", -time.Minute, "invalid_challenge_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStubServer(t) // no stubs: any request fails the test
			c, _ := newTestClient(t, s)
			ctx := context.Background()
			var err error
			switch tt.code {
			case "invalid_method_id":
				err = c.DeleteMethod(ctx, tt.user, tt.id)
			case "invalid_challenge_timeout":
				_, err = c.CreationOptions(ctx, tt.user, tt.timeout)
			default:
				_, err = c.Methods(ctx, tt.user)
				if err == nil {
					t.Fatal("Methods: no error")
				}
				_, err = c.CreationOptions(ctx, tt.user, 0)
			}
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("error %v is not a *graph.Error", err)
			}
			if got := ge.ErrorCode(); got != tt.code {
				t.Errorf("code = %q, want %q (%v)", got, tt.code, err)
			}
			if ge.ErrorHint() == "" {
				t.Error("no hint")
			}
		})
	}
}

func TestRequestHeaders(t *testing.T) {
	s := newStubServer(t)
	s.on(http.MethodGet, "/v1.0/users/a%40b.c/authentication/fido2Methods/creationOptions", respond(200, optionsJSON))
	c, rec := newTestClient(t, s, func(cfg *Config) { cfg.NewRequestID = nil })
	if _, err := c.CreationOptions(context.Background(), "a@b.c", 0); err != nil {
		t.Fatal(err)
	}
	h := s.requests()[0].header
	uuidRE := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for name, want := range map[string]string{
		"Authorization": "Bearer " + testToken,
		"Accept":        "application/json",
		"User-Agent":    "entra-passkey/test",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	crid := h.Get("client-request-id")
	if !uuidRE.MatchString(crid) {
		t.Errorf("client-request-id = %q, want a random UUID", crid)
	}
	if len(rec.calls) != 1 {
		t.Fatalf("%d Observe events, want 1", len(rec.calls))
	}
	got := rec.calls[0]
	want := Call{Method: "GET", Path: "/v1.0/users/a%40b.c/authentication/fido2Methods/creationOptions",
		Status: 200, RequestID: "srv-" + crid, ClientRequestID: crid, Attempt: 1}
	got.Duration = 0
	if got != want {
		t.Errorf("Observe event = %+v, want %+v", got, want)
	}
}

func TestNewConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		base string
		code string
	}{
		{"global default", Config{Tokens: staticToken("t")}, "https://graph.microsoft.com", ""},
		{"usgov", Config{Cloud: CloudUSGov, Tokens: staticToken("t")}, "https://graph.microsoft.us", ""},
		{"dod", Config{Cloud: CloudUSGovDoD, Tokens: staticToken("t")}, "https://dod-graph.microsoft.us", ""},
		{"china", Config{Cloud: CloudChina, Tokens: staticToken("t")}, "https://microsoftgraph.chinacloudapi.cn", ""},
		{"base URL wins", Config{Cloud: CloudChina, BaseURL: "https://127.0.0.1:8443/", Tokens: staticToken("t")}, "https://127.0.0.1:8443", ""},
		{"http loopback", Config{BaseURL: "http://127.0.0.1:8080", Tokens: staticToken("t")}, "http://127.0.0.1:8080", ""},
		{"http loopback v6", Config{BaseURL: "http://[::1]:8080", Tokens: staticToken("t")}, "http://[::1]:8080", ""},
		// Regression (architecture review §2.4): a 127. prefix is a name, not loopback.
		{"http 127.evil.example", Config{BaseURL: "http://127.evil.example", Tokens: staticToken("t")}, "", "graph_config_invalid"},
		// A name is decided by a resolver: only a loopback address is exempt from https.
		{"http localhost", Config{BaseURL: "http://localhost:8080", Tokens: staticToken("t")}, "", "graph_config_invalid"},
		{"unknown cloud", Config{Cloud: "moon", Tokens: staticToken("t")}, "", "graph_config_invalid"},
		{"plain http remote", Config{BaseURL: "http://graph.example.com", Tokens: staticToken("t")}, "", "graph_config_invalid"},
		{"query in base", Config{BaseURL: "https://graph.example.com?x=1", Tokens: staticToken("t")}, "", "graph_config_invalid"},
		{"no tokens", Config{}, "", "graph_config_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.cfg)
			if tt.code != "" {
				var ge *Error
				if !errors.As(err, &ge) || ge.ErrorCode() != tt.code {
					t.Fatalf("New error = %v, want code %s", err, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.BaseURL(); got != tt.base {
				t.Errorf("BaseURL = %q, want %q", got, tt.base)
			}
		})
	}
}
