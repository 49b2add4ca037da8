package bulk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// Graph is what running a task needs of Microsoft Graph; *graph.Client is one.
type Graph interface {
	enroll.Graph
	Methods(ctx context.Context, user string) ([]graph.Method, error)
	RemoveGroupMember(ctx context.Context, groupID, userID string) error
}

// PINSink hands a task's random PIN over. Deliver writes it (exclusively, synced)
// before the key takes it; Recover reads it back for a resumed task, when it can.
type PINSink interface {
	Path(t *Task) string
	Deliver(t *Task, pin fido.PIN) (string, error)
	Recover(t *Task) (fido.PIN, error)
	// Withdraw removes a hand-over whose PIN no key took (the run died in between).
	Withdraw(t *Task) error
}

// Runner works a job's tasks at one station.
type Runner struct {
	Store    Store
	Graph    Graph
	Sink     PINSink
	Station  string
	Operator string
	// LeaseTTL is how long a lease lasts without a write (default 10 minutes); every
	// write renews it.
	LeaseTTL time.Duration
	// KeyTimeout bounds each stretch of key work, the touch included.
	KeyTimeout time.Duration
	// PIN asks for a key's PIN when no hand-over holds it (nil: the task fails with
	// pin_unavailable).
	PIN      enroll.PINFunc
	Observer Observer
	Now      func() time.Time
	// Stopping, once closed, ends the work after the step under way (the first Ctrl-C);
	// cancelling the context also stops the step itself (the second).
	Stopping <-chan struct{}

	job *Job
	mu  sync.Mutex
	ids []string // Graph request ids of the task being worked
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Runner) obs() Observer {
	if r.Observer == nil {
		return quiet{}
	}
	return r.Observer
}

// NoteCall collects Graph's request ids for the task's record (graph.Config.Observe).
func (r *Runner) NoteCall(c graph.Call) {
	if c.RequestID == "" {
		return
	}
	r.mu.Lock()
	r.ids = append(r.ids, c.RequestID)
	r.mu.Unlock()
}

func (r *Runner) takeIDs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := r.ids
	r.ids = nil
	return ids
}

// Job reads the job once.
func (r *Runner) Job(ctx context.Context) (*Job, error) {
	if r.job == nil {
		j, err := r.Store.Job(ctx)
		if err != nil {
			return nil, err
		}
		r.job = j
	}
	return r.job, nil
}

// Next leases the task this station should work next; nil means none is left for it.
func (r *Runner) Next(ctx context.Context) (*Task, error) {
	if _, err := r.Job(ctx); err != nil {
		return nil, err
	}
	ttl := r.LeaseTTL
	if ttl == 0 {
		ttl = 10 * time.Minute
	}
	t, err := r.Store.Lease(ctx, r.Station, ttl, r.now())
	if t != nil {
		r.obs().Step(t, &Event{Kind: EventLeased, To: t.State})
	}
	return t, err
}

// Work runs t on dev from wherever it stopped to done. A failure is recorded on the
// task (failed, with its code and the state it interrupted) and returned; a cancelled
// context leaves the task as recorded, leased to this station, to resume.
func (r *Runner) Work(ctx context.Context, t *Task, dev fido.Device) error {
	job, err := r.Job(ctx)
	if err != nil {
		return err
	}
	r.takeIDs()
	w := &work{r: r, job: job, t: t, dev: dev}
	err = w.run(ctx)
	if err == nil || ctx.Err() != nil || errors.Is(err, ErrStopped) {
		return err
	}
	if errors.Is(err, ErrFenced) || KeyRefused(err) {
		// A key that does not fit changed nothing: the task stays this station's, for
		// the right key.
		return err
	}
	return w.fail(err)
}

// KeyRefused reports a key refused before anything was done with it: the task stays
// with the station, for the right key.
func KeyRefused(err error) bool {
	switch codeOf(err) {
	case "key_mismatch", "key_not_fresh", "model_not_allowed", "unsupported_by_key", "uv_unsupported", "min_pin_length_lower", "key_full":
		return true
	}
	return false
}

// ErrStopped is a task left between two steps because the station was asked to stop:
// it stays leased to the station, which resumes it when it runs again.
var ErrStopped = &Error{Code: "cancelled", Message: "stopped between two steps; the task resumes where it is when this station runs again"}

// stopped reports whether the station was asked to stop.
func (r *Runner) stopped() bool {
	select {
	case <-r.Stopping:
		return true
	default:
		return false
	}
}

// save records t's new state (and the event), renewing the lease.
func (w *work) save(ctx context.Context, to State, ev *Event) error {
	r, t := w.r, w.t
	from := t.State
	t.State = to
	now := r.now()
	ttl := r.LeaseTTL
	if ttl == 0 {
		ttl = 10 * time.Minute
	}
	t.Updated, t.LeaseUntil = now, now.Add(ttl)
	t.Facts.RequestIDs = append(t.Facts.RequestIDs, r.takeIDs()...)
	if ev == nil {
		ev = &Event{Kind: EventState}
	}
	ev.Time, ev.From, ev.To = now, from, to
	// A write must land even when Ctrl-C arrives: what happened is recorded.
	if err := r.Store.Save(context.WithoutCancel(ctx), t, ev); err != nil {
		t.State = from
		return err
	}
	r.obs().Step(t, ev)
	return nil
}

// fail records err on the task; it returns err.
func (w *work) fail(err error) error {
	t := w.t
	in := t.State
	if in == Failed {
		return err
	}
	code, msg := codeOf(err), err.Error()
	t.Facts.ErrorCode, t.Facts.ErrorMessage, t.Facts.FailedIn = code, msg, in
	t.Facts.Retryable = retryable(code)
	if serr := w.save(context.Background(), Failed, &Event{Kind: EventFailed, Code: code, Message: msg}); serr != nil {
		return errors.Join(err, serr)
	}
	return err
}

// codeOf is an error's stable code.
func codeOf(err error) string {
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) && c.ErrorCode() != "" {
		return c.ErrorCode()
	}
	return "task_failed"
}

// retryable says a failure may pass when the task runs again.
func retryable(code string) bool {
	switch code {
	case "graph_throttled", "graph_unavailable", "graph_outcome_unknown", "graph_server_error", "graph_request_failed",
		"timeout", "cancelled", "device_error", "device_busy", "no_device", "key_not_fresh", "key_mismatch",
		"model_not_allowed", "pin_unavailable", "challenge_expired", "store_failed":
		return true
	}
	return false
}

// Describe names a task's user for the operator: "Adele Vance (adele@...)".
func (t *Task) Describe() string {
	if t.DisplayName != "" && t.UPN != "" {
		return fmt.Sprintf("%s (%s)", t.DisplayName, t.UPN)
	}
	return t.Name()
}

// user is the id Graph calls take: the object id when known.
func (t *Task) graphUser() string {
	if t.UserID != "" {
		return t.UserID
	}
	return t.User
}
