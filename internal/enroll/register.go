package enroll

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// OptionsSource fetches creation options; *graph.Client is one.
type OptionsSource interface {
	CreationOptions(ctx context.Context, user string, challengeTimeout time.Duration) ([]byte, error)
}

// Graph is what the ceremony needs of Microsoft Graph.
type Graph interface {
	OptionsSource
	Registrar
	MethodReader
}

// FetchOptions gets and checks the creation options, so bad ones fail here rather than
// on the key. It returns Graph's JSON as sent, and its reading.
func FetchOptions(ctx context.Context, g OptionsSource, user string, challengeTimeout time.Duration) (json.RawMessage, *webauthn.CreationOptions, error) {
	if err := graph.CheckChallengeTimeout(challengeTimeout); err != nil {
		return nil, nil, err
	}
	raw, err := g.CreationOptions(ctx, user, challengeTimeout)
	if err != nil {
		return nil, nil, err
	}
	opts, err := webauthn.ParseCreationOptions(raw)
	if err != nil {
		return nil, nil, err
	}
	return raw, opts, nil
}

// RegisterParams are one user's registration: who, on which key, and how the key is
// prepared around it.
type RegisterParams struct {
	Graph  Graph
	Device fido.Device
	User   string
	// DisplayName names the method (empty: the key model and the date).
	DisplayName string
	// Serial is the serial the operator read off the key (CredentialParams.Serial).
	Serial           string
	ChallengeTimeout time.Duration
	// KeyTimeout bounds each stretch of key work (the touch included); it starts only
	// after sign-in and the options, which can take minutes.
	KeyTimeout time.Duration
	PIN        PINFunc
	Prepare    Preparation
	Record     Recorder
	Now        func() time.Time
	Events     Events
}

// Register runs the whole ceremony for one user, in the order that keeps every failure
// recoverable: every check first (what the key supports, a minimum not lowered), then
// the options (a Graph failure leaves the key untouched), the random PIN (delivered
// before the key takes it), the credential, the POST (reconciled, never repeated), the
// record, then the minimum length and the forced change (last: afterwards the key
// issues no token), and the key's state read back.
//
// A non-nil Registration means Graph holds the method, even with an error: the caller
// must keep and report it. An error after a random PIN was set is a *PINKeptError.
func Register(ctx context.Context, p RegisterParams) (*Registration, error) {
	ev := p.Events
	if ev == nil {
		ev = NoEvents{}
	}
	if err := p.Prepare.Validate(); err != nil {
		return nil, err
	}
	if p.Prepare.Any() {
		if err := checkKey(ctx, p); err != nil {
			return nil, err
		}
	}
	_, opts, err := FetchOptions(ctx, p.Graph, p.User, p.ChallengeTimeout)
	if err != nil {
		return nil, err
	}
	keyCtx, cancel := context.WithTimeout(ctx, p.KeyTimeout)
	defer cancel()
	kp := NewKeyPIN(p.PIN)
	var random *RandomPIN
	if p.Prepare.SetRandomPIN {
		info, err := fido.ReadInfo(keyCtx, p.Device)
		if err != nil {
			return nil, err
		}
		if random, err = SetRandomPIN(keyCtx, p.Device, info, p.Prepare, kp, ev); err != nil {
			return nil, err
		}
	}
	keptPIN := func(err error) error {
		if random == nil || random.Delivered == nil || random.File == "" {
			return err
		}
		return &PINKeptError{Err: err, File: random.File}
	}
	cred, err := MakeCredential(keyCtx, p.Device, opts, CredentialParams{
		DisplayName: p.DisplayName, UserID: p.User, PIN: kp.Get, Now: p.Now, Serial: p.Serial,
	}, ev)
	if err != nil {
		return nil, keptPIN(err)
	}
	reg, err := Submit(ctx, p.Graph, nil, p.User, cred.Body(), &cred.Key, ev)
	if err != nil {
		return nil, keptPIN(err)
	}
	if random != nil {
		reg.RandomPIN, reg.PIN = random, random.ShownPIN()
	}
	if reg.UserPrincipalName == "" {
		reg.UserPrincipalName = opts.PublicKey.User.Name
	}
	// Confirmed before the preparation: after a forced PIN change the key lists nothing.
	confirmCtx, cancelConfirm := context.WithTimeout(ctx, p.KeyTimeout)
	defer cancelConfirm()
	reg.Verification, err = confirmRegistration(confirmCtx, p, kp, opts, cred, reg)
	if err == nil {
		err = reg.Verification.Unverified()
	} else {
		err = fmt.Errorf("the passkey is registered, but confirming it failed: %w", err)
	}
	if p.Prepare.Any() && err == nil {
		// A fresh bound: the POST may have waited on Graph's retries.
		prepCtx, cancelPrep := context.WithTimeout(ctx, p.KeyTimeout)
		defer cancelPrep()
		if err = Configure(prepCtx, p.Device, p.Prepare, kp, ev); err != nil {
			err = fmt.Errorf("the passkey is registered, but preparing the key failed: %w", err)
		}
		prepared, rerr := ReadBack(prepCtx, p.Device, random != nil)
		if rerr != nil && err == nil {
			err = rerr
		}
		reg.Prepared = prepared
	}
	reg.Outcome = "done"
	if err != nil {
		reg.Outcome, reg.ErrorCode, reg.ErrorMessage = "registered", errorCode(err), err.Error()
	}
	// Graph holds the method: it is recorded whatever failed after it.
	if rerr := Record(p.Record, reg, ev); rerr != nil && err == nil {
		err = rerr
	}
	return reg, err
}

