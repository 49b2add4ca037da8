package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
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
	User             string        `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
	DisplayName      string        `name:"display-name" placeholder:"NAME" help:"Name of the method in Entra ID, 1 to 30 characters (default: the key model and the date)."`
	ChallengeTimeout time.Duration `name:"challenge-timeout" default:"5m" help:"How long the challenge stays valid (see get-options)."`
}

// Run registers a key for the user and prints the registration record.
func (c *RegisterCmd) Run(a *app) error {
	dest, err := c.destination()
	if err != nil {
		return err
	}
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	// Refuse a software key before anything is fetched or touched.
	if err := c.checkSoftwareKey(s, libfido2.IsVirtual(c.Device)); err != nil {
		return err
	}
	keyCtx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	dev, err := c.open(keyCtx, a)
	if err != nil {
		return err
	}
	if c.any() {
		info, err := dev.Info(keyCtx)
		if err != nil {
			return err
		}
		if err := c.check(info); err != nil {
			return err
		}
	}
	// The options come first: a Graph failure then leaves the key untouched.
	_, opts, err := fetchOptions(a, s, c.User, c.ChallengeTimeout)
	if err != nil {
		return err
	}
	doc := &Registration{}
	kp := &keyPIN{source: c.pinSource(a, nil)}
	pinSet := false
	if c.SetRandomPin {
		info, err := dev.Info(keyCtx)
		if err != nil {
			return err
		}
		if pinSet, err = c.setRandomPIN(keyCtx, a, dev, info, dest, kp, doc); err != nil {
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
		return c.withPINNote(pinSet, err)
	}
	reg, err := registerBody(a, s, c.RecordFlags, c.User, cred.Body(), &cred.Key)
	if reg == nil {
		return c.withPINNote(pinSet, err)
	}
	reg.RandomPIN, reg.PIN = doc.RandomPIN, doc.PIN
	if err == nil && c.any() {
		if err = c.configure(keyCtx, a, dev, kp); err != nil {
			err = fmt.Errorf("the passkey is registered, but preparing the key failed: %w", err)
		}
		if rerr := readBack(keyCtx, dev, pinSet, reg); rerr != nil && err == nil {
			err = rerr
		}
	}
	// Graph holds the method: the record is printed whatever failed after it.
	if werr := a.writeJSON(reg); err == nil {
		err = werr
	}
	return err
}

// withPINNote reminds the caller that the key kept the PIN set before a failure.
func (c *RegisterCmd) withPINNote(pinSet bool, err error) error {
	if pinSet {
		a := "the random PIN was set on the key and delivered before this failure: run register again with that PIN (--pin-file)"
		return fmt.Errorf("%w (%s)", err, a)
	}
	return err
}
