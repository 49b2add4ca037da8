package recovery_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/recovery"
)

// failingRecorder is a record file that cannot be written: enroll.Register then fails
// after Graph holds the method.
type failingRecorder struct{}

func (failingRecorder) Append(*enroll.Registration) error { return errors.New("disk full") }

// A failure at each step stops the steps after it, leaves the tenant as the record
// says, and names what was not done.
func TestRecoverFailureAtEachStep(t *testing.T) {
	type state struct {
		methods []string // adele's methods after, by display name
		revoked int
		passes  int // passes issued
	}
	untouched := state{methods: []string{"Lost A", "Lost B", "Kept C"}}
	for _, tt := range []struct {
		name    string
		config  func(*emulator.Config)
		arrange func(t *testing.T, tn *tenant, o *recovery.Options)
		failed  int // index of the failed step; -1 for none
		code    string
		want    state
	}{
		{name: "registration fails: nothing is removed",
			arrange: func(_ *testing.T, tn *tenant, _ *recovery.Options) {
				tn.s.Faults().Fail(emulator.RouteCreationOptions, 20, http.StatusServiceUnavailable)
			},
			failed: 0, code: "graph_unavailable", want: untouched},
		{name: "registered but its record failed: nothing is removed",
			arrange: func(_ *testing.T, tn *tenant, o *recovery.Options) {
				o.Register = tn.registerWith(adele, failingRecorder{})
			},
			failed: 0, code: "record_failed", want: state{methods: []string{"Lost A", "Lost B", "Kept C", "Replacement"}}},
		{name: "the second deletion fails",
			arrange: func(_ *testing.T, tn *tenant, o *recovery.Options) {
				o.Progress = func(s recovery.Step) {
					if s.Step == recovery.StepDeleteMethod && s.Outcome == recovery.OutcomeDone {
						tn.s.Faults().Fail(emulator.RouteDelete, 1, http.StatusForbidden)
					}
				}
			},
			failed: 2, code: "graph_forbidden", want: state{methods: []string{"Lost B", "Kept C", "Replacement"}}},
		{name: "a deletion's answer is lost: the retry finds it gone",
			arrange: func(_ *testing.T, tn *tenant, _ *recovery.Options) { tn.s.Faults().ResetAfter(emulator.RouteDelete) },
			failed:  -1, want: state{methods: []string{"Kept C", "Replacement"}, revoked: 1, passes: 1}},
		{name: "the revocation is refused",
			arrange: func(_ *testing.T, tn *tenant, _ *recovery.Options) {
				tn.s.Faults().Fail(emulator.RouteRevokeSessions, 1, http.StatusForbidden)
			},
			failed: 3, code: "graph_forbidden", want: state{methods: []string{"Kept C", "Replacement"}}},
		{name: "the pass is refused by the policy",
			config: func(c *emulator.Config) { p := emulator.DefaultTAPPolicy(); p.State = "disabled"; c.TAPPolicy = &p },
			failed: 4, code: "tap_not_allowed", want: state{methods: []string{"Kept C", "Replacement"}, revoked: 1}},
		{name: "the pass's answer is lost: the unseen one is deleted, a new one delivered",
			arrange: func(_ *testing.T, tn *tenant, _ *recovery.Options) { tn.s.Faults().ResetAfter(emulator.RouteTAP) },
			failed:  -1, want: state{methods: []string{"Kept C", "Replacement"}, revoked: 1, passes: 2}},
		{name: "the sink fails: the pass is deleted again",
			arrange: func(_ *testing.T, _ *tenant, o *recovery.Options) {
				o.AccessPass.Sink.(*memorySink).fail = errSinkBroken
			},
			failed: 4, code: "tap_not_delivered", want: state{methods: []string{"Kept C", "Replacement"}, revoked: 1, passes: 1}},
		{name: "a lost method turns out to be the replacement",
			arrange: func(t *testing.T, tn *tenant, o *recovery.Options) {
				id := tn.methodID(t, lostA)
				o.Register = func(context.Context) (*recovery.Replacement, error) {
					return &recovery.Replacement{MethodID: id, CredentialID: lostA}, nil
				}
			},
			failed: 1, code: "lost_is_replacement", want: untouched},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tn := startTenant(t, tt.config)
			ctx := context.Background()
			plan, err := recovery.NewPlan(ctx, tn.c, adele, nil, []string{tn.methodID(t, lostA), tn.methodID(t, lostB)})
			if err != nil {
				t.Fatal(err)
			}
			sink := &memorySink{}
			o := recovery.Options{Register: tn.register(adele), RevokeSessions: true, Yes: true, Calls: tn.calls,
				AccessPass: &recovery.AccessPassRequest{Lifetime: time.Hour, UsableOnce: true, Sink: sink}}
			if tt.arrange != nil {
				tt.arrange(t, tn, &o)
			}
			rec, err := recovery.Run(ctx, tn.c, plan, o)

			if tt.failed < 0 {
				if err != nil || rec.Outcome != recovery.RecordDone {
					t.Fatalf("Run: %v, outcome %s", err, rec.Outcome)
				}
			} else {
				f := rec.Steps[tt.failed]
				if code(err) != tt.code || rec.Outcome != recovery.RecordFailed || f.Outcome != recovery.OutcomeFailed ||
					f.Error == nil || f.Error.Code != tt.code || f.Error.Message == "" || f.Error.Hint == "" || *rec.Error != *f.Error {
					t.Fatalf("err %v (%s); step %d = %+v error %+v", err, code(err), tt.failed, f, f.Error)
				}
				for i, s := range rec.Steps {
					switch {
					case i < tt.failed && s.Outcome != recovery.OutcomeDone:
						t.Errorf("step %d before the failure: %+v", i, s)
					case i > tt.failed && (s.Outcome != recovery.OutcomeSkipped || s.Reason != "not run: an earlier step failed"):
						t.Errorf("step %d after the failure: %+v", i, s)
					}
				}
			}
			got := state{methods: tn.names(), revoked: tn.s.SessionsRevoked(adele), passes: len(tn.s.TemporaryAccessPasses(adele))}
			if !slices.Equal(got.methods, tt.want.methods) || got.revoked != tt.want.revoked || got.passes != tt.want.passes {
				t.Errorf("tenant after = %+v, want %+v", got, tt.want)
			}
			if tt.failed == 0 && slices.Contains(tn.routes(), string(emulator.RouteDelete)) {
				t.Errorf("a DELETE after the registration failed: %v", tn.routes())
			}
			checkPass(t, tn, rec, sink)
		})
	}
}

