package bulk

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// work is one task being run on one key.
type work struct {
	r    *Runner
	job  *Job
	t    *Task
	dev  fido.Device
	opts *webauthn.CreationOptions
	kp   *enroll.KeyPIN
}

// run moves the task one recorded step at a time until it is done. Each case is a
// resume rule of docs/bulk.md as much as a step: the state says what has happened.
func (w *work) run(ctx context.Context) error {
	t := w.t
	if t.State == Leased && t.Facts.FailedIn != "" {
		// A retried task resumes where it failed: it may already be registered.
		t.State, t.Facts.FailedIn = t.Facts.FailedIn, ""
	}
	if err := w.checkKey(ctx); err != nil {
		return err
	}
	w.kp = enroll.KnownPIN("", w.pinSource)
	for t.State != Done {
		if err := ctx.Err(); err != nil {
			return err
		}
		if w.r.stopped() {
			return ErrStopped
		}
		var err error
		switch t.State {
		case Leased:
			err = w.fetchOptions(ctx, Options)
		case Options:
			err = w.prepare(ctx)
		case Prepared:
			err = w.makeCredential(ctx)
		case Made:
			err = w.submit(ctx)
		case Submitting:
			err = w.reconcile(ctx)
		case Registered:
			err = w.verify(ctx)
		case Verified:
			err = w.finish(ctx)
		default:
			return errorf("task_state_invalid", "task %s is in state %q, which a station does not work", t.User, t.State)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *work) keyCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	d := w.r.KeyTimeout
	if d == 0 {
		d = 2 * time.Minute
	}
	return context.WithTimeout(ctx, d)
}

// checkKey refuses a key that does not fit before anything changes: its model must be
// allowed, and a task that already touched a key must come back to the same model.
func (w *work) checkKey(ctx context.Context) error {
	kctx, cancel := w.keyCtx(ctx)
	defer cancel()
	info, err := fido.ReadInfo(kctx, w.dev)
	if errors.Is(err, fido.ErrNoInfo) {
		return nil
	}
	if err != nil {
		return err
	}
	if !w.job.Profile.Allows(info.AAGUID) {
		return &Error{Code: "model_not_allowed", Message: fmt.Sprintf("the key's model (AAGUID %s) is not one the profile allows", info.AAGUID),
			Hint: "use a key of an allowed model"}
	}
	if k := w.t.Facts.Key; k != nil && k.AAGUID != "" && !strings.EqualFold(k.AAGUID, info.AAGUID) {
		return &Error{Code: "key_mismatch", Message: fmt.Sprintf("this task was started on a key of model %s; this key is %s", k.AAGUID, info.AAGUID),
			Hint: "insert the key the task was started on"}
	}
	id, err := enroll.KeyIdentity(kctx, w.dev, w.t.Facts.ExpectedSerial)
	if err != nil {
		return err
	}
	if k := w.t.Facts.Key; k != nil && k.Serial != nil && id.Serial != nil && *k.Serial != *id.Serial {
		return &Error{Code: "key_mismatch", Message: fmt.Sprintf("this task was started on the key with serial %s; this key is %s", *k.Serial, *id.Serial),
			Hint: "insert the key the task was started on"}
	}
	if w.t.Facts.Key == nil {
		w.t.Facts.Key = &enroll.KeyFacts{AAGUID: info.AAGUID, Model: enroll.ModelName(info.AAGUID), Path: info.Path,
			Serial: id.Serial, SerialSource: id.Source, Firmware: id.Firmware}
	}
	if fresh := !w.t.Facts.PINSet && (w.t.State == Leased || w.t.State == Options); fresh {
		return w.fits(info)
	}
	return w.sameKey(kctx, info)
}

// fits refuses a fresh key that cannot take the whole profile, before anything changes:
// a key that would be registered and then fail its preparation is worse than none.
func (w *work) fits(info *fido.Info) error {
	p := w.job.Profile
	prep := enroll.Preparation{SetRandomPIN: p.SetRandomPIN, MinPINLength: p.MinPINLength, ForcePINChange: p.ForcePINChange}
	if err := prep.Check(info); err != nil {
		return err
	}
	if p.AlwaysUV && !info.Supports().AlwaysUV {
		return enroll.UnsupportedByKey("turning alwaysUv on", "alwaysUv")
	}
	if n := info.RemainingDiscoverableCredentials; n != nil && *n == 0 {
		return fido.ErrKeyFull
	}
	return nil
}

// sameKey refuses, for a task that already changed a key, a key that is not that one:
// the key took a PIN (it must have one) or made a credential (it must hold it).
// Serial numbers (where keys report them) will make this exact.
func (w *work) sameKey(ctx context.Context, info *fido.Info) error {
	f := &w.t.Facts
	mismatch := func(why string) error {
		return &Error{Code: "key_mismatch", Message: fmt.Sprintf("this is not the key %s's task was started on: %s", w.t.Describe(), why),
			Hint: "insert the key this user's task was started on; the task stays with this station"}
	}
	if f.PINSet && !info.PINSet() {
		return mismatch("that key took a PIN, and this one has none")
	}
	credID, _ := base64.RawURLEncoding.DecodeString(f.CredentialID)
	if len(credID) == 0 || w.t.State == Leased || w.t.State == Options || w.t.State == Prepared {
		return nil
	}
	rpID := "login.microsoft.com"
	if o, err := webauthn.ParseCreationOptions(f.Options); err == nil {
		rpID = o.PublicKey.RP.ID
	}
	held, err := fido.Holds(ctx, w.dev, rpID, [][]byte{credID})
	if err == nil && !held {
		return mismatch("it does not hold the credential made for the user")
	}
	return nil
}

// pinSource gives the key's PIN to a resumed task: from its hand-over when the sink
// can read it back, else from the operator.
func (w *work) pinSource(ctx context.Context, info *fido.Info) (fido.PIN, error) {
	if w.t.Facts.PINSink != "" && w.r.Sink != nil {
		pin, err := w.r.Sink.Recover(w.t)
		if err == nil {
			return pin, nil
		}
		if w.r.PIN == nil {
			return "", &Error{Code: "pin_unavailable", Err: err,
				Message: fmt.Sprintf("the key holds the random PIN in %s, which this station cannot read back: %v", w.t.Facts.PINSink, err),
				Hint:    "run bulk run again with --pin-identity-file FILE (an age identity the hand-over is encrypted to)"}
		}
	}
	if w.r.PIN == nil {
		return "", &Error{Code: "pin_unavailable", Message: "the key has a PIN and no hand-over holds it",
			Hint: "give the PIN (--pin-file, --pin-env) or use a fresh key"}
	}
	return w.r.PIN(ctx, info)
}

// fetchOptions gets fresh creation options and records them (with their expiry) as
// state next.
func (w *work) fetchOptions(ctx context.Context, next State) error {
	timeout := time.Duration(w.job.Profile.ChallengeTimeout)
	if timeout == 0 {
		timeout = 5 * time.Minute // Graph's default
	}
	raw, opts, err := enroll.FetchOptions(ctx, w.r.Graph, w.t.graphUser(), timeout)
	if err != nil {
		return err
	}
	w.opts = opts
	w.t.Facts.Options = raw
	w.t.Facts.ChallengeExpires = nil
	if !opts.ChallengeTimeout.IsZero() {
		exp := opts.ChallengeTimeout.UTC()
		w.t.Facts.ChallengeExpires = &exp
	}
	if w.t.UPN == "" {
		w.t.UPN = opts.PublicKey.User.Name
	}
	return w.save(ctx, next, nil)
}

// options returns the recorded options when their challenge has a minute left, else
// fetches new ones.
func (w *work) options(ctx context.Context) (*webauthn.CreationOptions, error) {
	if w.opts == nil && len(w.t.Facts.Options) > 0 {
		if o, err := webauthn.ParseCreationOptions(w.t.Facts.Options); err == nil {
			w.opts = o
		}
	}
	if w.opts != nil && !w.opts.Expired(w.r.now().Add(time.Minute)) {
		return w.opts, nil
	}
	if err := w.fetchOptions(ctx, w.t.State); err != nil {
		return nil, err
	}
	return w.opts, nil
}

// prepare sets a random PIN (the hand-over written first, and recorded before it) or
// takes the key as it is.
func (w *work) prepare(ctx context.Context) error {
	if !w.job.Profile.SetRandomPIN {
		return w.save(ctx, Prepared, nil)
	}
	kctx, cancel := w.keyCtx(ctx)
	defer cancel()
	info, err := fido.ReadInfo(kctx, w.dev)
	if err != nil {
		return err
	}
	f := &w.t.Facts
	if info.PINSet() {
		if f.PINSink == "" {
			return &Error{Code: "key_not_fresh", Message: "the key already has a PIN: a rollout sets a random PIN on fresh keys only",
				Hint: "use a fresh key, or reset this one (entra-passkey reset)"}
		}
		// The run died after the key took the PIN, before it was recorded.
		f.PINSet = true
		return w.save(ctx, Prepared, &Event{Kind: EventState, Message: "the key took the PIN before the last run stopped"})
	}
	if f.PINSink != "" {
		// The run died before the key took the PIN: that hand-over holds a PIN no key has.
		if err := w.r.Sink.Withdraw(w.t); err != nil {
			return err
		}
		f.PINSink = ""
	}
	prep, err := enroll.Preparer(w.dev)
	if err != nil {
		return err
	}
	p := w.job.Profile
	requested := max(p.PINLength, p.MinPINLength)
	if p.PINLength == 0 {
		requested = max(8, p.MinPINLength)
	}
	pin, n, err := enroll.GeneratePIN(requested, info, w.r.obs())
	if err != nil {
		return err
	}
	// The intent first: a resumed run knows the hand-over is this task's own.
	f.PINSink = w.r.Sink.Path(w.t)
	if err := w.save(ctx, Options, &Event{Kind: EventPINSink, Message: "hand-over " + f.PINSink}); err != nil {
		return err
	}
	if _, err := w.r.Sink.Deliver(w.t, pin); err != nil {
		f.PINSink = ""
		return errors.Join(err, w.save(ctx, Options, &Event{Kind: EventState, Message: "the hand-over could not be written"}))
	}
	if err := enroll.SetPINSettled(kctx, w.dev, prep, info, pin, w.r.obs()); err != nil {
		return err
	}
	w.r.obs().Info(fmt.Sprintf("set a random %d-digit PIN on the key", n))
	w.kp = enroll.KnownPIN(pin, w.pinSource)
	f.PINSet = true
	return w.save(ctx, Prepared, nil)
}

// makeCredential makes the credential and stores it, verified as Entra would, before
// anything is sent to Graph.
func (w *work) makeCredential(ctx context.Context) error {
	opts, err := w.options(ctx)
	if err != nil {
		return err
	}
	kctx, cancel := w.keyCtx(ctx)
	defer cancel()
	now := w.r.now()
	serial := w.t.Facts.ExpectedSerial
	if s := w.t.Facts.Key.Serial; s != nil {
		serial = *s
	}
	name := w.job.Profile.methodName(w.t, w.t.Facts.Key.Model, serial, now)
	w.r.obs().Touch(fmt.Sprintf("touch the key for %s", w.t.Describe()))
	cred, err := enroll.MakeCredential(kctx, w.dev, opts, enroll.CredentialParams{
		DisplayName: name, UserID: w.t.graphUser(), PIN: w.kp.Get, Now: w.r.Now, Serial: w.t.Facts.ExpectedSerial,
	}, w.r.obs())
	if err != nil {
		return err
	}
	if _, err := enroll.Verify(cred, opts, nil); err != nil {
		return err
	}
	w.t.Facts.Credential = cred
	w.t.Facts.CredentialID = base64.RawURLEncoding.EncodeToString(cred.PublicKeyCredential.ID)
	w.t.Facts.Key = &cred.Key
	return w.save(ctx, Made, nil)
}

// submit records the intent, then POSTs the stored credential; Graph's client
// reconciles an ambiguous answer itself.
func (w *work) submit(ctx context.Context) error {
	cred := w.t.Facts.Credential
	if cred == nil {
		return w.save(ctx, Prepared, &Event{Kind: EventState, Message: "no credential was stored: making it again"})
	}
	if cred.ChallengeTimeout != nil && w.r.now().Add(30*time.Second).After(*cred.ChallengeTimeout) {
		// Never sent, and its challenge is spent: a new credential on the same key
		// replaces this one (same rp, same user handle).
		w.t.Facts.Credential, w.t.Facts.CredentialID = nil, ""
		w.opts = nil
		return w.fetchOptions(ctx, Prepared)
	}
	if err := w.save(ctx, Submitting, &Event{Kind: EventState, Message: "posting credential " + w.t.Facts.CredentialID}); err != nil {
		return err
	}
	m, err := w.r.Graph.Register(ctx, w.t.graphUser(), cred.Body())
	if err != nil {
		return err
	}
	return w.registered(ctx, m)
}

// reconcile settles a POST whose outcome was not recorded: the user's methods say
// whether Graph holds the credential; if not, the stored credential is posted (while
// its challenge lasts) or made anew.
func (w *work) reconcile(ctx context.Context) error {
	methods, err := w.r.Graph.Methods(ctx, w.t.graphUser())
	if err != nil {
		return err
	}
	credID, _ := base64.RawURLEncoding.DecodeString(w.t.Facts.CredentialID)
	for i := range methods {
		if len(credID) > 0 && graph.SameCredential(methods[i].ID, credID) {
			w.t.Facts.Reconciled = true
			return w.registered(ctx, &methods[i])
		}
	}
	// Graph does not have it: the POST never arrived. Back to made, which posts it.
	return w.save(ctx, Made, &Event{Kind: EventState, Message: "reconciled: Graph does not hold the credential"})
}

func (w *work) registered(ctx context.Context, m *graph.Method) error {
	f := &w.t.Facts
	f.MethodID, f.Method = m.ID, enroll.MethodJSON(m)
	if !m.CreatedDateTime.IsZero() {
		c := m.CreatedDateTime.UTC()
		f.MethodCreated = &c
	}
	f.Reconciled = f.Reconciled || m.Reconciled
	if m.Reconciled {
		w.r.obs().Warn("registration_reconciled", "Graph's answer was lost; the method was found among the user's methods (registered once)")
	}
	w.r.obs().Info(fmt.Sprintf("registered method %s for %s", m.ID, w.t.Describe()))
	return w.save(ctx, Registered, nil)
}

// verify reads the method back from Graph and shows the key holds the credential.
func (w *work) verify(ctx context.Context) error {
	if w.job.Profile.SkipVerify {
		return w.save(ctx, Verified, &Event{Kind: EventState, Message: "verification skipped by the profile"})
	}
	if _, err := w.r.Graph.Method(ctx, w.t.graphUser(), w.t.Facts.MethodID); err != nil {
		return err
	}
	credID, err := base64.RawURLEncoding.DecodeString(w.t.Facts.CredentialID)
	if err != nil || len(credID) == 0 {
		return errorf("verify_failed", "the task has no credential id to verify")
	}
	kctx, cancel := w.keyCtx(ctx)
	defer cancel()
	rpID := "login.microsoft.com"
	var handle []byte
	if o, err := w.options(ctx); err == nil {
		rpID, handle = o.PublicKey.RP.ID, o.PublicKey.User.ID
	}
	if done, err := w.confirmOnKey(kctx, rpID, credID, handle); done || err != nil {
		if err != nil {
			return err
		}
		return w.save(ctx, Verified, nil)
	}
	held, err := fido.Holds(kctx, w.dev, rpID, [][]byte{credID})
	switch {
	case errors.Is(err, fido.ErrNoInfo):
		return w.save(ctx, Verified, &Event{Kind: EventState, Message: "the key cannot be probed: verified through Graph only"})
	case err != nil:
		return err
	case !held:
		return &Error{Code: "verify_failed", Message: "Graph holds the method, but the key does not hold its credential",
			Hint: "the key may have been reset or swapped; remove the method (entra-passkey methods delete) and retry"}
	}
	return w.save(ctx, Verified, nil)
}

// confirmOnKey lists the key's credentials (credential management, with the task's
// PIN) and checks the one registered is there under the user's handle: a wrong handle
// is a passkey nobody can sign in with. done is false when the key or the backend
// cannot list, or the handle is unknown: the silent probe then checks the credential.
func (w *work) confirmOnKey(ctx context.Context, rpID string, credID, handle []byte) (done bool, err error) {
	if handle == nil {
		return false, nil
	}
	info, err := fido.ReadInfo(ctx, w.dev)
	if err != nil || !info.PINSet() {
		return false, nil
	}
	pin, err := w.kp.Get(ctx, info)
	if err != nil {
		return false, err
	}
	list, unsupported, err := enroll.ListCredentials(ctx, w.dev, rpID, pin)
	if err != nil || unsupported != "" {
		return false, err
	}
	switch enroll.FindCredential(list, credID, handle).Outcome {
	case "holds":
		return true, nil
	case "wrong_user_handle":
		return false, &Error{Code: "verify_failed", Message: "the key holds the credential under another user handle than Entra gave the user: nobody could sign in with it",
			Hint: "remove the method (entra-passkey methods delete) and retry the task"}
	}
	return false, &Error{Code: "verify_failed", Message: "Graph holds the method, but the key does not hold its credential",
		Hint: "the key may have been reset or swapped; remove the method (entra-passkey methods delete) and retry"}
}

// finish applies the preparation that must follow the registration (minimum length,
// then the forced change: afterwards the key issues no token), takes the user out of
// the rollout group, and marks the task done. Each step is idempotent.
func (w *work) finish(ctx context.Context) error {
	p, f := w.job.Profile, &w.t.Facts
	if !f.Configured && (p.MinPINLength != 0 || p.ForcePINChange || p.AlwaysUV) {
		kctx, cancel := w.keyCtx(ctx)
		defer cancel()
		info, err := fido.ReadInfo(kctx, w.dev)
		if err != nil {
			return err
		}
		if on, _ := info.Option("alwaysUv"); p.AlwaysUV && !on {
			// First: it needs a PIN token, which a forced change would stop.
			if !info.Supports().AlwaysUV {
				return enroll.UnsupportedByKey("alwaysUv", "alwaysUv")
			}
			prep, err := enroll.Preparer(w.dev)
			if err != nil {
				return err
			}
			pin, err := w.kp.Get(kctx, info)
			if err != nil {
				return err
			}
			if err := prep.ToggleAlwaysUV(kctx, pin); err != nil {
				return fmt.Errorf("turning alwaysUv on: %w", err)
			}
			w.r.obs().Info("turned alwaysUv on: every use of the key needs its PIN")
		}
		if p.MinPINLength > info.EffectiveMinPINLength() || (p.ForcePINChange && !info.ForcePINChange) {
			prep := enroll.Preparation{MinPINLength: p.MinPINLength, ForcePINChange: p.ForcePINChange}
			if err := enroll.Configure(kctx, w.dev, prep, w.kp, w.r.obs()); err != nil {
				return err
			}
		}
		f.Configured = true
		if err := w.save(ctx, Verified, &Event{Kind: EventState, Message: "key configured"}); err != nil {
			return err
		}
	}
	if p.RemoveFromGroup && !f.RemovedFromGrp && w.job.Source.Kind == "group" && w.t.UserID != "" {
		if err := w.r.Graph.RemoveGroupMember(ctx, w.job.Source.GroupID, w.t.UserID); err != nil {
			return err
		}
		f.RemovedFromGrp = true
	}
	now := w.r.now().UTC()
	f.Finished, f.Operator = &now, w.r.Operator
	return w.save(ctx, Done, nil)
}
