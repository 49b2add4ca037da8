package bulk

import (
	"context"
	"time"
)

// Store is a job's journal: the job, its tasks and their audit log. The SQLite store is
// the default; every store passes storetest's conformance suite.
type Store interface {
	// Job returns the store's job, or ErrNoJob.
	Job(ctx context.Context) (*Job, error)
	// CreateJob records the job; a store holds one job (ErrJobExists).
	CreateJob(ctx context.Context, j *Job) error
	// AddTasks adds the tasks whose User is not in the job yet (case-insensitively),
	// with an event each, and reports how many it added.
	AddTasks(ctx context.Context, tasks []*Task, now time.Time) (int, error)
	// Lease gives station a task: its own unfinished one first (a restarted station
	// takes its work back at once), then one whose lease expired, then a planned one.
	// It raises the task's Fence. Nil means nothing is left for this station.
	Lease(ctx context.Context, station string, ttl time.Duration, now time.Time) (*Task, error)
	// Save writes t (state, facts, lease) and ev in one transaction, only if t's Fence
	// still holds the lease (ErrFenced otherwise).
	Save(ctx context.Context, t *Task, ev *Event) error
	// Tasks calls fn for every task in id order.
	Tasks(ctx context.Context, fn func(*Task) error) error
	// Counts returns how many tasks are in each state.
	Counts(ctx context.Context) (map[State]int, error)
	// Retry puts failed tasks (with code, or any code when empty) back to planned.
	Retry(ctx context.Context, code string, now time.Time) (int, error)
	// Events calls fn for each event after seq, in order.
	Events(ctx context.Context, after int64, fn func(*Event) error) error
	Close() error
}

// Store errors.
var (
	ErrNoJob = &Error{Code: "job_not_found", Message: "the store holds no job",
		Hint: "plan one first: entra-passkey bulk plan --store FILE --group NAME"}
	ErrJobExists = &Error{Code: "job_exists", Message: "the store already holds a job"}
	ErrFenced    = &Error{Code: "lease_lost", Message: "another station took this task over (its lease expired)",
		Hint: "nothing this station did after that was recorded; the other station finishes the task"}
)
