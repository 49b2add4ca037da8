package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/recovery"
)

// RecoverCmd recovers a user who lost their keys, replacement first.
type RecoverCmd struct {
	GraphFlags
	keyCredentialFlags
	SoftwareKeyFlags
	SerialFlag
	User           string        `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
	Lost           []string      `name:"lost" placeholder:"METHOD_ID" help:"A FIDO2 method to remove as lost (repeatable; see methods list). Removed only after the replacement is registered."`
	RevokeSessions bool          `name:"revoke-sessions" help:"Revoke the user's sign-in sessions afterwards (User.RevokeSessions.All)."`
	TapOut         string        `name:"tap-out" type:"path" placeholder:"FILE" help:"Issue a Temporary Access Pass and write it to FILE, created new with mode 0600 (never stdout)."`
	TapLifetime    time.Duration `name:"tap-lifetime" default:"1h" help:"The pass's lifetime (whole minutes, within the tenant policy's bounds)."`
	NoReplacement  bool          `name:"no-replacement" help:"Register no key (none in hand): only remove, revoke and issue the pass."`
	DisplayName    string        `name:"display-name" placeholder:"NAME" help:"Name of the replacement's method in Entra ID (default: the key model and the date)."`
	Yes            bool          `help:"Remove the lost methods without asking."`
}

// Run plans from the user's methods and the key's credentials, then runs the steps in
// the order that never leaves the user with less: register, remove, revoke, pass. The
// record is printed whatever happened; a failure exits with the failed step's code.
func (c *RecoverCmd) Run(a *app) error {
	if c.TapOut == "" && c.TapLifetime != time.Hour {
		return &usageError{msg: "--tap-lifetime needs --tap-out", hint: "give --tap-out FILE for the Temporary Access Pass"}
	}
	calls := recovery.NewCallLog(nil)
	a.callObservers = append(a.callObservers, calls.Observe)
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	var dev fido.Device
	var onKey []fido.StoredCredential
	if !c.NoReplacement {
		if err := c.checkSoftwareKey(s, fido.IsVirtual(c.Device)); err != nil {
			return err
		}
		if dev, onKey, err = c.keyInHand(a); err != nil {
			return err
		}
	}
	plan, err := recovery.NewPlan(a.ctx, s.client, c.User, onKey, c.Lost)
	if err != nil {
		return err
	}
	o := recovery.Options{RevokeSessions: c.RevokeSessions, Yes: c.Yes, Calls: calls, Now: a.Now,
		Progress: func(st recovery.Step) { a.events.Info(fmt.Sprintf("recover %s: %s %s", c.User, st.Step, st.Outcome)) }}
	if dev != nil {
		o.Register = c.register(a, s.client, dev)
	}
	if c.TapOut != "" {
		o.AccessPass = &recovery.AccessPassRequest{Lifetime: c.TapLifetime, UsableOnce: true, Sink: &recovery.FileSink{Path: c.TapOut}}
	}
	o.Confirm = func(ctx context.Context, p *recovery.Plan) error { return confirm(a, false, p.Question(o)) }
	rec, err := recovery.Run(a.ctx, s.client, plan, o)
	if werr := a.writeJSON(rec); werr != nil && err == nil {
		err = werr
	}
	return err
}

// keyInHand opens the key and lists what it holds for Entra, so the plan shows which of
// the user's methods it is (those are not lost). A backend that cannot list gives none.
func (c *RecoverCmd) keyInHand(a *app) (fido.Device, []fido.StoredCredential, error) {
	list, dev, err := c.credentials(a, recovery.RPID)
	switch {
	case errors.Is(err, fido.ErrNoCredentialManagement), errors.Is(err, fido.ErrUnsupportedByKey), errors.Is(err, fido.ErrPINNotSet):
		a.events.Warn("key_not_listed", "the key's credentials cannot be listed ("+err.Error()+"): the plan does not say which methods it holds")
		return dev, nil, nil
	case err != nil:
		return nil, nil, err
	}
	return dev, list.Credentials, nil
}

// register is the replacement step: enroll's whole ceremony on the key in hand, with
// the PIN already given for the listing.
func (c *RecoverCmd) register(a *app, g *graph.Client, dev fido.Device) recovery.RegisterFunc {
	return func(ctx context.Context) (*recovery.Replacement, error) {
		pin := func(ctx context.Context, info *fido.Info) (fido.PIN, error) {
			if a.keyPIN == nil {
				a.keyPIN = enroll.NewKeyPIN(c.pinSource(a, nil))
			}
			return a.keyPIN.Get(ctx, info)
		}
		reg, err := enroll.Register(ctx, enroll.RegisterParams{
			Graph: g, Device: dev, User: c.User, DisplayName: c.DisplayName, Serial: c.Serial,
			ChallengeTimeout: graph.DefaultChallengeTimeout, KeyTimeout: c.Timeout, PIN: pin, Now: a.Now, Events: a.events,
		})
		return recovery.ReplacementOf(reg), err
	}
}
