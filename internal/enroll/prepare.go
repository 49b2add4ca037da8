package enroll

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/pinout"
	"github.com/entra-passkey/entra-passkey/internal/pinpolicy"
)

// Preparation is what an admin does to a key before it is handed out, in the one order
// keys allow: a random PIN before the credential (Entra ID needs user verification), the
// minimum length and the forced change only after Graph accepted the credential (a
// forced change makes the key refuse every use, the registration included). The
// register command, the pin and config commands and a bulk run all use it.
type Preparation struct {
	// SetRandomPIN sets a generated PIN on a key without one, delivered to Destination
	// first; a key that has a PIN is used with it.
	SetRandomPIN bool
	// PINLength is the random PIN's digits (0: pinpolicy.DefaultLength, at least MinPINLength).
	PINLength int
	// Destination is where the random PIN goes; it must survive a later failure.
	Destination *pinout.Destination
	// MinPINLength raises the key's minimum PIN length after the registration (0: no).
	MinPINLength int
	// ForcePINChange makes the key demand a new PIN at its next use, last of all.
	ForcePINChange bool
}

// Any reports whether the preparation does anything.
func (p Preparation) Any() bool { return p.SetRandomPIN || p.MinPINLength != 0 || p.ForcePINChange }

// Validate checks what needs no key: the minimum length within CTAP's 4 to 63.
func (p Preparation) Validate() error {
	if p.MinPINLength != 0 && (p.MinPINLength < pinpolicy.CTAPMinLength || p.MinPINLength > fido.MaxPINLength) {
		return &Error{Code: "usage", Message: fmt.Sprintf("a minimum PIN length of %d is outside CTAP's %d to %d", p.MinPINLength, pinpolicy.CTAPMinLength, fido.MaxPINLength),
			Hint: "give a minimum PIN length from 4 to 63"}
	}
	return nil
}

// Check refuses what the key cannot do, before the key or Graph is changed.
func (p Preparation) Check(info *fido.Info) error {
	sup := info.Supports()
	switch {
	case p.SetRandomPIN && !info.SupportsPIN():
		return fido.ErrUVUnsupported
	case p.MinPINLength != 0 && !sup.SetMinPINLength:
		return UnsupportedByKey("setting the minimum PIN length", "setMinPINLength")
	case p.ForcePINChange && !sup.ForcePINChange:
		return UnsupportedByKey("forcing a PIN change", "setMinPINLength")
	}
	return CheckMinPINLength(info, p.MinPINLength)
}

// CheckMinPINLength refuses lowering a key's minimum PIN length: keys never do it.
func CheckMinPINLength(info *fido.Info, n int) error {
	if n != 0 && n < info.EffectiveMinPINLength() {
		return &Error{Code: "min_pin_length_lower",
			Message: fmt.Sprintf("the key's minimum PIN length is %d: it cannot be lowered to %d", info.EffectiveMinPINLength(), n),
			Hint: "CTAP keys never lower their minimum PIN length, so that a stolen key cannot be weakened; " +
				"only `entra-passkey reset`, which erases every passkey on the key, brings it back to 4"}
	}
	return nil
}

// UnsupportedByKey is a preparation the key lacks the option for.
func UnsupportedByKey(what, option string) error {
	return &Error{Code: "unsupported_by_key",
		Message: fmt.Sprintf("the key does not support %s (getInfo option %s)", what, option),
		Hint:    "check `entra-passkey key-info` (supports); a CTAP 2.1 key, or newer firmware, is needed"}
}

// Preparer returns the key's preparation commands.
func Preparer(dev fido.Device) (fido.Preparer, error) {
	p, ok := dev.(fido.Preparer)
	if !ok {
		return nil, fido.ErrUnsupported
	}
	return p, nil
}

// KeyPIN remembers the PIN used on a key, so the steps after the credential (minimum
// length, forced change) do not ask again.
type KeyPIN struct {
	pin    fido.PIN
	source PINFunc
}

