package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/pinout"
	"github.com/entra-passkey/entra-passkey/internal/pinpolicy"
)

// PinSetCmd sets the first PIN of a key.
type PinSetCmd struct {
	KeyFlags
	NewPINFlags
}

// PinChangeCmd changes a key's PIN.
type PinChangeCmd struct {
	KeyFlags
	PINFlags
	NewPINFlags
}

// Validate refuses flag combinations that cannot mean anything.
func (f NewPINFlags) Validate() error {
	switch {
	case f.Random && (f.NewPinFile != "" || f.NewPinEnv != ""):
		return &usageError{msg: "--random generates the PIN: it cannot be combined with --new-pin-file or --new-pin-env"}
	case f.NewPinFile != "" && f.NewPinEnv != "":
		return &usageError{msg: "give the new PIN one way: --new-pin-file or --new-pin-env"}
	case !f.Random && (f.PINOutFlags.given() || f.PinLength != 0):
		return &usageError{msg: "--pin-out, --pin-out-age, --pin-out-age-file, --show-pin and --pin-length are for a --random PIN",
			hint: "add --random, or drop them"}
	}
	return nil
}

// newPIN is a new PIN and, when it was generated, where it is to go.
type newPIN struct {
	pin    fido.PIN
	dest   *pinout.Destination // nil for a PIN the user chose
	length int
}

// destination checks --pin-out & co. before anything touches the key.
func (f NewPINFlags) destination() (*pinout.Destination, error) {
	if !f.Random {
		return nil, nil
	}
	return f.PINOutFlags.Destination()
}

// get returns the new PIN: generated, or from --new-pin-file, --new-pin-env, the input's
// "newPin" field, or the terminal (asked twice).
func (f NewPINFlags) get(a *app, info *fido.Info, dest *pinout.Destination, in *pinInput) (*newPIN, error) {
	if f.Random {
		pin, n, err := enroll.GeneratePIN(f.PinLength, info, a.events)
		if err != nil {
			return nil, err
		}
		return &newPIN{pin: pin, dest: dest, length: n}, nil
	}
	var pin fido.PIN
	var err error
	switch {
	case f.NewPinFile != "":
		var line string
		line, err = readPINFile(a, f.NewPinFile)
		pin = fido.PIN(line)
	case f.NewPinEnv != "":
		v := a.Getenv(f.NewPinEnv)
		if v == "" {
			return nil, &usageError{msg: fmt.Sprintf("the environment variable %s named by --new-pin-env is empty or not set", f.NewPinEnv)}
		}
		pin = fido.PIN(v)
	case in != nil && in.NewPIN != nil:
		pin = fido.PIN(*in.NewPIN)
	default:
		pin, err = promptNewPIN(a, info)
	}
	if err != nil {
		return nil, err
	}
	pin = fido.PIN(pinpolicy.Normalize(pin.Reveal())) // CTAP's NFC, whatever the source typed
	// The key judges the PIN against its own minimum (and says so); here only what no
	// key can take: not text, control characters, under CTAP's 4 or over 63 bytes.
	if err := pinpolicy.Check(pin, pinpolicy.Limits{Min: pinpolicy.CTAPMinLength, Max: fido.MaxPINLength}); err != nil {
		return nil, err
	}
	return &newPIN{pin: pin}, nil
}

func promptNewPIN(a *app, info *fido.Info) (fido.PIN, error) {
	noPIN := &codedError{code: "new_pin_required", msg: "no new PIN given and no terminal to ask for one",
		hint: "give --new-pin-file FILE, --new-pin-env NAME, a \"newPin\" field on stdin, or --random with --pin-out FILE"}
	if a.Prompt == nil {
		return "", noPIN
	}
	label := "the security key"
	if info.Product != "" {
		label = info.Product
	}
	first, err := a.ask(a.Prompt, fmt.Sprintf("New PIN for %s (at least %d characters): ", label, info.EffectiveMinPINLength()))
	if errors.Is(err, errNoTerminal) {
		return "", noPIN
	}
	if err != nil {
		return "", err
	}
	second, err := a.ask(a.Prompt, "Repeat the new PIN: ")
	if err != nil {
		return "", err
	}
	if first != second {
		return "", &codedError{code: "pin_mismatch", msg: "the two new PINs differ: nothing was changed", hint: "run the command again"}
	}
	return fido.PIN(trimNewline(first)), nil
}

func trimNewline(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}

