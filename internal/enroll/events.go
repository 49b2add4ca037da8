package enroll

// Events receives what a person at the key needs to know while a step runs. The CLI
// writes these to stderr, as text or as JSON lines.
type Events interface {
	// Touch says the key now waits for a touch.
	Touch(message string)
	// Warn reports something done differently from what was asked.
	Warn(code, message string)
	// Info reports progress: a step done, a step begun.
	Info(message string)
}

// NoEvents discards events.
type NoEvents struct{}

// Touch discards the event.
func (NoEvents) Touch(string) {}

// Warn discards the event.
func (NoEvents) Warn(string, string) {}

// Info discards the event.
func (NoEvents) Info(string) {}
