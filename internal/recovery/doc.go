// Package recovery recovers a user who lost their security keys: it plans from the
// user's FIDO2 methods and the key in hand, then registers a replacement before it
// removes anything, deletes the methods marked lost, revokes the sign-in sessions and
// issues a Temporary Access Pass to a sink, keeping one record of every step.
//
// The CLI's `recover` calls it in three moves:
//
//	// The key's credentials for login.microsoft.com (fido.CredentialManager), or nil
//	// when no key is given.
//	plan, err := recovery.NewPlan(ctx, client, user, creds, lostIDs)
//	if err != nil { return err } // lost_method_not_found, lost_method_on_key, Graph's errors: nothing done
//
//	calls := recovery.NewCallLog(previousObserve) // set as graph.Config.Observe before the client is made
//	rec, err := recovery.Run(ctx, client, plan, recovery.Options{
//		Register: func(ctx context.Context) (*recovery.Replacement, error) {
//			reg, err := enroll.Register(ctx, params) // the key in hand
//			return recovery.ReplacementOf(reg...), err // see Replacement: keep the method even with an error
//		},
//		RevokeSessions: revoke,
//		AccessPass: &recovery.AccessPassRequest{Lifetime: time.Hour, UsableOnce: true,
//			Sink: &recovery.FileSink{Path: tapOut}},
//		Yes: yes, Confirm: func(ctx context.Context, p *recovery.Plan) error { return confirm(a, false, p.Question(o)) },
//		Calls: calls, Now: a.Now,
//	})
//	// rec is never nil once Run has been called: print it whatever err says, then
//	// render err (the step's own error, or confirmation_required / declined).
//
// The record never holds the pass: only the sink sees it.
package recovery
