package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/emulator/emulatortest"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// These tests run the client against the emulator over real TLS, trusting only its CA.

const (
	adele    = "adele@contoso.example"
	adeleID  = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
	helpdesk = "helpdesk@contoso.example"
)

type fixedToken string

func (f fixedToken) Token(context.Context) (string, error) { return string(f), nil }

// emu is a running demo tenant and a client signed in as its automation app.
type emu struct {
	s      *emulator.Server
	c      *graph.Client
	token  string
	mu     sync.Mutex
	calls  []graph.Call
	sleeps []time.Duration
}

func TestMain(m *testing.M) { os.Exit(emulatortest.Main(m)) }

func startEmulator(t *testing.T, mutate func(*emulator.Config)) *emu {
	t.Helper()
	s := emulatortest.Start(t, mutate)
	tok, err := s.Token(emulator.DemoClientID, "")
	if err != nil {
		t.Fatal(err)
	}
	e := &emu{s: s, token: tok}
	e.c = e.client(t, fixedToken(tok))
	return e
}

// client makes a Graph client for the emulator with recorded, instant waits.
func (e *emu) client(t *testing.T, tokens graph.TokenSource) *graph.Client {
	t.Helper()
	hc := e.s.Client()
	// Closing our HTTP/2 connections first spares the emulator's Close a one-second
	// wait for the client to acknowledge GOAWAY (cleanups run last-in first-out).
	t.Cleanup(hc.CloseIdleConnections)
	c, err := graph.New(graph.Config{
		BaseURL: e.s.URL(), HTTPClient: hc, Tokens: tokens, Version: "test",
		Observe: func(c graph.Call) { e.mu.Lock(); e.calls = append(e.calls, c); e.mu.Unlock() },
		Sleep: func(_ context.Context, d time.Duration) error {
			e.mu.Lock()
			e.sleeps = append(e.sleeps, d)
			e.mu.Unlock()
			return nil
		},
		Jitter: func(time.Duration) time.Duration { return 0 },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func seeded(n int) []emulator.Method {
	var out []emulator.Method
	for i := range n {
		out = append(out, emulator.Method{UserID: adele, DisplayName: "key " + string(rune('A'+i)),
			CredentialID: []byte{byte(i + 1), 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}})
	}
	return out
}

func TestEmulatorCreationOptions(t *testing.T) {
	e := startEmulator(t, nil)
	ctx := context.Background()
	for _, tt := range []struct {
		name    string
		timeout time.Duration
		want    time.Duration
	}{{"v1.0", 0, 5 * time.Minute}, {"beta", 90 * time.Minute, 90 * time.Minute}} {
		t.Run(tt.name, func(t *testing.T) {
			before := time.Now()
			raw, err := e.c.CreationOptions(ctx, adele, tt.timeout)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Expires   time.Time `json:"challengeTimeoutDateTime"`
				PublicKey struct {
					Challenge string `json:"challenge"`
					User      struct{ Name string }
				} `json:"publicKey"`
			}
			if err := json.Unmarshal(raw, &doc); err != nil {
				t.Fatalf("options are not JSON: %v", err)
			}
			if doc.PublicKey.Challenge == "" || doc.PublicKey.User.Name != adele {
				t.Errorf("options = %s", raw)
			}
			if got := doc.Expires.Sub(before); got < tt.want-time.Minute || got > tt.want+time.Minute {
				t.Errorf("challenge lives %v, want about %v", got, tt.want)
			}
		})
	}
}

func TestEmulatorListGetDeletePolicy(t *testing.T) {
	e := startEmulator(t, func(c *emulator.Config) { c.Methods, c.PageSize = seeded(5), 2 })
	ctx := context.Background()
	ms, err := e.c.Methods(ctx, adeleID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 5 {
		t.Fatalf("%d methods over the pages, want 5", len(ms))
	}
	lists := 0
	for _, r := range e.s.Requests() {
		if r.Route == emulator.RouteList {
			lists++
		}
	}
	if lists != 3 {
		t.Errorf("%d list requests, want 3 pages of 2", lists)
	}
	m, err := e.c.Method(ctx, adele, ms[2].ID)
	if err != nil || m.DisplayName != ms[2].DisplayName || m.CreatedDateTime.IsZero() {
		t.Fatalf("Method = %+v, %v", m, err)
	}
	if err := e.c.DeleteMethod(ctx, adele, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.Method(ctx, adele, m.ID); code(err) != "method_not_found" {
		t.Errorf("Method after delete: %v", err)
	}
	if n := len(e.s.Methods(adele)); n != 4 {
		t.Errorf("emulator holds %d methods, want 4", n)
	}
	p, err := e.c.FIDO2Policy(ctx)
	if err != nil || p.State != "enabled" || !p.IsSelfServiceRegistrationAllowed || len(p.IncludeTargets) == 0 {
		t.Errorf("policy = %+v, %v", p, err)
	}
}

func TestEmulatorErrors(t *testing.T) {
	e := startEmulator(t, nil)
	ctx := context.Background()
	if _, err := e.c.Methods(ctx, "nobody@contoso.example"); code(err) != "user_not_found" {
		t.Errorf("unknown user: %v", err)
	}
	// A delegated helpdesk agent has the scope but not the Authentication Administrator role.
	tok, err := e.s.Token(emulator.DemoPublicClientID, helpdesk)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.client(t, fixedToken(tok)).CreationOptions(ctx, adele, 0)
	var ge *graph.Error
	if !errors.As(err, &ge) || ge.ErrorCode() != "graph_forbidden" || !strings.Contains(ge.ErrorHint(), "Authentication Administrator") {
		t.Fatalf("helpdesk: %v", err)
	}
	if ge.Message == "" || ge.RequestID == "" || ge.ClientRequestID == "" {
		t.Errorf("Graph's words or ids missing: %+v", ge)
	}
	if _, err := e.client(t, fixedToken("not-a-token")).Methods(ctx, adele); code(err) != "graph_unauthorized" {
		t.Errorf("bad token: %v", err)
	}
}

func TestEmulatorFaultStorm(t *testing.T) {
	e := startEmulator(t, nil)
	f := e.s.Faults()
	f.Throttle(emulator.RouteList, 2, "0.5")
	f.Fail(emulator.RouteList, 1, 503)
	f.Fail(emulator.RouteList, 1, 504)
	if _, err := e.c.Methods(context.Background(), adele); err != nil {
		t.Fatalf("Methods after the storm: %v", err)
	}
	// Retry-After honoured twice; then no Retry-After: backoff steps 2s and 4s, halved (no jitter).
	want := []time.Duration{500 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}
	if !slices.Equal(e.sleeps, want) {
		t.Errorf("waits = %v, want %v", e.sleeps, want)
	}
	// The emulator's request log and the client's events agree, and hold no token.
	logged := map[string]bool{}
	for _, r := range e.s.Requests() {
		logged[r.ClientRequestID] = true
		if b, _ := json.Marshal(r); strings.Contains(string(b), e.token) {
			t.Error("token in the emulator's request log")
		}
	}
	for _, c := range e.calls {
		if !logged[c.ClientRequestID] {
			t.Errorf("client-request-id %s not in the emulator's log", c.ClientRequestID)
		}
		if b, _ := json.Marshal(c); strings.Contains(string(b), e.token) {
			t.Error("token in an Observe event")
		}
	}
	if len(e.calls) != 5 {
		t.Errorf("%d attempts, want 5", len(e.calls))
	}
}

func code(err error) string {
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return ""
}

// BenchmarkEmulatorCall is one Graph call against the emulator over TLS: the client's
// overhead plus the emulator's (token verification, routing, JSON), on loopback.
func BenchmarkEmulatorCall(b *testing.B) {
	s := emulatortest.Start(b, func(cfg *emulator.Config) { cfg.Methods = seeded(1) })
	tok, err := s.Token(emulator.DemoClientID, "")
	if err != nil {
		b.Fatal(err)
	}
	hc := s.Client()
	defer hc.CloseIdleConnections()
	c, err := graph.New(graph.Config{BaseURL: s.URL(), HTTPClient: hc, Tokens: fixedToken(tok)})
	if err != nil {
		b.Fatal(err)
	}
	id := s.Methods(adele)[0].ID
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Method(context.Background(), adele, id); err != nil {
			b.Fatal(err)
		}
	}
}
