package auth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-extensions-for-go/cache/accessor"
)

// TestMain keeps the tests off the machine's real keyring: the OS store is a failing
// fake unless a test installs another, or ENTRA_PASSKEY_TEST_KEYRING=1 asks for the real one.
func TestMain(m *testing.M) {
	if os.Getenv("ENTRA_PASSKEY_TEST_KEYRING") != "1" {
		openOSStore = func(string, bool) (accessor.Accessor, error) {
			return nil, errors.New("the OS store is off in tests")
		}
	}
	os.Exit(m.Run())
}

// fakeStore is an accessor.Accessor holding one entry in memory.
type fakeStore struct {
	mu       sync.Mutex
	data     []byte
	writes   int
	deletes  int
	writeErr error
	block    chan struct{} // when set, Write waits on it (a keyring that never answers)
}

func (f *fakeStore) Read(context.Context) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.data), nil
}

func (f *fakeStore) Write(_ context.Context, b []byte) error {
	if f.block != nil {
		<-f.block
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.writeErr != nil {
		return f.writeErr
	}
	f.data, f.writes = slices.Clone(b), f.writes+1
	return nil
}

func (f *fakeStore) Delete(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.data, f.deletes = nil, f.deletes+1
	return nil
}

func (f *fakeStore) entry() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return string(f.data)
}

// fakeKeyring is an OS store of fakeStores by cache path ("#probe" for scratch entries).
type fakeKeyring struct {
	mu      sync.Mutex
	entries map[string]*fakeStore
}

func useFakeKeyring(t *testing.T) *fakeKeyring {
	k := &fakeKeyring{entries: map[string]*fakeStore{}}
	old := openOSStore
	openOSStore = func(path string, probe bool) (accessor.Accessor, error) {
		if probe {
			path += "#probe"
		}
		return k.get(path), nil
	}
	t.Cleanup(func() { openOSStore = old })
	return k
}

func (k *fakeKeyring) get(name string) *fakeStore {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.entries[name] == nil {
		k.entries[name] = &fakeStore{}
	}
	return k.entries[name]
}

// TestOSCacheRoundTrip: with a working OS store, MSAL's cache (refresh token included)
// goes there and never to the plain file; a later run signs in silently from it, and
// logout deletes the entry.
func TestOSCacheRoundTrip(t *testing.T) {
	k := useFakeKeyring(t)
	f := newFakeEntra(t)
	w := &warnings{}
	cfg := baseConfig(t, f, FlowDeviceCode, w)
	cfg.ShowDeviceCode = func(string) {}
	ctx := context.Background()

	s := mustNew(t, cfg)
	if _, err := s.Login(ctx); err != nil {
		t.Fatalf("Login: %v", err)
	}
	entry := k.get(cfg.CachePath)
	if !strings.Contains(entry.entry(), `"RefreshToken"`) || !strings.Contains(entry.entry(), fakeUser) {
		t.Fatalf("the OS entry holds no MSAL cache: %.200q", entry.entry())
	}
	if _, err := os.Stat(cfg.CachePath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a plain cache file was written: %v", err)
	}
	if strings.Contains(w.joined(), "plain file") {
		t.Errorf("plain-file warning with the OS store: %q", w.joined())
	}
	if p := k.get(cfg.CachePath + "#probe"); p.writes != 1 || p.deletes != 1 || p.entry() != "" {
		t.Errorf("probe entry: %d writes, %d deletes, left %q", p.writes, p.deletes, p.entry())
	}
	if m := fileMode(t, filepath.Dir(cfg.CachePath)); m != 0o700 {
		t.Errorf("config dir mode %o, want 700", m)
	}

	later := mustNew(t, cfg)
	mustToken(t, later)
	if n := len(f.grantTypes()); n != 1 {
		t.Errorf("the later run asked Entra again: grants %v", f.grantTypes())
	}
	removed, err := later.Logout(ctx)
	if err != nil || !slices.Equal(removed, []string{fakeUser}) {
		t.Fatalf("Logout = %v, %v", removed, err)
	}
	if entry.entry() != "" || entry.deletes == 0 {
		t.Errorf("Logout left the OS entry: %d deletes, %.100q", entry.deletes, entry.entry())
	}
	if _, err := os.Stat(osSyncPath(cfg.CachePath)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("sync stamp left after logout: %v", err)
	}
	cfg.NoPrompt = true
	if _, err := mustNew(t, cfg).WhoAmI(ctx); code(err) != "login_required" {
		t.Errorf("WhoAmI after logout: %v", err)
	}
}

