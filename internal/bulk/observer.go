package bulk

import "github.com/entra-passkey/entra-passkey/internal/enroll"

// Observer carries a run up to whoever shows it (the terminal display, JSON events):
// the ceremony's own events, what the operator must do, and each task transition.
type Observer interface {
	enroll.Events
	// Prompt is an instruction for the operator ("insert a key for Adele Vance (12/120)").
	Prompt(message string)
	// Step reports a recorded step of t: ev says what (a state change, the hand-over
	// about to be written, ...), from the state it left to the one it is in now.
	Step(t *Task, ev *Event)
	// Progress reports finished tasks of total, and the user being worked on.
	Progress(done, total int, user string)
}

// quiet is an Observer that shows nothing.
type quiet struct{ enroll.NoEvents }

func (quiet) Prompt(string)             {}
func (quiet) Step(*Task, *Event)        {}
func (quiet) Progress(int, int, string) {}
