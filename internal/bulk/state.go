package bulk

import "time"

// State is where a task is in the rollout's state machine (docs/bulk.md).
type State string

// The states, in the order a task passes them.
const (
	Planned    State = "planned"    // in the job, not yet taken by a station
	Leased     State = "leased"     // a station holds it
	Options    State = "options"    // creation options fetched; nothing irreversible yet
	Prepared   State = "prepared"   // the key prepared (its random PIN in the sink first)
	Made       State = "made"       // the credential (public data) stored, before any POST
	Submitting State = "submitting" // the intent to POST recorded
	Registered State = "registered" // Graph holds the method
	Verified   State = "verified"   // read back from Graph; the key shown to hold it
	Done       State = "done"       // finished: minimum length, forced change, hand-over, group
	Skipped    State = "skipped"    // a plan-time check failed
	Failed     State = "failed"     // stopped with a code; bulk retry re-queues it
)

// States lists every state in order, for counts and documentation.
func States() []State {
	return []State{Planned, Leased, Options, Prepared, Made, Submitting, Registered, Verified, Done, Skipped, Failed}
}

// Final reports a state no station works on.
func (s State) Final() bool { return s == Done || s == Skipped || s == Failed }

// InFlight reports a state a station holds a lease for.
func (s State) InFlight() bool { return !s.Final() && s != Planned }

// Valid reports a known state.
func (s State) Valid() bool {
	for _, k := range States() {
		if s == k {
			return true
		}
	}
	return false
}

// Requeue puts a failed task back to planned for bulk retry: its lease is dropped and
// its error cleared, but every fact it gathered stays, so a task that may already be
// registered is reconciled, never registered twice (FailedIn says where it stopped).
func Requeue(t *Task, now time.Time) {
	t.State, t.Station, t.LeaseUntil, t.Updated = Planned, "", time.Time{}, now
	t.Facts.ErrorCode, t.Facts.ErrorMessage, t.Facts.Retryable = "", "", false
}
