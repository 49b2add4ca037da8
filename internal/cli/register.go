package cli

import (
	"context"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
)

// RegisterCmd is get-options, make-credential and submit in one process.
type RegisterCmd struct {
	GraphFlags
	KeyFlags
	PINFlags
	SoftwareKeyFlags
	RecordFlags
	User             string        `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
	DisplayName      string        `name:"display-name" placeholder:"NAME" help:"Name of the method in Entra ID, 1 to 30 characters (default: the key model and the date)."`
	ChallengeTimeout time.Duration `name:"challenge-timeout" default:"5m" help:"How long the challenge stays valid (see get-options)."`
}

// Run registers a key for the user and prints the registration record.
func (c *RegisterCmd) Run(a *app) error {
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
	_, opts, err := fetchOptions(a, s, c.User, c.ChallengeTimeout)
	if err != nil {
		return err
	}
	cred, err := enroll.MakeCredential(keyCtx, dev, opts, enroll.CredentialParams{
		DisplayName: c.DisplayName,
		UserID:      c.User,
		PIN:         c.pinSource(a, nil),
		Now:         a.Now,
	}, a.events)
	if err != nil {
		return err
	}
	return submit(a, s, c.RecordFlags, c.User, cred.Body(), &cred.Key)
}