// confirmRegistration reads the method back from Graph and looks for the credential on
// the key, under the user handle of the options. The PIN is the one the ceremony used;
// a key without a PIN cannot list its credentials (the key side is then unsupported).
func confirmRegistration(ctx context.Context, p RegisterParams, kp *KeyPIN, opts *webauthn.CreationOptions, cred *Credential, reg *Registration) (*Confirmation, error) {
	var pin fido.PIN
	if info, err := fido.ReadInfo(ctx, p.Device); err == nil && info.PINSet() {
		if pin, err = kp.Get(ctx, info); err != nil {
			return nil, err
		}
	}
	return Confirm(ctx, ConfirmParams{Graph: p.Graph, Device: p.Device, User: p.User, MethodID: reg.MethodID,
		CredentialID: cred.PublicKeyCredential.ID, UserHandle: opts.PublicKey.User.ID, RPID: opts.PublicKey.RP.ID, PIN: pin})
}

// checkKey refuses a preparation the key cannot do, before Graph or the key changes.
func checkKey(ctx context.Context, p RegisterParams) error {
	kctx, cancel := context.WithTimeout(ctx, p.KeyTimeout)
	defer cancel()
	info, err := fido.ReadInfo(kctx, p.Device)
	if err != nil {
		return err
	}
	return p.Prepare.Check(info)
}

// PINKeptError is a failure after a random PIN was set: the key keeps that PIN, so the
// retry must use it, not make a new one (which would meet pin_out_exists and tempt the
// admin to move away the only copy).
type PINKeptError struct {
	Err  error
	File string
}

func (e *PINKeptError) Error() string {
	return fmt.Sprintf("%v (the key keeps the random PIN set before this failure; it is in %s)", e.Err, e.File)
}

// Unwrap returns the failure.
func (e *PINKeptError) Unwrap() error { return e.Err }

// ErrorHint says how to retry with the PIN the key has.
func (e *PINKeptError) ErrorHint() string {
	return fmt.Sprintf("keep %s: it holds the key's PIN. Run register again with --pin-file %s, without --set-random-pin and --pin-out", e.File, e.File)
}

// errorCode is an error's stable code, for the record.
func errorCode(err error) string {
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return "internal"
}
