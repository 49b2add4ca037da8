package bulk_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

var profile = bulk.Profile{SetRandomPIN: true, MinPINLength: 8, ForcePINChange: true, AlwaysUV: true, DisplayName: "{model} {date}",
	Handover: bulk.Handover{Dir: "(the test sink)", Plain: true}}

// runAll works every task, a fresh key per user, and returns each user's key file.
func (r *rig) runAll(run *bulk.Runner, keyOf map[string]string) {
	r.t.Helper()
	ctx := context.Background()
	for {
		task, err := run.Next(ctx)
		if err != nil {
			r.t.Fatal(err)
		}
		if task == nil {
			return
		}
		path, ok := keyOf[task.UPN]
		if !ok {
			path, _ = r.key(fmt.Sprint("key-", task.UserID))
			keyOf[task.UPN] = path
		}
		dev := r.openKey(path)
		if err := run.Work(ctx, task, dev); err != nil {
			r.t.Fatalf("%s: %v", task.UPN, err)
		}
	}
}

func TestRolloutEndToEnd(t *testing.T) {
	const n = 6
	r := newRig(t, n, nil)
	plan := r.plan(profile)
	if plan.Total != n || plan.Added != n || plan.Counts[bulk.Planned] != n || len(plan.Skipped) != 0 {
		t.Fatalf("plan %+v", plan)
	}
	keyOf := map[string]string{}
	r.runAll(r.runner("A", r.store), keyOf)
	r.checkInvariants(n, keyOf)
	st, err := bulk.ReadStatus(context.Background(), r.store, time.Now())
	if err != nil || !st.Finished || st.Counts[bulk.Done] != n || len(st.Failures) != 0 {
		t.Fatalf("status %+v, %v", st, err)
	}
	// A finished job: nothing to lease, and planning again adds nobody.
	if task, err := r.runner("B", r.store).Next(context.Background()); task != nil || err != nil {
		t.Fatalf("a finished job leased %+v, %v", task, err)
	}
	if again := r.plan(profile); again.Added != 0 || again.Total != n {
		t.Fatalf("planning again: %+v", again)
	}
	// Each key was finished: a forced PIN change pending, the minimum raised.
	for _, path := range keyOf {
		st := mustState(t, path)
		if !st.ForcePINChange || st.MinPINLength < 8 || !st.AlwaysUV {
			t.Errorf("%s: forcePinChange %v, minPinLength %d, alwaysUv %v", path, st.ForcePINChange, st.MinPINLength, st.AlwaysUV)
		}
	}
}

// crashStore lets a station die right after its k-th write: the context is cancelled
// (the station's work stops wherever it is) and no later write lands.
type crashStore struct {
	bulk.Store
	left    int
	cancel  context.CancelFunc
	crashed bool
}

var errDead = errors.New("the station is dead")

func (c *crashStore) Save(ctx context.Context, t *bulk.Task, ev *bulk.Event) error {
	if c.crashed {
		return errDead
	}
	err := c.Store.Save(ctx, t, ev)
	if c.left--; c.left == 0 {
		c.crashed = true
		c.cancel()
	}
	return err
}

// writesPerTask is how many writes one task makes from its lease to done.
const writesPerTask = 9

// Every task dies after a different write, so the station stops after every step in
// turn (the PIN's hand-over before the key took it, the credential before the POST, the
// intent before it, ...), then starts again and finishes it on the same key.
func TestResumeAfterDyingAtEveryWrite(t *testing.T) {
	const n = writesPerTask + 2
	r := newRig(t, n, nil)
	r.plan(profile)
	keyOf := map[string]string{}
	ctx := context.Background()
	resumedIn := map[bulk.State]int{}
	for i := 0; ; i++ {
		dctx, cancel := context.WithCancel(ctx)
		dying := &crashStore{Store: r.store, left: i%writesPerTask + 1, cancel: cancel}
		run := r.runner("A", dying)
		task, err := run.Next(dctx)
		if err != nil {
			t.Fatal(err)
		}
		if task == nil {
			cancel()
			break
		}
		path, _ := r.key(fmt.Sprint("key-", task.UserID))
		keyOf[task.UPN] = path
		dev := r.openKey(path)
		err = run.Work(dctx, task, dev)
		cancel()
		fidoClose(dev) // the process died: its handle on the key is gone
		if err == nil && dying.crashed {
			continue // it died on the last write: done was recorded
		}
		if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, errDead) {
			t.Fatalf("%s died after write %d: %v", task.UPN, i%writesPerTask+1, err)
		}
		// The station starts again under its name: it gets this task back at once.
		again := r.runner("A", r.store)
		resumed, err := again.Next(ctx)
		if err != nil || resumed == nil || resumed.ID != task.ID {
			t.Fatalf("the restarted station got %+v (%v), want %s back", resumed, err, task.UPN)
		}
		resumedIn[resumed.State]++
		if err := again.Work(ctx, resumed, r.openKey(path)); err != nil {
			t.Fatalf("%s, resumed after write %d (state %s): %v", task.UPN, i%writesPerTask+1, resumed.State, err)
		}
	}
	r.checkInvariants(n, keyOf)
	for _, st := range []bulk.State{bulk.Options, bulk.Prepared, bulk.Made, bulk.Submitting, bulk.Registered, bulk.Verified} {
		if resumedIn[st] == 0 {
			t.Errorf("no task was resumed from %s (resumed: %v)", st, resumedIn)
		}
	}
}

