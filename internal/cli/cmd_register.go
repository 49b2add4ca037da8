package cli

import (
	"context"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
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
	SerialFlag
	PinStdin         bool          `name:"pin-stdin" help:"Read the PIN from a JSON document {\"pin\":\"...\"} on stdin (how the PowerShell module passes a SecureString)."`
	User             string        `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
	DisplayName      string        `name:"display-name" placeholder:"NAME" help:"Name of the method in Entra ID, 1 to 30 characters (default: the key model and the date)."`
	ChallengeTimeout time.Duration `name:"challenge-timeout" default:"5m" help:"How long the challenge stays valid (see get-options)."`
}

// Run turns the flags into enroll.Register's parameters and prints the registration
// record. Everything that needs neither Graph nor the key is checked first.
func (c *RegisterCmd) Run(a *app) error {
	if err := graph.CheckChallengeTimeout(c.ChallengeTimeout); err != nil {
		return err
	}
	prep, err := c.preparation()
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
	if err := c.checkSoftwareKey(s, fido.IsVirtual(c.Device)); err != nil {
		return err
	}
	openCtx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	dev, err := c.open(openCtx, a)
	cancel()
	if err != nil {
		return err
	}
	reg, err := enroll.Register(a.ctx, enroll.RegisterParams{
		Graph: s.client, Device: dev, User: c.User, DisplayName: c.DisplayName, Serial: c.Serial,
		ChallengeTimeout: c.ChallengeTimeout, KeyTimeout: c.Timeout,
		PIN: c.pinSource(a, stdinPIN), Prepare: prep, Record: rec.recorder(), Now: a.Now, Events: a.events,
	})
	return a.printRegistration(reg, err)
}

// printRegistration prints a registration Graph holds, whatever failed after it; such a
// failure exits 3 so the caller keeps the document.
func (a *app) printRegistration(reg *enroll.Registration, err error) error {
	if reg == nil {
		return err
	}
	if werr := a.writeJSON(reg); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		return &registeredError{err}
	}
	return nil
}
