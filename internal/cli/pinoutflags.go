package cli

import (
	"github.com/entra-passkey/entra-passkey/internal/pinout"
)

// given reports whether any destination flag is set.
func (f PINOutFlags) given() bool {
	return f.PinOut != "" || len(f.PinOutAge) > 0 || len(f.PinOutAgeFile) > 0 || f.ShowPin
}

// Destination checks the flags and returns where a generated PIN goes; call it before
// touching the key. With no destination it fails with pin_destination_required.
func (f PINOutFlags) Destination() (*pinout.Destination, error) {
	return pinout.New(f.PinOut, f.PinOutAge, f.PinOutAgeFile, f.ShowPin)
}