// apply puts the new PIN on the key with set; a generated PIN is written to its
// destination first and withdrawn when the key refuses it.
func (n *newPIN) apply(set func() error, doc *prepDoc) error {
	if n.dest == nil {
		return set()
	}
	delivered, err := pinout.Deliver(n.dest, n.pin, set)
	if err != nil {
		return err
	}
	doc.RandomPIN = &enroll.RandomPIN{Length: n.length, Delivered: delivered}
	doc.PIN = delivered.ShownPIN()
	return nil
}

// checkForce refuses --force-pin-change on a key that cannot do it, before any change.
func (f NewPINFlags) checkForce(info *fido.Info) error {
	if f.ForcePinChange && !info.Supports().ForcePINChange {
		return enroll.UnsupportedByKey("forcing a PIN change", "setMinPINLength")
	}
	return nil
}

// force applies --force-pin-change with the PIN just set.
func (f NewPINFlags) force(ctx context.Context, prep fido.Preparer, pin fido.PIN) error {
	if !f.ForcePinChange {
		return nil
	}
	if err := prep.ForcePINChange(ctx, pin); err != nil {
		return fmt.Errorf("the new PIN is set (and delivered), but forcing a PIN change failed: %w", err)
	}
	return nil
}

// Run sets the PIN.
func (c *PinSetCmd) Run(a *app) error {
	dest, err := c.destination()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	dev, prep, info, err := c.openPrep(ctx, a)
	if err != nil {
		return err
	}
	switch {
	case !info.SupportsPIN():
		return fido.ErrUVUnsupported
	case info.PINSet():
		return fido.ErrPINAlreadySet
	}
	if err := c.checkForce(info); err != nil {
		return err
	}
	var in *pinInput
	if !c.Random && c.NewPinFile == "" && c.NewPinEnv == "" {
		if in, err = readPINInput(a); err != nil {
			return err
		}
	}
	np, err := c.get(a, info, dest, in)
	if err != nil {
		return err
	}
	doc := newPrepDoc("pin-set", dev, info)
	doc.Changed = true
	a.events.Debugf("setting a %d-character PIN (random: %v)", len([]rune(np.pin.Reveal())), c.Random)
	if err := np.apply(func() error { return enroll.SetPINSettled(ctx, dev, prep, info, np.pin, a.events) }, doc); err != nil {
		return err
	}
	if err := c.force(ctx, prep, np.pin); err != nil {
		return err
	}
	return a.finishPrep(ctx, dev, doc)
}

// Run changes the PIN.
func (c *PinChangeCmd) Run(a *app) error {
	dest, err := c.destination()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	dev, prep, info, err := c.openPrep(ctx, a)
	if err != nil {
		return err
	}
	switch {
	case !info.SupportsPIN():
		return fido.ErrUVUnsupported
	case !info.PINSet():
		return &enroll.Error{Code: "pin_not_set", Message: "the key has no PIN to change", Hint: "set one with `entra-passkey pin set`"}
	case info.PINRetries != nil && *info.PINRetries == 0:
		return fido.ErrPINBlocked
	}
	if err := c.checkForce(info); err != nil {
		return err
	}
	in := &pinInput{}
	needCurrent := c.PinFile == "" && c.PinEnv == ""
	needNew := !c.Random && c.NewPinFile == "" && c.NewPinEnv == ""
	if needCurrent || needNew {
		if in, err = readPINInput(a); err != nil {
			return err
		}
	}
	current, err := c.pinSource(a, in.PIN)(ctx, info)
	if err != nil {
		return err
	}
	np, err := c.get(a, info, dest, in)
	if err != nil {
		return err
	}
	doc := newPrepDoc("pin-change", dev, info)
	doc.Changed = true
	a.events.Debugf("changing the PIN to a %d-character PIN (random: %v)", len([]rune(np.pin.Reveal())), c.Random)
	if err := np.apply(func() error { return enroll.ExplainPolicy(prep.ChangePIN(ctx, current, np.pin), info, np.pin, true) }, doc); err != nil {
		return err
	}
	if err := c.force(ctx, prep, np.pin); err != nil {
		return err
	}
	return a.finishPrep(ctx, dev, doc)
}

// finishPrep reads the key's state back into doc and prints it.
func (a *app) finishPrep(ctx context.Context, dev fido.Device, doc *prepDoc) error {
	after, err := fido.ReadInfoWithRetries(ctx, dev)
	if err != nil {
		return fmt.Errorf("the key was changed, but reading its state afterwards failed: %w", err)
	}
	fresh := newPrepDoc(doc.Action, dev, after)
	fresh.Changed, fresh.RandomPIN, fresh.PIN, fresh.MinPINLengthRPIDs = doc.Changed, doc.RandomPIN, doc.PIN, doc.MinPINLengthRPIDs
	return a.writeJSON(fresh)
}
