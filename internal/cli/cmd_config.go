package cli

import (
	"context"
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/pinpolicy"
)

// ConfigMinPINLengthCmd raises the minimum PIN length.
type ConfigMinPINLengthCmd struct {
	KeyFlags
	PINFlags
	Length int      `arg:"" name:"N" help:"The new minimum PIN length, 4 to 63 (not below the key's current one)."`
	RPID   []string `name:"rp-id" sep:"none" placeholder:"ID" help:"A relying party allowed to read the minimum PIN length (minPinLength extension), e.g. login.microsoft.com; repeatable."`
}

// ConfigForcePINChangeCmd makes the key demand a PIN change.
type ConfigForcePINChangeCmd struct {
	KeyFlags
	PINFlags
}

// ConfigAlwaysUVCmd sets alwaysUv.
type ConfigAlwaysUVCmd struct {
	KeyFlags
	PINFlags
	On  bool `xor:"state" help:"Turn alwaysUv on (the default)."`
	Off bool `xor:"state" help:"Turn alwaysUv off."`
}

// configSession is an opened key with its info and the PIN authenticatorConfig needs.
type configSession struct {
	ctx  context.Context
	dev  fido.Device
	prep fido.Preparer
	info *fido.Info
	pin  fido.PIN
}

// openConfig opens the key and checks it can do authenticatorConfig at all; the PIN is
// fetched later, only when the command will really be sent.
func openConfig(ctx context.Context, a *app, kf KeyFlags) (*configSession, error) {
	dev, prep, info, err := kf.openPrep(ctx, a)
	if err != nil {
		return nil, err
	}
	if !info.Supports().AuthenticatorConfig {
		return nil, enroll.UnsupportedByKey("authenticatorConfig", "authnrCfg")
	}
	return &configSession{ctx: ctx, dev: dev, prep: prep, info: info}, nil
}

// authenticate gets the PIN when the key has one (authenticatorConfig then needs a
// pinUvAuthToken with the acfg permission).
func (s *configSession) authenticate(a *app, f PINFlags) error {
	alwaysUV, _ := s.info.Option("alwaysUv")
	if !s.info.PINSet() && !alwaysUV {
		return nil
	}
	if s.info.PINRetries != nil && *s.info.PINRetries == 0 {
		return fido.ErrPINBlocked
	}
	in := &pinInput{}
	if f.PinFile == "" && f.PinEnv == "" {
		var err error
		if in, err = readPINInput(a); err != nil {
			return err
		}
	}
	pin, err := f.pinSource(a, in.PIN)(s.ctx, s.info)
	if err != nil {
		return err
	}
	s.pin = pin
	return nil
}

// Run raises the minimum PIN length.
func (c *ConfigMinPINLengthCmd) Run(a *app) error {
	if c.Length < pinpolicy.CTAPMinLength || c.Length > fido.MaxPINLength {
		return &usageError{msg: fmt.Sprintf("a minimum PIN length of %d is outside CTAP's %d to %d", c.Length, pinpolicy.CTAPMinLength, fido.MaxPINLength)}
	}
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	s, err := openConfig(ctx, a, c.KeyFlags)
	if err != nil {
		return err
	}
	sup := s.info.Supports()
	if !sup.SetMinPINLength {
		return enroll.UnsupportedByKey("setting the minimum PIN length", "setMinPINLength")
	}
	if err := enroll.CheckMinPINLength(s.info, c.Length); err != nil {
		return err
	}
	if len(c.RPID) > 0 && uint64(len(c.RPID)) > sup.MinPINLengthRPIDs {
		return &enroll.Error{Code: "unsupported_by_key", Message: fmt.Sprintf("the key lets at most %d relying parties read its minimum PIN length, and %d were given", sup.MinPINLengthRPIDs, len(c.RPID)),
			Hint: "give fewer --rp-id (Entra ID: login.microsoft.com)"}
	}
	if err := s.authenticate(a, c.PINFlags); err != nil {
		return err
	}
	if err := s.prep.SetMinPINLength(ctx, c.Length, c.RPID, s.pin); err != nil {
		return err
	}
	doc := newPrepDoc("min-pin-length", s.dev, s.info)
	doc.Changed, doc.MinPINLengthRPIDs = true, c.RPID
	after, err := fido.ReadInfoWithRetries(ctx, s.dev)
	if err == nil && after.ForcePINChange && !s.info.ForcePINChange {
		enroll.WarnPINChangePending(a.events)
	}
	return a.finishPrep(ctx, s.dev, doc)
}

// Run forces a PIN change.
func (c *ConfigForcePINChangeCmd) Run(a *app) error {
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	s, err := openConfig(ctx, a, c.KeyFlags)
	if err != nil {
		return err
	}
	if !s.info.Supports().ForcePINChange {
		return enroll.UnsupportedByKey("forcing a PIN change", "setMinPINLength")
	}
	if !s.info.PINSet() {
		return &enroll.Error{Code: "pin_not_set", Message: "the key has no PIN, so there is none to change",
			Hint: "set one first with `entra-passkey pin set`"}
	}
	doc := newPrepDoc("force-pin-change", s.dev, s.info)
	if !s.info.ForcePINChange {
		if err := s.authenticate(a, c.PINFlags); err != nil {
			return err
		}
		if err := s.prep.ForcePINChange(ctx, s.pin); err != nil {
			return err
		}
		doc.Changed = true
	}
	return a.finishPrep(ctx, s.dev, doc)
}

// Run sets alwaysUv.
func (c *ConfigAlwaysUVCmd) Run(a *app) error {
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	s, err := openConfig(ctx, a, c.KeyFlags)
	if err != nil {
		return err
	}
	if !s.info.Supports().AlwaysUV {
		return enroll.UnsupportedByKey("alwaysUv", "alwaysUv")
	}
	want := !c.Off
	doc := newPrepDoc("always-uv", s.dev, s.info)
	// The command toggles: send it only when the key is not already as asked.
	if current, _ := s.info.Option("alwaysUv"); current != want {
		if err := s.authenticate(a, c.PINFlags); err != nil {
			return err
		}
		if err := s.prep.ToggleAlwaysUV(ctx, s.pin); err != nil {
			return err
		}
		doc.Changed = true
	}
	return a.finishPrep(ctx, s.dev, doc)
}
