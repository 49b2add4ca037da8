package recovery

import (
	"context"
	"fmt"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// RegisterFunc registers the replacement key for the plan's user (the CLI runs
// enroll.Register on the key in hand). A non-nil Replacement means Graph holds the
// method, even with an error: it is recorded, and an error still stops the recovery
// before anything is deleted.
type RegisterFunc func(ctx context.Context) (*Replacement, error)

// AccessPassRequest asks for a Temporary Access Pass after the other steps.
type AccessPassRequest struct {
	// Lifetime is the pass's lifetime, whole minutes; 0 takes the tenant policy's default.
	Lifetime time.Duration
	// UsableOnce makes the pass one-time (the policy may force it).
	UsableOnce bool
	// Sink receives the pass; it is the only place the pass goes.
	Sink AccessPassSink
}

// Options choose what a recovery does beyond deleting the plan's lost methods.
type Options struct {
	// Register registers the replacement first; nil skips the step (no key in hand):
	// the lost methods are still deleted.
	Register RegisterFunc
	// RevokeSessions revokes the user's sign-in sessions after the deletions.
	RevokeSessions bool
	// AccessPass, if set, issues a Temporary Access Pass last.
	AccessPass *AccessPassRequest
	// Deleting needs confirmation: Yes gives it (--yes), else Confirm is asked once,
	// before anything changes (the CLI's prompt: nil for no error, or
	// confirmation_required / declined). Without either a deletion is refused.
	Yes     bool
	Confirm func(ctx context.Context, p *Plan) error
	// Calls, if set, puts Graph's request-ids into each step (see CallLog).
	Calls *CallLog
	// Progress, if set, receives each step as it ends (for the CLI's event stream).
	Progress func(Step)
	// Now is the clock of the record (default time.Now).
	Now func() time.Time
}

// Run carries out the plan in the order that never leaves the user with less than
// before: register the replacement (if it fails nothing is removed), delete each lost
// method (never the replacement), revoke the sessions, issue the pass to its sink. The
// first failure stops the steps after it, which the record lists as skipped. Run
// returns the record whatever happens (outcome done, failed or refused) and, when not
// done, the error that stopped it, with its own code.
func Run(ctx context.Context, g Graph, plan *Plan, o Options) (*Record, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	r := &runner{ctx: ctx, g: g, plan: plan, o: o}
	r.rec = &Record{SchemaVersion: SchemaVersion, User: plan.User, StartedDateTime: o.Now().UTC(),
		KeyChecked: plan.KeyChecked, MethodsBefore: plan.Methods, Steps: []Step{{Step: StepRegister}}}
	for _, id := range plan.Lost {
		r.rec.Steps = append(r.rec.Steps, Step{Step: StepDeleteMethod, MethodID: id})
	}
	r.rec.Steps = append(r.rec.Steps, Step{Step: StepRevokeSessions}, Step{Step: StepAccessPass})

	if err := r.check(); err != nil {
		return r.finish(RecordRefused, err, "not run: the recovery was refused before it started")
	}
	o.Calls.take() // the plan's calls are not a step's
	for i := range r.rec.Steps {
		s := &r.rec.Steps[i]
		if err := r.step(s); err != nil {
			r.rec.Error = s.Error
			return r.finish(RecordFailed, err, "not run: an earlier step failed")
		}
	}
	return r.finish(RecordDone, nil, "")
}

type runner struct {
	ctx         context.Context
	g           Graph
	plan        *Plan
	o           Options
	rec         *Record
	replacement *Replacement
}

// check refuses what cannot work or is not confirmed, before anything changes.
func (r *runner) check() error {
	if ap := r.o.AccessPass; ap != nil {
		if ap.Sink == nil {
			return &Error{Code: "recovery_invalid", Message: "a Temporary Access Pass needs a destination", Hint: "give --tap-out FILE"}
		}
		if err := graph.CheckAccessPassLifetime(ap.Lifetime); err != nil {
			return err
		}
		if err := ap.Sink.Check(); err != nil {
			return err
		}
	}
	if len(r.plan.Lost) == 0 || r.o.Yes {
		return nil
	}
	if r.o.Confirm == nil {
		return &Error{Code: "confirmation_required", Message: "deleting FIDO2 methods needs confirmation",
			Hint: "give --yes to confirm in a script"}
	}
	return r.o.Confirm(r.ctx, r.plan)
}

// step runs one step, filling in its outcome; an error stops the recovery.
func (r *runner) step(s *Step) error {
	start := r.o.Now().UTC()
	s.StartedDateTime = &start
	var err error
	switch s.Step {
	case StepRegister:
		err = r.register(s)
	case StepDeleteMethod:
		err = r.deleteMethod(s)
	case StepRevokeSessions:
		if !r.o.RevokeSessions {
			s.Reason = "not asked for"
			break
		}
		err = r.g.RevokeSignInSessions(r.ctx, r.plan.User)
	case StepAccessPass:
		err = r.accessPass(s)
	}
	end := r.o.Now().UTC()
	s.FinishedDateTime = &end
	s.RequestIDs = r.o.Calls.take()
	switch {
	case err != nil:
		s.Outcome = OutcomeFailed
		if s.Error == nil {
			s.Error = stepError(err)
		}
	case s.Reason != "" && s.Outcome == "":
		s.Outcome = OutcomeSkipped
		s.StartedDateTime, s.FinishedDateTime = nil, nil
	default:
		s.Outcome = OutcomeDone
	}
	if r.o.Progress != nil {
		r.o.Progress(*s)
	}
	return err
}

func (r *runner) register(s *Step) error {
	if r.o.Register == nil {
		s.Reason = "no replacement key given"
		return nil
	}
	rep, err := r.o.Register(r.ctx)
	if rep != nil {
		s.Replacement, s.MethodID = rep, rep.MethodID
		r.replacement = rep
	}
	if err == nil && (rep == nil || rep.MethodID == "") {
		err = &Error{Code: "replacement_unknown", Message: "the replacement's registration reported no method id",
			Hint: "list the user's methods (entra-passkey methods list USER) before deleting any"}
	}
	return err
}

func (r *runner) deleteMethod(s *Step) error {
	if rep := r.replacement; rep != nil && (s.MethodID == rep.MethodID ||
		len(rep.CredentialID) > 0 && graph.SameCredential(s.MethodID, rep.CredentialID)) {
		return &Error{Code: "lost_is_replacement", Message: fmt.Sprintf("method %q is the replacement just registered: it is not deleted", s.MethodID),
			Hint: "the key in hand already held this credential; leave it out of --lost"}
	}
	err := r.g.DeleteMethod(r.ctx, r.plan.User, s.MethodID)
	if err != nil && errorCode(err) == "method_not_found" {
		// Gone already (deleted meanwhile, or a retried DELETE that had landed): the
		// step's aim holds.
		s.Outcome, s.Reason = OutcomeDone, "already deleted"
		return nil
	}
	return err
}

func (r *runner) accessPass(s *Step) error {
	ap := r.o.AccessPass
	if ap == nil {
		s.Reason = "not asked for"
		return nil
	}
	p, err := r.g.CreateTemporaryAccessPass(r.ctx, r.plan.User, ap.Lifetime, ap.UsableOnce)
	if err != nil {
		return err
	}
	facts := &AccessPassFacts{MethodID: p.MethodID, StartDateTime: p.StartDateTime.UTC(), ExpiresDateTime: p.Expires().UTC(),
		LifetimeInMinutes: int(p.Lifetime / time.Minute), IsUsableOnce: p.UsableOnce, Sink: ap.Sink.Describe(), Discarded: p.Discarded}
	s.AccessPass = facts
	derr := ap.Sink.Deliver(r.ctx, r.plan.User, p)
	if derr == nil {
		facts.Delivered = true
		return nil
	}
	// Nobody holds the pass: delete it, so no valid pass is left that no one controls
	// (a destination that failed half-way may still hold part of it).
	dctx, cancel := context.WithTimeout(context.WithoutCancel(r.ctx), 10*time.Second)
	defer cancel()
	delErr := r.g.DeleteAccessPass(dctx, r.plan.User, p.MethodID)
	facts.DeletedUndelivered = delErr == nil
	code := errorCode(derr)
	if code == "internal" || code == "cancelled" {
		code = "tap_not_delivered"
	}
	hint := "the pass was deleted again in Entra; fix the destination and issue a new pass"
	if delErr != nil {
		hint = fmt.Sprintf("the pass (method %s) is still valid in Entra but nobody holds it: delete it, or issue a new one, which replaces it", p.MethodID)
	}
	return &Error{Code: code, Message: "the Temporary Access Pass was issued but not delivered to " + ap.Sink.Describe() + ": " + derr.Error(),
		Hint: hint, Err: derr}
}

// finish marks the steps not run and closes the record.
func (r *runner) finish(outcome string, err error, notRun string) (*Record, error) {
	for i := range r.rec.Steps {
		if s := &r.rec.Steps[i]; s.Outcome == "" {
			s.Outcome, s.Reason = OutcomeSkipped, notRun
		}
	}
	r.rec.Outcome = outcome
	if err != nil && r.rec.Error == nil {
		r.rec.Error = stepError(err)
	}
	r.rec.FinishedDateTime = r.o.Now().UTC()
	return r.rec, err
}

func stepError(err error) *StepError {
	return &StepError{Code: errorCode(err), Message: err.Error(), Hint: errorHint(err), RequestID: requestIDOf(err)}
}
