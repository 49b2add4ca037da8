package auth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type blob []byte

func (b blob) Marshal() ([]byte, error) { return b, nil }

type sink struct{ got []byte }

func (s *sink) Unmarshal(b []byte) error {
	if !strings.HasPrefix(string(b), "{") {
		return errors.New("not JSON")
	}
	s.got = b
	return nil
}

func TestFileCacheRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nested", "msal-cache.json")
	w := &warnings{}
	c := &fileCache{path: path, warn: w.add}
	ctx := context.Background()

	var empty sink
	if err := c.Replace(ctx, &empty, cacheReplaceHints()); err != nil || empty.got != nil {
		t.Fatalf("Replace of a missing file = %v, %q", err, empty.got)
	}
	for _, content := range []string{`{"v":1}`, `{"v":2}`} {
		if err := c.Export(ctx, blob(content), cacheExportHints()); err != nil {
			t.Fatal(err)
		}
	}
	var got sink
	if err := c.Replace(ctx, &got, cacheReplaceHints()); err != nil || string(got.got) != `{"v":2}` {
		t.Fatalf("Replace = %v, %q", err, got.got)
	}
	if m := fileMode(t, path); m != 0o600 {
		t.Errorf("mode %o, want 600", m)
	}
	if info, _ := os.Stat(filepath.Dir(path)); info.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %o, want 700", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("leftover temp files: %v", entries)
	}
	if n := strings.Count(w.joined(), "plain file"); n != 1 {
		t.Errorf("plain-file warning given %d times, want once", n)
	}
}

func TestFileCacheRepairsAndTolerates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "msal-cache.json")
	if err := os.WriteFile(path, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	w := &warnings{}
	c := &fileCache{path: path, warn: w.add}
	var s sink
	if err := c.Replace(context.Background(), &s, cacheReplaceHints()); err != nil {
		t.Fatalf("Replace of a corrupt cache: %v", err)
	}
	if m := fileMode(t, path); m != 0o600 {
		t.Errorf("mode %o not tightened to 600", m)
	}
	if !strings.Contains(w.joined(), "readable by others") || !strings.Contains(w.joined(), "unreadable token cache") {
		t.Errorf("warnings = %q", w.joined())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Export(ctx, blob("{}"), cacheExportHints()); !errors.Is(err, context.Canceled) {
		t.Errorf("Export with a cancelled context = %v", err)
	}
}

func TestFileCacheUnwritable(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o600)
	c := &fileCache{path: filepath.Join(blocker, "msal-cache.json"), warn: func(string) {}}
	if err := c.Export(context.Background(), blob("{}"), cacheExportHints()); code(err) != "cache_failed" {
		t.Errorf("Export under a file = %v, want cache_failed", err)
	}
}
