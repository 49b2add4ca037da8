package bulk_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/bulk/sqlitestore"
	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/emulator/emulatortest"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/backends"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

func TestMain(m *testing.M) { os.Exit(emulatortest.Main(m)) }

// rig is a rollout's world: the emulator over TLS, a Graph client signed in as the demo
// automation app, a SQLite store, and software keys driven through the real libfido2.
type rig struct {
	t     *testing.T
	emu   *emulator.Server
	graph *graph.Client
	store bulk.Store
	path  string
	dir   string
	mux   *fido.Mux
	sink  *fileSink
}

type fixedToken string

func (f fixedToken) Token(context.Context) (string, error) { return string(f), nil }

// rolloutGroup is the group newRig fills with n users.
const rolloutGroup = "aaaaaaaa-0000-4000-8000-00000000000a"

func userID(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }
func upn(i int) string    { return fmt.Sprintf("user%03d@contoso.example", i) }

func newRig(t *testing.T, n int, mutate func(*emulator.Config)) *rig {
	t.Helper()
	if !backends.Default().Backends()[0].Available {
		t.Skip("needs libfido2 (cgo)")
	}
	s := emulatortest.Start(t, func(c *emulator.Config) {
		var members []string
		for i := range n {
			c.Users = append(c.Users, emulator.User{ID: userID(i), UserPrincipalName: upn(i), DisplayName: fmt.Sprint("User ", i)})
			members = append(members, userID(i))
		}
		c.Groups = append(c.Groups, emulator.Group{ID: rolloutGroup, DisplayName: "Rollout", Members: members})
		c.PageSize = 999
		if mutate != nil {
			mutate(c)
		}
	})
	tok, err := s.Token(emulator.DemoClientID, "")
	if err != nil {
		t.Fatal(err)
	}
	hc := s.Client()
	t.Cleanup(hc.CloseIdleConnections)
	g, err := graph.New(graph.Config{BaseURL: s.URL(), HTTPClient: hc, Tokens: fixedToken(tok), Version: "test",
		Sleep:  func(context.Context, time.Duration) error { return nil },
		Jitter: func(time.Duration) time.Duration { return 0 }})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r := &rig{t: t, emu: s, graph: g, dir: dir, path: filepath.Join(dir, "job.db"), mux: backends.Default(),
		sink: &fileSink{dir: filepath.Join(dir, "handover"), pins: map[string]string{}}}
	os.Mkdir(r.sink.dir, 0o700)
	r.store = r.open()
	return r
}

func (r *rig) open() bulk.Store {
	st, err := sqlitestore.Open(context.Background(), r.path, true)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { st.Close() })
	return st
}

// key makes a fresh software key and opens it through libfido2.
func (r *rig) key(name string) (string, fido.Device) {
	path := filepath.Join(r.dir, name+".json")
	if _, err := os.Stat(path); err != nil {
		if err := virtual.Configure(path, func(*virtual.State) error { return nil }); err != nil {
			r.t.Fatal(err)
		}
	}
	return path, r.openKey(path)
}

func (r *rig) openKey(path string) fido.Device {
	dev, err := fido.Select(context.Background(), r.mux, fido.VirtualPrefix+path)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { fido.CloseDevice(dev) })
	return dev
}

func (r *rig) runner(station string, st bulk.Store) *bulk.Runner {
	return &bulk.Runner{Store: st, Graph: r.graph, Sink: r.sink, Station: station, Operator: "tester",
		LeaseTTL: time.Minute, KeyTimeout: 20 * time.Second}
}

func (r *rig) plan(p bulk.Profile) *bulk.Plan {
	r.t.Helper()
	plan, err := (&bulk.Planner{Store: r.store, Directory: r.graph}).Plan(context.Background(), bulk.PlanInput{Group: "Rollout", Profile: p})
	if err != nil {
		r.t.Fatal(err)
	}
	return plan
}

// checkInvariants: every user exactly one method, whose credential the task recorded;
// every random PIN in the sink is the key's; the store holds no PIN.
func (r *rig) checkInvariants(n int, keyOf map[string]string) {
	r.t.Helper()
	ctx := context.Background()
	tasks := map[string]*bulk.Task{}
	if err := r.store.Tasks(ctx, func(t *bulk.Task) error { tasks[t.UserID] = t; return nil }); err != nil {
		r.t.Fatal(err)
	}
	for i := range n {
		t := tasks[userID(i)]
		if t == nil || t.State != bulk.Done {
			r.t.Errorf("%s: task %+v, want done", upn(i), t)
			continue
		}
		methods := r.emu.Methods(userID(i))
		if len(methods) != 1 {
			r.t.Errorf("%s has %d methods, want exactly 1", upn(i), len(methods))
			continue
		}
		if t.Facts.MethodID != methods[0].ID {
			r.t.Errorf("%s: the store's method %s is not the one Graph holds", upn(i), t.Facts.MethodID)
		}
		pin, ok := r.sink.pin(upn(i))
		if !ok {
			r.t.Errorf("%s: no PIN in the sink", upn(i))
			continue
		}
		st, err := virtual.ReadState(keyOf[upn(i)])
		if err != nil {
			r.t.Fatal(err)
		}
		h := sha256.Sum256([]byte(pin))
		if !bytes.Equal(st.PINHash, h[:16]) {
			r.t.Errorf("%s: the key's PIN is not the one in the sink", upn(i))
		}
		if bytes.Contains(mustRead(r.t, r.path), []byte(pin)) || bytes.Contains(mustRead(r.t, r.path+"-wal"), []byte(pin)) {
			r.t.Errorf("%s: the PIN is in the store", upn(i))
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return b
}

// fileSink is a plain-file hand-over for these tests (pinout.Handover is tested in its
// package, and end to end by the command's tests).
type fileSink struct {
	dir  string
	pins map[string]string
}

func (s *fileSink) Path(t *bulk.Task) string { return filepath.Join(s.dir, t.UPN) }

func (s *fileSink) Deliver(t *bulk.Task, pin fido.PIN) (string, error) {
	f, err := os.OpenFile(s.Path(t), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	defer f.Close()
	_, err = f.WriteString(pin.Reveal() + "\n")
	return s.Path(t), err
}

func (s *fileSink) Recover(t *bulk.Task) (fido.PIN, error) {
	b, err := os.ReadFile(s.Path(t))
	if err != nil {
		return "", err
	}
	return fido.PIN(bytes.TrimSpace(b)), nil
}

func (s *fileSink) Withdraw(t *bulk.Task) error { return os.Remove(t.Facts.PINSink) }

func (s *fileSink) pin(upn string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(s.dir, upn))
	return string(bytes.TrimSpace(b)), err == nil
}

func mustState(t *testing.T, path string) *virtual.State {
	t.Helper()
	st, err := virtual.ReadState(path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func fidoClose(dev fido.Device) { fido.CloseDevice(dev) }
