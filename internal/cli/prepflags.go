package cli

import (
	"github.com/entra-passkey/entra-passkey/internal/enroll"
)

// RegisterPrepFlags prepare the key as part of register. The order is the one keys
// allow: a PIN before the credential (Entra ID needs user verification), the minimum
// length and the forced change only after Graph accepted the credential (a forced change
// makes the key refuse every use, the registration included).
type RegisterPrepFlags struct {
	SetRandomPin   bool `name:"set-random-pin" group:"Key preparation" help:"On a key without a PIN, set a random one first and deliver it as --pin-out, --pin-out-age or --show-pin say. A key that has a PIN is used with it (asked as usual)."`
	PinLength      int  `name:"pin-length" placeholder:"N" group:"Key preparation" help:"Digits in the random PIN (default 8, at least --min-pin-length and the key's minimum)."`
	MinPinLength   int  `name:"min-pin-length" placeholder:"N" group:"Key preparation" help:"After the registration, raise the key's minimum PIN length to N (never lowered)."`
	ForcePinChange bool `name:"force-pin-change" group:"Key preparation" help:"After the registration, make the key demand a new PIN at its next use, so the user picks their own."`
	PINOutFlags    `group:"Key preparation"`
}

// preparation checks the flags before anything is fetched or touched and returns the
// preparation they ask for.
func (f RegisterPrepFlags) preparation() (enroll.Preparation, error) {
	p := enroll.Preparation{SetRandomPIN: f.SetRandomPin, PINLength: f.PinLength, MinPINLength: f.MinPinLength, ForcePINChange: f.ForcePinChange}
	switch {
	case !f.SetRandomPin && (f.PINOutFlags.given() || f.PinLength != 0):
		return p, &usageError{msg: "--pin-out, --pin-out-age, --pin-out-age-file, --show-pin and --pin-length are for --set-random-pin",
			hint: "add --set-random-pin, or drop them"}
	case !f.SetRandomPin:
		return p, p.Validate()
	case f.PinOut == "":
		// Later steps (the touch, Graph) can fail after the key took the PIN: only a
		// file survives that, so a PIN shown on stdout alone could be lost with the key.
		return p, &usageError{msg: "register --set-random-pin needs --pin-out FILE (age-encrypted with --pin-out-age)",
			hint: "the PIN must survive a failure after the key took it; --show-pin may be added"}
	}
	dest, err := f.PINOutFlags.Destination()
	p.Destination = dest
	if err != nil {
		return p, err
	}
	return p, p.Validate()
}
