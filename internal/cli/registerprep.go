package cli

import (
	"context"
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/pinout"
	"github.com/entra-passkey/entra-passkey/internal/pinpolicy"
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

// preparedDoc reports register's preparation and the key's state read back afterwards.
type preparedDoc struct {
	PINSetByRegister bool `json:"pinSetByRegister"`
	PINSet           bool `json:"pinSet"`
	MinPINLength     int  `json:"minPinLength"`
	ForcePINChange   bool `json:"forcePinChange"`
}

func (f RegisterPrepFlags) any() bool {
	return f.SetRandomPin || f.MinPinLength != 0 || f.ForcePinChange
}

// destination checks the flags before anything is fetched or touched.
func (f RegisterPrepFlags) destination() (*pinout.Destination, error) {
	switch {
	case !f.SetRandomPin && (f.PINOutFlags.given() || f.PinLength != 0):
		return nil, &usageError{msg: "--pin-out, --pin-out-age, --pin-out-age-file, --show-pin and --pin-length are for --set-random-pin",
			hint: "add --set-random-pin, or drop them"}
	case f.MinPinLength != 0 && (f.MinPinLength < pinpolicy.CTAPMinLength || f.MinPinLength > fido.MaxPINLength):
		return nil, &usageError{msg: fmt.Sprintf("a minimum PIN length of %d is outside CTAP's %d to %d", f.MinPinLength, pinpolicy.CTAPMinLength, fido.MaxPINLength)}
	case !f.SetRandomPin:
		return nil, nil
	case f.PinOut == "":
		// Later steps (the touch, Graph) can fail after the key took the PIN: only a
		// file survives that, so a PIN shown on stdout alone could be lost with the key.
		return nil, &usageError{msg: "register --set-random-pin needs --pin-out FILE (age-encrypted with --pin-out-age)",
			hint: "the PIN must survive a failure after the key took it; --show-pin may be added"}
	}
	return f.PINOutFlags.Destination()
}

// check refuses what the key cannot do, before the key or Graph is changed.
func (f RegisterPrepFlags) check(info *fido.Info) error {
	sup := info.Supports()
	switch {
	case f.SetRandomPin && !info.SupportsPIN():
		return fido.ErrUVUnsupported
	case f.MinPinLength != 0 && !sup.SetMinPINLength:
		return unsupportedByKey("setting the minimum PIN length", "setMinPINLength")
	case f.ForcePinChange && !sup.ForcePINChange:
		return unsupportedByKey("forcing a PIN change", "setMinPINLength")
	case f.MinPinLength != 0 && f.MinPinLength < info.EffectiveMinPINLength():
		return &prepError{code: "min_pin_length_lower",
			msg:  fmt.Sprintf("the key's minimum PIN length is %d: it cannot be lowered to %d", info.EffectiveMinPINLength(), f.MinPinLength),
			hint: "keys never lower their minimum PIN length; drop --min-pin-length or give at least the current one"}
	}
	return nil
}

// keyPIN remembers the PIN used for the credential, for the configuration after it.
type keyPIN struct {
	pin    fido.PIN
	source func(context.Context, *fido.Info) (fido.PIN, error)
}

func (k *keyPIN) get(ctx context.Context, info *fido.Info) (fido.PIN, error) {
	if !k.pin.Empty() {
		return k.pin, nil
	}
	p, err := k.source(ctx, info)
	if err == nil {
		k.pin = p
	}
	return p, err
}

// setRandomPIN sets and delivers a generated PIN on a key without one. It returns false
// when the key already has a PIN (which is then used as it is).
func (f RegisterPrepFlags) setRandomPIN(ctx context.Context, a *app, dev fido.Device, info *fido.Info, dest *pinout.Destination, kp *keyPIN, doc *Registration) (bool, error) {
	if !f.SetRandomPin {
		return false, nil
	}
	if info.PINSet() {
		a.events.Warn("pin_already_set", "the key already has a PIN: it is used as it is (no random PIN was generated)")
		return false, nil
	}
	prep, err := preparer(dev)
	if err != nil {
		return false, err
	}
	requested := max(f.PinLength, f.MinPinLength)
	if f.PinLength == 0 {
		requested = max(pinpolicy.DefaultLength, f.MinPinLength)
	}
	pin, n, err := generatePIN(a, requested, info)
	if err != nil {
		return false, err
	}
	delivered, err := pinout.Deliver(dest, pin, func() error { return setPINSettled(ctx, a, dev, prep, info, pin) })
	if err != nil {
		return false, err
	}
	a.events.Info(fmt.Sprintf("set a random %d-digit PIN on the key", n))
	kp.pin = pin
	doc.RandomPIN = &randomPINDoc{Length: n, Delivered: delivered}
	doc.PIN = delivered.ShownPIN()
	return true, nil
}

// configure applies the minimum length and the forced change after the registration.
func (f RegisterPrepFlags) configure(ctx context.Context, a *app, dev fido.Device, kp *keyPIN) error {
	if f.MinPinLength == 0 && !f.ForcePinChange {
		return nil
	}
	prep, err := preparer(dev)
	if err != nil {
		return err
	}
	info, err := dev.Info(ctx)
	if err != nil {
		return err
	}
	pin, err := kp.get(ctx, info)
	if err != nil {
		return err
	}
	if f.MinPinLength > info.EffectiveMinPINLength() {
		if err := prep.SetMinPINLength(ctx, f.MinPinLength, nil, pin); err != nil {
			return fmt.Errorf("setting the minimum PIN length: %w", err)
		}
		a.events.Info(fmt.Sprintf("raised the key's minimum PIN length to %d", f.MinPinLength))
		before := info.ForcePINChange
		if info, err = dev.Info(ctx); err != nil {
			return err
		}
		if info.ForcePINChange && !before && !f.ForcePinChange {
			a.events.Warn("pin_change_pending", "the key's PIN is shorter than the new minimum: the key refuses use until the PIN is changed (`entra-passkey pin change`)")
		}
	}
	// A new minimum above the PIN's length makes the key force the change by itself;
	// after a forced change the key issues no token, so this comes last.
	if f.ForcePinChange && !info.ForcePINChange {
		if err := prep.ForcePINChange(ctx, pin); err != nil {
			return fmt.Errorf("forcing a PIN change: %w", err)
		}
		a.events.Info("the key will demand a new PIN at its next use")
	}
	return nil
}

// readBack fills doc.Prepared from the key's state after preparation.
func readBack(ctx context.Context, dev fido.Device, pinSet bool, doc *Registration) error {
	info, err := dev.Info(ctx)
	if err != nil {
		return err
	}
	doc.Prepared = &preparedDoc{PINSetByRegister: pinSet, PINSet: info.PINSet(), MinPINLength: info.EffectiveMinPINLength(),
		ForcePINChange: info.ForcePINChange}
	return nil
}
