// Package recovery recovers a user who lost their security keys: it plans from the
// user's FIDO2 methods and the key in hand, then registers a replacement before it
// removes anything, deletes the methods marked lost, revokes the sign-in sessions and
// issues a Temporary Access Pass to a sink, keeping one record of every step.
//
// How `entra-passkey recover USER [--lost ID]... [--revoke-sessions] [--tap-out FILE
// [--tap-lifetime 1h]] [--yes]` uses it:
//
//	calls := recovery.NewCallLog(debugObserve)   // graph.Config.Observe = calls.Observe
//	client, _ := graph.New(graph.Config{..., Observe: calls.Observe})
//
//	// creds: the key's credentials (fido.ManageCredentials(dev), Credentials(ctx,
//	// recovery.RPID, pin)), or nil when no key is in hand.
//	plan, err := recovery.NewPlan(ctx, client, user, creds, lostIDs)
//	if err != nil {
//		return err // lost_method_not_found, lost_method_on_key, Graph's: nothing was done
//	}
//	o := recovery.Options{
//		Register: func(ctx context.Context) (*recovery.Replacement, error) {
//			reg, err := enroll.Register(ctx, params) // the key in hand, the same client
//			return recovery.ReplacementOf(reg), err
//		},
//		RevokeSessions: revokeSessions,
//		AccessPass: &recovery.AccessPassRequest{Lifetime: tapLifetime, UsableOnce: true,
//			Sink: &recovery.FileSink{Path: tapOut}},
//		Yes: yes, Calls: calls, Now: a.Now,
//	}
//	o.Confirm = func(ctx context.Context, p *recovery.Plan) error { return confirm(a, false, p.Question(o)) }
//	rec, err := recovery.Run(ctx, client, plan, o)
//	// Print rec whatever err says (it is never nil), then render err: the failed
//	// step's own error (its code and hint), or the refusal (confirmation_required,
//	// declined, file_exists, invalid_tap_lifetime) when nothing was started.
//
// Leave Register nil when no key is in hand (the lost methods are still deleted), and
// AccessPass nil without --tap-out. A sink other than FileSink (stdout, when the user
// asks for it) implements AccessPassSink. The record never holds the pass: only the
// sink sees it; if the sink fails, the pass is deleted in Entra again.
package recovery