// A station dies before Graph's answer is recorded; another takes the task over when the
// lease expires, reconciles with Graph, and the dead station's late write is refused.
func TestTakeOverAfterTheLeaseExpires(t *testing.T) {
	r := newRig(t, 1, nil)
	r.plan(profile)
	ctx := context.Background()
	dctx, cancel := context.WithCancel(ctx)
	dying := &crashStore{Store: r.store, left: 5, cancel: cancel} // options, intent, prepared, made, submitting
	a := r.runner("A", dying)
	task, _ := a.Next(dctx)
	path, dev := r.key("shared")
	a.Work(dctx, task, dev)
	fidoClose(dev)
	b := r.runner("B", r.store)
	if got, _ := b.Next(ctx); got != nil {
		t.Fatalf("B took %s while A's lease holds", got.UPN)
	}
	b.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
	got, err := b.Next(ctx)
	if err != nil || got == nil || got.State != bulk.Submitting {
		t.Fatalf("B's take-over: %+v, %v", got, err)
	}
	if err := b.Work(ctx, got, r.openKey(path)); err != nil {
		t.Fatal(err)
	}
	task.State = bulk.Registered
	if err := r.store.Save(ctx, task, nil); !errors.Is(err, bulk.ErrFenced) {
		t.Fatalf("A's late write: %v, want ErrFenced", err)
	}
	r.checkInvariants(1, map[string]string{upn(0): path})
}

// One Graph request in ten fails (429 with Retry-After, 503, or a connection reset
// after the registration was stored): every user still ends with exactly one method.
func TestGraphFaults(t *testing.T) {
	const n = 20
	r := newRig(t, n, nil)
	r.plan(profile)
	rng := rand.New(rand.NewPCG(1, 2))
	routes := []emulator.Route{emulator.RouteCreationOptions, emulator.RouteRegister, emulator.RouteList, emulator.RouteGet, emulator.RouteToken}
	faults := r.emu.Faults()
	keyOf := map[string]string{}
	run := r.runner("A", r.store)
	ctx := context.Background()
	for {
		faults.Sprinkle(rng, 6, routes, "0.01") // about six requests a task
		task, err := run.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if task == nil {
			break
		}
		path, ok := keyOf[task.UPN]
		if !ok {
			path, _ = r.key(fmt.Sprint("key-", task.UserID))
			keyOf[task.UPN] = path
		}
		if err := run.Work(ctx, task, r.openKey(path)); err != nil {
			// A failure is recorded and retried, never repeated blindly.
			if _, err := r.store.Retry(ctx, "", time.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	r.checkInvariants(n, keyOf)
	statuses := map[int]int{}
	for _, req := range r.emu.Requests() {
		statuses[req.Status]++
	}
	if statuses[429] == 0 || statuses[503] == 0 {
		t.Errorf("the faults did not fire: %v", statuses)
	}
	reconciled := 0
	r.store.Tasks(context.Background(), func(t *bulk.Task) error {
		if t.Facts.Reconciled {
			reconciled++
		}
		return nil
	})
	if reconciled == 0 {
		t.Error("no registration was reconciled after a reset")
	}
}

// A fresh key that cannot take the whole profile (here: no room for a passkey, or no
// authenticatorConfig for the minimum length) is refused before anything changes, and
// the task stays with the station for another key.
func TestAKeyThatDoesNotFitIsRefusedFirst(t *testing.T) {
	r := newRig(t, 1, nil)
	r.plan(profile)
	ctx := context.Background()
	run := r.runner("A", r.store)
	task, _ := run.Next(ctx)
	full := filepath.Join(r.dir, "full.json")
	if err := virtual.Configure(full, func(st *virtual.State) error { st.Faults.Full = true; return nil }); err != nil {
		t.Fatal(err)
	}
	err := run.Work(ctx, task, r.openKey(full))
	if !bulk.KeyRefused(err) {
		t.Fatalf("a full key: %v, want a refusal of the key", err)
	}
	if st := mustState(t, full); st.PINSet() {
		t.Error("the refused key was given a PIN")
	}
	again, err := run.Next(ctx)
	if err != nil || again == nil || again.ID != task.ID || again.State == bulk.Failed {
		t.Fatalf("after the refusal the station got %+v (%v), want the same task, not failed", again, err)
	}
	path, dev := r.key("good")
	if err := run.Work(ctx, again, dev); err != nil {
		t.Fatal(err)
	}
	r.checkInvariants(1, map[string]string{upn(0): path})
}
