package cli

import (
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/pinout"
	"github.com/entra-passkey/entra-passkey/internal/pinpolicy"
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

// randomPINDoc reports a generated PIN in an output document: its length and where it
// went, never the PIN (that is the document's pin field, with --show-pin only).
type randomPINDoc struct {
	Length int `json:"length"`
	*pinout.Delivered
}

// generatePIN generates a PIN for a key with info, honouring --pin-length (0: the
// default), and warns when the length had to be raised to the key's minimum.
func generatePIN(a *app, requested int, info *fido.Info) (fido.PIN, int, error) {
	n, raised, err := pinpolicy.Length(requested, pinpolicy.KeyLimits(info))
	if err != nil {
		return "", 0, err
	}
	if raised {
		a.events.Warn("pin_length_raised", "the key's minimum PIN length is longer than --pin-length: generating a longer PIN")
	}
	pin, err := pinpolicy.Generate(nil, n)
	return pin, n, err
}
