package fido

import "fmt"

// PIN is a key's PIN. Its String and Format methods print a placeholder so that a PIN
// that strays into a log line or an error message never shows.
type PIN string

// String hides the PIN.
func (PIN) String() string { return "[redacted]" }

// GoString hides the PIN from %#v.
func (PIN) GoString() string { return "fido.PIN([redacted])" }

// Format hides the PIN from every fmt verb.
func (PIN) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte("[redacted]")) }

// MarshalText hides the PIN from encoders.
func (PIN) MarshalText() ([]byte, error) { return []byte("[redacted]"), nil }

// Reveal returns the PIN itself, for the one call that hands it to the key.
func (p PIN) Reveal() string { return string(p) }

// Empty reports whether no PIN was given.
func (p PIN) Empty() bool { return p == "" }