// TestOSCacheUnreadableEntry: garbage in the store is dropped with a warning, like a
// corrupt file, instead of failing every command.
func TestOSCacheUnreadableEntry(t *testing.T) {
	k := useFakeKeyring(t)
	f := newFakeEntra(t)
	w := &warnings{}
	cfg := baseConfig(t, f, FlowDeviceCode, w)
	cfg.ShowDeviceCode, cfg.NoPrompt = func(string) {}, true
	k.get(cfg.CachePath).data = []byte("garbage")
	start := time.Now()
	if _, err := mustNew(t, cfg).WhoAmI(context.Background()); code(err) != "login_required" {
		t.Errorf("WhoAmI over a corrupt entry: %v", err)
	}
	if d := time.Since(start); d > 800*time.Millisecond {
		t.Errorf("took %s (the extension's retry loop?)", d)
	}
	if !strings.Contains(w.joined(), "unreadable token cache") {
		t.Errorf("warnings = %q", w.joined())
	}
}

// TestCacheFallsBackHere uses the real OS store of this build. Where it cannot even be
// opened (no libsecret-1.so, or no cgo) auto falls back to the file and the warning says why.
func TestCacheFallsBackHere(t *testing.T) {
	if _, err := newOSStore(filepath.Join(t.TempDir(), "x.json"), false); err == nil {
		t.Skip("this machine can open " + osStoreName + "; see TestRealKeyring")
	} else {
		t.Logf("the OS store here: %v", err)
	}
	old := openOSStore
	openOSStore = newOSStore
	t.Cleanup(func() { openOSStore = old })
	_, why := newOSStore("x", false)

	f := newFakeEntra(t)
	w := &warnings{}
	cfg := baseConfig(t, f, FlowDeviceCode, w)
	cfg.ShowDeviceCode = func(string) {}
	s := mustNew(t, cfg)
	if _, err := s.Login(context.Background()); err != nil {
		t.Fatalf("Login: %v", err)
	}
	if m := fileMode(t, cfg.CachePath); m != 0o600 {
		t.Errorf("cache file mode %o", m)
	}
	got := w.joined()
	if !strings.Contains(got, "plain file "+cfg.CachePath) || !strings.Contains(got, osStoreName+" is unusable") ||
		!strings.Contains(got, why.Error()) {
		t.Errorf("warning = %q, want the plain file and why (%v)", got, why)
	}
	t.Logf("warning: %s", got)

	cfg.CacheBackend = CacheOS
	_, err := New(cfg)
	var ae *Error
	if !errors.As(err, &ae) || ae.Code != "cache_failed" || !strings.Contains(ae.Hint, "--token-cache file") {
		t.Fatalf("New with CacheOS = %#v", err)
	}
	t.Logf("CacheOS: %s (hint: %s)", ae.Message, ae.Hint)
}

