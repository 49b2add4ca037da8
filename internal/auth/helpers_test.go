package auth

import (
	"context"
	"errors"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// warnings collects Warn messages.
type warnings struct {
	mu  sync.Mutex
	got []string
}

func (w *warnings) add(m string) { w.mu.Lock(); w.got = append(w.got, m); w.mu.Unlock() }

func (w *warnings) joined() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.got, "\n")
}

// baseConfig points a flow at the fake with a private cache file.
func baseConfig(t *testing.T, f *fakeEntra, flow Flow, w *warnings) Config {
	t.Helper()
	return Config{
		Flow: flow, Authority: f.authority(), ClientID: fakeClientID,
		HTTPClient: f.srv.Client(), CachePath: filepath.Join(t.TempDir(), "cfg", "msal-cache.json"),
		Warn: w.add,
	}
}

func mustNew(t *testing.T, cfg Config) *Source {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func mustToken(t *testing.T, s *Source) string {
	t.Helper()
	tok, err := s.Token(context.Background())
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	return tok
}

// fileMode returns path's permission bits, or fails.
func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("stat cache: %v", err)
	}
	return info.Mode().Perm()
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func statErr(path string) (os.FileInfo, error) { return os.Stat(path) }

func asErr(err error, target **Error) bool { return errors.As(err, target) }

func cacheReplaceHints() cache.ReplaceHints { return cache.ReplaceHints{} }
func cacheExportHints() cache.ExportHints   { return cache.ExportHints{} }
