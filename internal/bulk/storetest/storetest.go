// Package storetest is the conformance suite every bulk.Store passes: the leasing
// order, fencing, idempotent planning, retry and the audit log.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
)

// Opener opens a fresh, empty store; opening the same name again must reach the same
// data (a second station on the same job).
type Opener func(t testing.TB, name string) bulk.Store

var t0 = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)

func tasks(n int, prefix string) []*bulk.Task {
	var ts []*bulk.Task
	for i := range n {
		ts = append(ts, &bulk.Task{User: fmt.Sprintf("%s%d@contoso.example", prefix, i), State: bulk.Planned})
	}
	return ts
}

func mustJob(t *testing.T, s bulk.Store) {
	t.Helper()
	if err := s.CreateJob(context.Background(), &bulk.Job{ID: "job-1", Created: t0, Source: bulk.Source{Kind: "roster", File: "r.csv"},
		Profile: bulk.Profile{MinPINLength: 8}}); err != nil {
		t.Fatal(err)
	}
}

// Run runs the suite.
func Run(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("Job", func(t *testing.T) {
		s := open(t, "job")
		if _, err := s.Job(ctx); !errors.Is(err, bulk.ErrNoJob) {
			t.Fatalf("empty store: %v, want ErrNoJob", err)
		}
		mustJob(t, s)
		j, err := s.Job(ctx)
		if err != nil || j.ID != "job-1" || j.Profile.MinPINLength != 8 || !j.Created.Equal(t0) || j.Source.File != "r.csv" {
			t.Fatalf("Job = %+v, %v", j, err)
		}
		if err := s.CreateJob(ctx, &bulk.Job{ID: "job-2", Created: t0}); !errors.Is(err, bulk.ErrJobExists) {
			t.Fatalf("a second job: %v, want ErrJobExists", err)
		}
	})
	t.Run("AddTasksIsIdempotent", func(t *testing.T) {
		s := open(t, "add")
		mustJob(t, s)
		if n, err := s.AddTasks(ctx, tasks(3, "u"), t0); n != 3 || err != nil {
			t.Fatalf("AddTasks = %d, %v", n, err)
		}
		again := append(tasks(3, "U"), tasks(2, "v")...)
		if n, err := s.AddTasks(ctx, again, t0); n != 2 || err != nil {
			t.Fatalf("planning again added %d (%v), want only the 2 new users", n, err)
		}
		counts, err := s.Counts(ctx)
		if err != nil || counts[bulk.Planned] != 5 {
			t.Fatalf("Counts = %v, %v", counts, err)
		}
		var planned int
		if err := s.Events(ctx, 0, func(ev *bulk.Event) error {
			if ev.Kind == "planned" {
				planned++
			}
			return nil
		}); err != nil || planned != 5 {
			t.Fatalf("%d planned events (%v), want 5", planned, err)
		}
	})
	t.Run("LeaseOrder", func(t *testing.T) { leaseOrder(t, open) })
	t.Run("Fencing", func(t *testing.T) { fencing(t, open) })
	t.Run("Retry", func(t *testing.T) { retry(t, open) })
	t.Run("ConcurrentStations", func(t *testing.T) { concurrent(t, open) })
	t.Run("FactsRoundTrip", func(t *testing.T) {
		s := open(t, "facts")
		mustJob(t, s)
		s.AddTasks(ctx, tasks(1, "f"), t0)
		l, _ := s.Lease(ctx, "a", time.Minute, t0)
		exp := t0.Add(5 * time.Minute)
		l.State, l.Facts.MethodID, l.Facts.ChallengeExpires, l.Facts.RequestIDs = bulk.Registered, "m1", &exp, []string{"r1", "r2"}
		if err := s.Save(ctx, l, &bulk.Event{Time: t0, Kind: "state", From: bulk.Submitting, To: bulk.Registered}); err != nil {
			t.Fatal(err)
		}
		var got *bulk.Task
		s.Tasks(ctx, func(t *bulk.Task) error { got = t; return nil })
		if got.State != bulk.Registered || got.Facts.MethodID != "m1" || !got.Facts.ChallengeExpires.Equal(exp) || len(got.Facts.RequestIDs) != 2 || got.Station != "a" {
			t.Fatalf("read back %+v", got)
		}
	})
}

