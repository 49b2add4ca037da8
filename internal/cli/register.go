package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
)

// RegisterCmd is get-options, make-credential and submit in one process, with the
// key preparation admins do before handing a key out.
type RegisterCmd struct {
	GraphFlags
	KeyFlags
	PINFlags
	SoftwareKeyFlags
	RecordFlags
	RegisterPrepFlags
	PinStdin         bool          `name:"pin-stdin" help:"Read the PIN from a JSON document {\"pin\":\"...\"} on stdin (how the PowerShell module passes a SecureString)."`
	User             string        `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
	DisplayName      string        `name:"display-name" placeholder:"NAME" help:"Name of the method in Entra ID, 1 to 30 characters (default: the key model and the date)."`
	ChallengeTimeout time.Duration `name:"challenge-timeout" default:"5m" help:"How long the challenge stays valid (see get-options)."`
}

// Run registers a key for the user and prints the registration record.
func (c *RegisterCmd) Run(a *app) error {
	if err := checkChallengeTimeout(c.ChallengeTimeout); err != nil {
		return err
	}
	dest, err := c.destination()
	if err != nil {
		return err
	}
	var stdinPIN *string
	if c.PinStdin {
		if stdinPIN, err = readStdinPIN(a); err != nil {
			return err
		}
	}
	rec, err := c.openRecord(a)
	if err != nil {
		return err
	}
	defer rec.close()
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	// Refuse a software key before anything is fetched or touched.
	if err := c.checkSoftwareKey(s, libfido2.IsVirtual(c.Device)); err != nil {
		return err
	}
	dev, err := c.openChecked(a)
	if err != nil {
		return err
	}
	// The options come first: a Graph failure then leaves the key untouched. Sign-in
	// happens here too (a device code can take minutes), so the key's --timeout starts
	// only afterwards.
	_, opts, err := fetchOptions(a, s, c.User, c.ChallengeTimeout)
	if err != nil {
		return err
	}
	keyCtx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	reg := &Registration{}
	kp := &keyPIN{source: c.pinSource(a, stdinPIN)}
	pinSet := false
	if c.SetRandomPin {
		info, err := dev.Info(keyCtx)
		if err != nil {
			return err
		}
		if pinSet, err = c.setRandomPIN(keyCtx, a, dev, info, dest, kp, reg); err != nil {
			return err
		}
	}
	cred, err := enroll.MakeCredential(keyCtx, dev, opts, enroll.CredentialParams{
		DisplayName: c.DisplayName,
		UserID:      c.User,
		PIN:         kp.get,
		Now:         a.Now,
	}, a.events)
	if err != nil {
		return c.withPINNote(reg, err)
	}
	done, err := registerBody(a, s, nil, c.User, cred.Body(), &cred.Key)
	if done == nil {
		return c.withPINNote(reg, err)
	}
	done.RandomPIN, done.PIN = reg.RandomPIN, reg.PIN
	if c.any() {
		// A fresh bound: the POST may have waited on Graph's retries.
		prepCtx, cancelPrep := context.WithTimeout(a.ctx, c.Timeout)
		defer cancelPrep()
		if err = c.configure(prepCtx, a, dev, kp); err != nil {
			err = &registeredError{fmt.Errorf("the passkey is registered, but preparing the key failed: %w", err)}
		}
		if rerr := readBack(prepCtx, dev, pinSet, done); rerr != nil && err == nil {
			err = &registeredError{rerr}
		}
	}
	// Graph holds the method: it is recorded and printed whatever failed after it.
	if rerr := rec.append(done); rerr != nil && err == nil {
		err = recordFailed(a, done, rerr)
	}
	if werr := a.writeJSON(done); werr != nil && err == nil {
		err = &registeredError{fmt.Errorf("the method is registered for %s, but %w", c.User, werr)}
	}
	return err
}

// openChecked opens the key and, when preparation is asked for, checks the key can
// do it, all within --timeout.
func (c *RegisterCmd) openChecked(a *app) (fido.Device, error) {
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	dev, err := c.open(ctx, a)
	if err != nil || !c.any() {
		return dev, err
	}
	info, err := dev.Info(ctx)
	if err != nil {
		return nil, err
	}
	return dev, c.check(info)
}

// withPINNote says where the random PIN set before a failure is.
func (c *RegisterCmd) withPINNote(reg *Registration, err error) error {
	if reg.RandomPIN == nil || reg.RandomPIN.Delivered == nil || reg.RandomPIN.File == "" {
		return err
	}
	return &pinKeptError{err: err, file: reg.RandomPIN.File}
}

// pinKeptError is a failure after register set a random PIN: the key keeps that PIN, so
// the retry must use it, not make a new one (which would meet pin_out_exists and tempt
// the admin to move away the only copy).
type pinKeptError struct {
	err  error
	file string
}

func (e *pinKeptError) Error() string {
	return fmt.Sprintf("%v (the key keeps the random PIN set before this failure; it is in %s)", e.err, e.file)
}
func (e *pinKeptError) Unwrap() error { return e.err }
func (e *pinKeptError) ErrorHint() string {
	return fmt.Sprintf("keep %s: it holds the key's PIN. Run register again with --pin-file %s, without --set-random-pin and --pin-out", e.file, e.file)
}