// NewKeyPIN asks source when a PIN is first needed.
func NewKeyPIN(source PINFunc) *KeyPIN { return &KeyPIN{source: source} }

// Get returns the PIN, asking the source once.
func (k *KeyPIN) Get(ctx context.Context, info *fido.Info) (fido.PIN, error) {
	if !k.pin.Empty() {
		return k.pin, nil
	}
	if k.source == nil {
		return "", fido.ErrPINRequired
	}
	p, err := k.source(ctx, info)
	if err == nil {
		k.pin = p
	}
	return p, err
}

// RandomPIN reports a generated PIN: its length and where it went, never the PIN
// (Shown is the PIN only when the destination says to show it).
type RandomPIN struct {
	Length int `json:"length"`
	*pinout.Delivered
}

// GeneratePIN makes a random PIN for a key with info, of requested digits (0: the
// default), raised to the key's minimum with a warning.
func GeneratePIN(requested int, info *fido.Info, ev Events) (fido.PIN, int, error) {
	n, raised, err := pinpolicy.Length(requested, pinpolicy.KeyLimits(info))
	if err != nil {
		return "", 0, err
	}
	if raised {
		ev.Warn("pin_length_raised", "the key's minimum PIN length is longer than --pin-length: generating a longer PIN")
	}
	pin, err := pinpolicy.Generate(nil, n)
	return pin, n, err
}

// SetRandomPIN sets and delivers a generated PIN on a key without one: the PIN reaches
// its destination before the key takes it, and is withdrawn if the key refuses it. It
// returns nil when the key already has a PIN (used as it is, with a warning) or none
// was asked for.
func SetRandomPIN(ctx context.Context, dev fido.Device, info *fido.Info, p Preparation, kp *KeyPIN, ev Events) (*RandomPIN, error) {
	if !p.SetRandomPIN {
		return nil, nil
	}
	if info.PINSet() {
		ev.Warn("pin_already_set", "the key already has a PIN: it is used as it is (no random PIN was generated)")
		return nil, nil
	}
	prep, err := Preparer(dev)
	if err != nil {
		return nil, err
	}
	requested := max(p.PINLength, p.MinPINLength)
	if p.PINLength == 0 {
		requested = max(pinpolicy.DefaultLength, p.MinPINLength)
	}
	pin, n, err := GeneratePIN(requested, info, ev)
	if err != nil {
		return nil, err
	}
	delivered, err := pinout.Deliver(p.Destination, pin, func() error { return SetPINSettled(ctx, dev, prep, info, pin, ev) })
	if err != nil {
		return nil, err
	}
	ev.Info(fmt.Sprintf("set a random %d-digit PIN on the key", n))
	kp.pin = pin
	return &RandomPIN{Length: n, Delivered: delivered}, nil
}

// Configure applies the minimum length, then the forced change: after a forced change
// the key issues no PIN token, so it comes last. A new minimum above the PIN's length
// makes the key force the change by itself (pin_change_pending).
func Configure(ctx context.Context, dev fido.Device, p Preparation, kp *KeyPIN, ev Events) error {
	if p.MinPINLength == 0 && !p.ForcePINChange {
		return nil
	}
	prep, err := Preparer(dev)
	if err != nil {
		return err
	}
	info, err := fido.ReadInfo(ctx, dev)
	if err != nil {
		return err
	}
	pin, err := kp.Get(ctx, info)
	if err != nil {
		return err
	}
	if p.MinPINLength > info.EffectiveMinPINLength() {
		if err := prep.SetMinPINLength(ctx, p.MinPINLength, nil, pin); err != nil {
			return fmt.Errorf("setting the minimum PIN length: %w", err)
		}
		ev.Info(fmt.Sprintf("raised the key's minimum PIN length to %d", p.MinPINLength))
		before := info.ForcePINChange
		if info, err = fido.ReadInfo(ctx, dev); err != nil {
			return err
		}
		if info.ForcePINChange && !before && !p.ForcePINChange {
			WarnPINChangePending(ev)
		}
	}
	if p.ForcePINChange && !info.ForcePINChange {
		if err := prep.ForcePINChange(ctx, pin); err != nil {
			return fmt.Errorf("forcing a PIN change: %w", err)
		}
		ev.Info("the key will demand a new PIN at its next use")
	}
	return nil
}

