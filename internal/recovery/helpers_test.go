package recovery_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/emulator/emulatortest"
	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/recovery"
)

// These tests run the recovery against the emulator over TLS, the replacement
// registered by enroll.Register through the real libfido2 on a software key.

const (
	adele  = "adele@contoso.example"
	keyPIN = "48151623"
)

var (
	lostA = []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	lostB = []byte{2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	kept  = []byte{3, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
)

func TestMain(m *testing.M) { os.Exit(emulatortest.Main(m)) }

type fixedToken string

func (f fixedToken) Token(context.Context) (string, error) { return string(f), nil }

// tenant is a running emulator, a Graph client whose calls go to a CallLog, and a
// software key for the replacement.
type tenant struct {
	s     *emulator.Server
	c     *graph.Client
	calls *recovery.CallLog
	key   string // the software key's state file
	// recorder is the registration's record file (nil: none).
	recorder enroll.Recorder
	mu       sync.Mutex
	seen     []graph.Call
}

// startTenant seeds adele with three methods (two to lose, one to keep).
func startTenant(t *testing.T, mutate func(*emulator.Config)) *tenant {
	t.Helper()
	if !libfido2.Available {
		t.Skip("needs libfido2 (built without cgo)")
	}
	s := emulatortest.Start(t, func(c *emulator.Config) {
		c.Methods = []emulator.Method{
			{UserID: adele, DisplayName: "Lost A", CredentialID: lostA},
			{UserID: adele, DisplayName: "Lost B", CredentialID: lostB},
			{UserID: adele, DisplayName: "Kept C", CredentialID: kept},
		}
		if mutate != nil {
			mutate(c)
		}
	})
	tok, err := s.Token(emulator.DemoClientID, "")
	if err != nil {
		t.Fatal(err)
	}
	tn := &tenant{s: s}
	tn.calls = recovery.NewCallLog(func(c graph.Call) { tn.mu.Lock(); tn.seen = append(tn.seen, c); tn.mu.Unlock() })
	hc := s.Client()
	t.Cleanup(hc.CloseIdleConnections)
	tn.c, err = graph.New(graph.Config{BaseURL: s.URL(), HTTPClient: hc, Tokens: fixedToken(tok), Version: "test",
		Observe: tn.calls.Observe, Sleep: func(context.Context, time.Duration) error { return nil },
		Jitter: func(time.Duration) time.Duration { return 0 }})
	if err != nil {
		t.Fatal(err)
	}
	tn.key = filepath.Join(t.TempDir(), "key.json")
	if err := virtual.Configure(tn.key, func(st *virtual.State) error { return st.SetPIN(keyPIN) }); err != nil {
		t.Fatal(err)
	}
	return tn
}

// register is the RegisterFunc the CLI passes: enroll.Register on the key in hand.
func (tn *tenant) register(user string) recovery.RegisterFunc {
	return func(ctx context.Context) (*recovery.Replacement, error) {
		dev, err := libfido2.NewOpener().Open(ctx, libfido2.VirtualPrefix+tn.key)
		if err != nil {
			return nil, err
		}
		defer dev.Close()
		reg, err := enroll.Register(ctx, enroll.RegisterParams{Graph: tn.c, Device: dev, User: user,
			DisplayName: "Replacement", Record: tn.recorder, ChallengeTimeout: 5 * time.Minute, KeyTimeout: 30 * time.Second, Now: time.Now,
			PIN: func(context.Context, *fido.Info) (fido.PIN, error) { return keyPIN, nil }})
		return recovery.ReplacementOf(reg), err
	}
}

// methodID is the emulator's id of a seeded credential.
func (tn *tenant) methodID(t *testing.T, cred []byte) string {
	t.Helper()
	for _, m := range tn.s.Methods(adele) {
		if string(m.CredentialID) == string(cred) {
			return m.ID
		}
	}
	t.Fatalf("no method for credential %x", cred)
	return ""
}

// names lists adele's methods' display names.
func (tn *tenant) names() []string {
	var out []string
	for _, m := range tn.s.Methods(adele) {
		out = append(out, m.DisplayName)
	}
	return out
}

// routes lists the request log's routes with their status, in order.
func (tn *tenant) routes() []string {
	var out []string
	for _, l := range tn.s.Requests() {
		out = append(out, string(l.Route))
	}
	return out
}

// memorySink keeps the pass it is handed, or fails.
type memorySink struct {
	pass  graph.AccessPassCode
	calls int
	fail  error
}

func (m *memorySink) Check() error { return nil }
func (m *memorySink) Deliver(_ context.Context, _ string, p *graph.TemporaryAccessPass) error {
	m.calls++
	if m.fail != nil {
		return m.fail
	}
	m.pass = p.Pass
	return nil
}
func (m *memorySink) Describe() string { return "memory" }

var errSinkBroken = errors.New("the destination is full")