func leaseOrder(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t, "order")
	mustJob(t, s)
	s.AddTasks(ctx, tasks(4, "u"), t0)
	a1, err := s.Lease(ctx, "A", time.Minute, t0)
	if err != nil || a1 == nil || a1.User != "u0@contoso.example" || a1.State != bulk.Leased || a1.Attempts != 1 {
		t.Fatalf("first lease = %+v, %v", a1, err)
	}
	b1, _ := s.Lease(ctx, "B", time.Minute, t0)
	if b1 == nil || b1.User != "u1@contoso.example" {
		t.Fatalf("B's lease = %+v, want u1 (u0 is A's)", b1)
	}
	// A restarted: it gets its own unfinished task back at once, not a new one.
	a2, _ := s.Lease(ctx, "A", time.Hour, t0.Add(time.Second))
	if a2 == nil || a2.ID != a1.ID || a2.Fence <= a1.Fence {
		t.Fatalf("A restarted got %+v, want its own task with a new fence", a2)
	}
	// B's lease expires: C takes it over, before any planned task.
	c1, _ := s.Lease(ctx, "C", time.Minute, t0.Add(2*time.Minute))
	if c1 == nil || c1.ID != b1.ID {
		t.Fatalf("C got %+v, want B's expired task", c1)
	}
	// Finished tasks are never leased again.
	for _, l := range []*bulk.Task{a2, c1} {
		l.State = bulk.Done
		if err := s.Save(ctx, l, nil); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]bool{}
	for {
		l, err := s.Lease(ctx, "D", time.Minute, t0.Add(3*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if l == nil {
			break
		}
		if got[l.User] {
			t.Fatalf("%s leased twice", l.User)
		}
		got[l.User] = true
		l.State = bulk.Done
		s.Save(ctx, l, nil)
	}
	if len(got) != 2 {
		t.Fatalf("D got %v, want the two planned tasks", got)
	}
}

func fencing(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t, "fence")
	mustJob(t, s)
	s.AddTasks(ctx, tasks(1, "u"), t0)
	dead, _ := s.Lease(ctx, "dead", time.Minute, t0)
	dead.State = bulk.Made
	if err := s.Save(ctx, dead, &bulk.Event{Time: t0, Kind: "state", To: bulk.Made}); err != nil {
		t.Fatal(err)
	}
	alive, _ := s.Lease(ctx, "alive", time.Minute, t0.Add(2*time.Minute))
	if alive == nil || alive.State != bulk.Made {
		t.Fatalf("the take-over got %+v, want the made task", alive)
	}
	dead.State = bulk.Submitting
	if err := s.Save(ctx, dead, nil); !errors.Is(err, bulk.ErrFenced) {
		t.Fatalf("a late write from the dead station: %v, want ErrFenced", err)
	}
	var kinds []string
	s.Events(ctx, 0, func(ev *bulk.Event) error { kinds = append(kinds, ev.Kind); return nil })
	if fmt.Sprint(kinds) != "[planned leased state taken_over]" {
		t.Fatalf("events %v", kinds)
	}
}

func retry(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t, "retry")
	mustJob(t, s)
	s.AddTasks(ctx, tasks(3, "u"), t0)
	for i, code := range []string{"graph_throttled", "key_busy", "graph_throttled"} {
		l, _ := s.Lease(ctx, "A", time.Minute, t0)
		l.Facts.FailedIn, l.Facts.CredentialID = bulk.Submitting, fmt.Sprint("cred", i)
		l.State, l.Facts.ErrorCode = bulk.Failed, code
		if err := s.Save(ctx, l, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.Retry(ctx, "graph_throttled", t0); n != 2 || err != nil {
		t.Fatalf("Retry(code) = %d, %v", n, err)
	}
	counts, _ := s.Counts(ctx)
	if counts[bulk.Planned] != 2 || counts[bulk.Failed] != 1 {
		t.Fatalf("counts %v", counts)
	}
	l, _ := s.Lease(ctx, "B", time.Minute, t0)
	if l.Facts.FailedIn != bulk.Submitting || l.Facts.CredentialID == "" || l.Facts.ErrorCode != "" || l.Attempts != 2 {
		t.Fatalf("a retried task keeps its facts: %+v", l)
	}
	if n, _ := s.Retry(ctx, "", t0); n != 1 {
		t.Fatalf("Retry(any) = %d", n)
	}
}

func concurrent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t, "shared")
	mustJob(t, s)
	const n = 60
	s.AddTasks(ctx, tasks(n, "u"), t0)
	var mu sync.Mutex
	seen := map[string]string{}
	var wg sync.WaitGroup
	for st := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			other := open(t, "shared") // its own connection, as another process would
			station := fmt.Sprint("S", st)
			for {
				l, err := other.Lease(ctx, station, time.Hour, t0)
				if err != nil {
					t.Error(err)
					return
				}
				if l == nil {
					return
				}
				mu.Lock()
				if prev, dup := seen[l.User]; dup {
					t.Errorf("%s leased by %s and %s", l.User, prev, station)
				}
				seen[l.User] = station
				mu.Unlock()
				l.State = bulk.Done
				if err := other.Save(ctx, l, nil); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("%d of %d tasks done", len(seen), n)
	}
}