// TestCacheBackends: os fails when the store fails its probe, auto falls back (also
// when the store never answers), file never asks the store, and logout there still
// deletes a leftover OS entry.
func TestCacheBackends(t *testing.T) {
	k := useFakeKeyring(t)
	f := newFakeEntra(t)
	w := &warnings{}
	cfg := baseConfig(t, f, FlowClientSecret, w)
	cfg.ClientSecret, cfg.Tenant = "s3cret-value", fakeTenant
	probe := k.get(cfg.CachePath + "#probe")
	probe.writeErr = errors.New("collection is locked")

	cfg.CacheBackend = CacheOS
	_, err := New(cfg)
	var ae *Error
	if !errors.As(err, &ae) || ae.Code != "cache_failed" || !strings.Contains(ae.Message, "collection is locked") ||
		!strings.Contains(ae.Hint, "--token-cache file") || !strings.Contains(ae.Hint, "--no-cache") {
		t.Fatalf("New with CacheOS over a locked store = %#v", err)
	}

	cfg.CacheBackend = CacheAuto
	mustToken(t, mustNew(t, cfg))
	if !strings.Contains(w.joined(), "plain file") || !strings.Contains(w.joined(), "collection is locked") {
		t.Errorf("auto fallback warning = %q", w.joined())
	}
	if _, err := os.Stat(cfg.CachePath); err != nil {
		t.Errorf("auto fallback wrote no file: %v", err)
	}

	probe.writeErr, probe.block = nil, make(chan struct{})
	defer close(probe.block)
	old := osProbeTimeout
	osProbeTimeout = 50 * time.Millisecond
	defer func() { osProbeTimeout = old }()
	w2 := &warnings{}
	cfg.Warn = w2.add
	cfg.CachePath = filepath.Join(t.TempDir(), "msal-cache.json")
	k.get(cfg.CachePath + "#probe").block = probe.block
	start := time.Now()
	mustToken(t, mustNew(t, cfg))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a silent store held New for %s", d)
	}
	if !strings.Contains(w2.joined(), "did not answer within 50ms") {
		t.Errorf("hung-store warning = %q", w2.joined())
	}

	// file: the store is not probed; logout deletes the file and a leftover OS entry.
	w3 := &warnings{}
	cfg.Warn, cfg.CacheBackend = w3.add, CacheFile
	cfg.CachePath = filepath.Join(t.TempDir(), "msal-cache.json")
	leftover := k.get(cfg.CachePath)
	leftover.data = []byte(`{"old":true}`)
	s := mustNew(t, cfg)
	mustToken(t, s)
	if p := k.get(cfg.CachePath + "#probe"); p.writes != 0 {
		t.Error("file backend probed the OS store")
	}
	if !strings.Contains(w3.joined(), "--token-cache file") {
		t.Errorf("file warning = %q", w3.joined())
	}
	if _, err := s.Logout(context.Background()); err != nil {
		t.Fatal(err)
	}
	if leftover.entry() != "" {
		t.Error("logout with the file backend left the OS entry")
	}
	if _, err := os.Stat(cfg.CachePath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("logout left the file: %v", err)
	}

	cfg.CacheBackend = "keychain"
	if _, err := New(cfg); code(err) != "auth_config_invalid" {
		t.Errorf("unknown backend: %v", err)
	}
}

// TestRealKeyring runs against this machine's OS store with ENTRA_PASSKEY_TEST_KEYRING=1.
// It writes and then deletes an entry named after a temp path. On a headless Debian 12
// (packages libsecret-1-dev and gnome-keyring; dbus is usually there), a private session
// bus and a throwaway keyring do:
//
//	go test -c -o /tmp/auth.test ./internal/auth/
//	HOME=$(mktemp -d) dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock \
//	  --components=secrets --daemonize >/dev/null; cd internal/auth && \
//	  ENTRA_PASSKEY_TEST_KEYRING=1 /tmp/auth.test -test.run RealKeyring -test.v'
//
// (The packages' files can instead be unpacked with dpkg -x and found via LD_LIBRARY_PATH.)
func TestRealKeyring(t *testing.T) {
	if os.Getenv("ENTRA_PASSKEY_TEST_KEYRING") != "1" {
		t.Skip("set ENTRA_PASSKEY_TEST_KEYRING=1 to use the real OS secret store")
	}
	f := newFakeEntra(t)
	w := &warnings{}
	cfg := baseConfig(t, f, FlowDeviceCode, w)
	cfg.ShowDeviceCode, cfg.CacheBackend = func(string) {}, CacheOS
	ctx := context.Background()
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New with CacheOS: %v", err)
	}
	if _, err := s.Login(ctx); err != nil {
		t.Fatalf("Login: %v", err)
	}
	store, _ := newOSStore(cfg.CachePath, false)
	if data, err := store.Read(ctx); err != nil || !strings.Contains(string(data), fakeUser) {
		t.Fatalf("the store's entry: %v, %d bytes", err, len(data))
	}
	cfg.NoPrompt = true
	mustToken(t, mustNew(t, cfg))
	if _, err := s.Logout(ctx); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	if data, err := store.Read(ctx); err != nil || len(data) != 0 {
		t.Errorf("after logout the store holds %d bytes, %v", len(data), err)
	}
	if strings.Contains(w.joined(), "plain file") {
		t.Errorf("warnings = %q", w.joined())
	}
}
