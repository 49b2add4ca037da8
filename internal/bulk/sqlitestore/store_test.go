package sqlitestore_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/bulk/sqlitestore"
	"github.com/entra-passkey/entra-passkey/internal/bulk/storetest"
)

func TestConformance(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	storetest.Run(t, func(tb testing.TB, name string) bulk.Store {
		mu.Lock()
		defer mu.Unlock()
		s, err := sqlitestore.Open(context.Background(), filepath.Join(dir, name+".db"), true)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenRefusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	code := func(err error) string {
		if e, ok := err.(interface{ ErrorCode() string }); ok {
			return e.ErrorCode()
		}
		return "none: " + err.Error()
	}
	if _, err := sqlitestore.Open(ctx, filepath.Join(dir, "missing.db"), false); code(err) != "store_not_found" {
		t.Errorf("missing: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "target.db"), nil, 0o600)
	os.Symlink(filepath.Join(dir, "target.db"), filepath.Join(dir, "link.db"))
	if _, err := sqlitestore.Open(ctx, filepath.Join(dir, "link.db"), true); code(err) != "store_invalid" {
		t.Errorf("symlink: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "junk.db"), []byte("this is not a database, just text long enough to fail the header check........"), 0o600)
	if _, err := sqlitestore.Open(ctx, filepath.Join(dir, "junk.db"), false); code(err) != "store_invalid" {
		t.Errorf("junk: %v", err)
	}
	s, err := sqlitestore.Open(ctx, filepath.Join(dir, "new.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, _ := os.Stat(filepath.Join(dir, "new.db")); fi.Mode().Perm() != 0o600 {
		t.Errorf("a new store is %v, want 0600", fi.Mode().Perm())
	}
}

// BenchmarkTaskLifecycle is the store's cost of one task as a station runs it: the
// lease and a save (with its event) for each state, every one a synced transaction.
func BenchmarkTaskLifecycle(b *testing.B) {
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.CreateJob(ctx, &bulk.Job{ID: "bench", Created: time.Now()})
	var ts []*bulk.Task
	for i := range b.N {
		ts = append(ts, &bulk.Task{User: "u" + string(rune('a'+i%26)) + time.Duration(i).String() + "@contoso.example", State: bulk.Planned})
	}
	if _, err := s.AddTasks(ctx, ts, time.Now()); err != nil {
		b.Fatal(err)
	}
	states := []bulk.State{bulk.Options, bulk.Prepared, bulk.Made, bulk.Submitting, bulk.Registered, bulk.Verified, bulk.Done}
	b.ResetTimer()
	for range b.N {
		t, err := s.Lease(ctx, "bench", time.Minute, time.Now())
		if err != nil || t == nil {
			b.Fatal(err)
		}
		for _, st := range states {
			from := t.State
			t.State = st
			if err := s.Save(ctx, t, &bulk.Event{Time: time.Now(), Kind: "state", From: from, To: st}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