// checkPass: the sink holds the one active pass, or no pass is left active; the record
// never holds it.
func checkPass(t *testing.T, tn *tenant, rec *recovery.Record, sink *memorySink) {
	t.Helper()
	issued := tn.s.TemporaryAccessPasses(adele)
	var active []emulator.IssuedTAP
	for _, p := range issued {
		if p.Active {
			active = append(active, p)
		}
	}
	facts := rec.Steps[len(rec.Steps)-1].AccessPass
	switch {
	case sink.pass != "":
		if len(active) != 1 || active[0].PassSHA256 != emulator.HashSecret(sink.pass.Reveal()) || !facts.Delivered || facts.MethodID != active[0].ID {
			t.Errorf("delivered pass does not match: active %+v, facts %+v", active, facts)
		}
		if len(issued) == 2 && (issued[0].Ended != "deleted" || facts.Discarded != 1) {
			t.Errorf("the unseen pass: %+v, discarded %d", issued[0], facts.Discarded)
		}
		if doc := recordJSON(t, rec); strings.Contains(doc, sink.pass.Reveal()) {
			t.Errorf("the pass is in the record")
		}
	case len(active) != 0:
		t.Errorf("a pass nobody holds is still active: %+v", active)
	case len(issued) == 1 && (facts == nil || !facts.DeletedUndelivered || facts.Delivered || sink.calls != 1):
		t.Errorf("an undelivered pass: facts %+v, sink called %d times", facts, sink.calls)
	}
}

// registerWith registers with a record file, as `recover --record` would.
func (tn *tenant) registerWith(user string, rec enroll.Recorder) recovery.RegisterFunc {
	base := tn.register(user)
	return func(ctx context.Context) (*recovery.Replacement, error) {
		tn.recorder = rec
		defer func() { tn.recorder = nil }()
		return base(ctx)
	}
}

func recordJSON(t *testing.T, rec *recovery.Record) string {
	t.Helper()
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A delegated sign-in recovering its own account: Graph's MFA refusal stops it at the
// first deletion, with the hint to use another admin or an app-only token.
func TestRecoverSelfDeleteNeedsMFA(t *testing.T) {
	tn := startTenant(t, func(c *emulator.Config) {
		c.Quirks.AllowSelfCreationOptions = true
		for i := range c.Methods {
			c.Methods[i].UserID = emulator.DemoAdminUPN
		}
	})
	tok, err := tn.s.Token(emulator.DemoPublicClientID, emulator.DemoAdminUPN)
	if err != nil {
		t.Fatal(err)
	}
	self, err := graph.New(graph.Config{BaseURL: tn.s.URL(), HTTPClient: tn.s.Client(), Tokens: fixedToken(tok),
		Observe: tn.calls.Observe, Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	tn.c = self
	ctx := context.Background()
	ms := tn.s.Methods(emulator.DemoAdminUPN)
	plan, err := recovery.NewPlan(ctx, self, emulator.DemoAdminUPN, nil, []string{ms[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := recovery.Run(ctx, self, plan, recovery.Options{Register: tn.register(emulator.DemoAdminUPN), Yes: true, Calls: tn.calls})
	if code(err) != "self_delete_mfa_required" || rec.Steps[0].Outcome != recovery.OutcomeDone || rec.Steps[1].Outcome != recovery.OutcomeFailed ||
		!strings.Contains(rec.Error.Hint, "app-only") || rec.Error.RequestID == "" {
		t.Fatalf("err %v; record %+v error %+v", err, rec.Steps, rec.Error)
	}
	if n := len(tn.s.Methods(emulator.DemoAdminUPN)); n != 4 {
		t.Errorf("admin has %d methods, want the three and the replacement", n)
	}
}