// WarnPINChangePending says a raised minimum made the key demand a PIN change.
func WarnPINChangePending(ev Events) {
	ev.Warn("pin_change_pending", "the current PIN is shorter than the new minimum: the key refuses use until the PIN is changed (`entra-passkey pin change`)")
}

// Prepared is the key's state read back after preparation.
type Prepared struct {
	PINSetByRegister bool `json:"pinSetByRegister"`
	PINSet           bool `json:"pinSet"`
	MinPINLength     int  `json:"minPinLength"`
	ForcePINChange   bool `json:"forcePinChange"`
}

// ReadBack reads the key's state after preparation.
func ReadBack(ctx context.Context, dev fido.Device, pinSetHere bool) (*Prepared, error) {
	info, err := fido.ReadInfo(ctx, dev)
	if err != nil {
		return nil, err
	}
	return &Prepared{PINSetByRegister: pinSetHere, PINSet: info.PINSet(), MinPINLength: info.EffectiveMinPINLength(),
		ForcePINChange: info.ForcePINChange}, nil
}

// SetPINSettled sets a new PIN. When the failure may have come after the key took the
// PIN (a timeout, Ctrl-C, a transport error) it asks the key whether it now has one, so
// a PIN the key holds is never withdrawn from its destination.
func SetPINSettled(ctx context.Context, dev fido.Device, prep fido.Preparer, info *fido.Info, pin fido.PIN, ev Events) error {
	err := prep.SetPIN(ctx, pin)
	var fe *fido.Error
	if err == nil || !errors.As(err, &fe) || (fe.Code != "timeout" && fe.Code != "cancelled" && fe.Code != "device_error") {
		return ExplainPolicy(err, info, pin, false)
	}
	checkCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if after, ierr := fido.ReadInfo(checkCtx, dev); ierr == nil && after.PINSet() {
		ev.Warn("pin_set_despite_error", fmt.Sprintf("the key reported an error (%s) but holds the new PIN: it is delivered", fe.Code))
		return nil
	}
	return ExplainPolicy(err, info, pin, false)
}

// ExplainPolicy says why a key refused a new PIN, from what it reported about itself.
func ExplainPolicy(err error, info *fido.Info, newPIN fido.PIN, change bool) error {
	if !errors.Is(err, fido.ErrPINPolicyViolation) {
		return err
	}
	n, minLen := utf8.RuneCountInString(newPIN.Reveal()), info.EffectiveMinPINLength()
	switch {
	case n < minLen:
		return &Error{Code: "pin_policy_violation", Err: err,
			Message: fmt.Sprintf("the key refused the new PIN: it has %d characters and the key's minimum is %d", n, minLen),
			Hint:    fmt.Sprintf("choose a PIN of at least %d characters", minLen)}
	case change && info.ForcePINChange:
		return &Error{Code: "pin_policy_violation", Err: err,
			Message: "the key refused the new PIN: a forced PIN change needs a PIN other than the current one",
			Hint:    "choose a different PIN"}
	}
	return &Error{Code: "pin_policy_violation", Err: err,
		Message: fmt.Sprintf("the key refused the new PIN: it breaks the key's PIN policy (it reports a minimum of %d characters and takes at most %d bytes; the new PIN has %d characters)",
			minLen, fido.MaxPINLength, n),
		Hint: "choose a longer PIN without simple patterns; some keys also refuse common PINs or repeated digits"}
}

// KnownPIN is a KeyPIN that already knows the key's PIN (a rollout's random PIN, or
// one read back from its hand-over), asking source only if pin is empty.
func KnownPIN(pin fido.PIN, source PINFunc) *KeyPIN { return &KeyPIN{pin: pin, source: source} }
