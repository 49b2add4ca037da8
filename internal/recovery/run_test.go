package recovery_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/recovery"
)

// The whole recovery: the replacement registered before anything is removed, the lost
// methods removed, the sessions revoked, the pass in its file and nowhere else.
func TestRecoverEverything(t *testing.T) {
	tn := startTenant(t, nil)
	ctx := context.Background()
	a, b := tn.methodID(t, lostA), tn.methodID(t, lostB)
	plan, err := recovery.NewPlan(ctx, tn.c, adele, []fido.StoredCredential{}, []string{a, b, a})
	if err != nil {
		t.Fatal(err)
	}
	if !plan.KeyChecked || len(plan.Methods) != 3 || len(plan.OnKey()) != 0 || !slices.Equal(plan.Lost, []string{a, b}) ||
		!plan.Methods[0].Lost || !plan.Methods[1].Lost || plan.Methods[2].Lost {
		t.Fatalf("plan = %+v", plan)
	}
	tapFile := filepath.Join(t.TempDir(), "tap.json")
	var asked string
	var events []recovery.Step
	o := recovery.Options{Register: tn.register(adele), RevokeSessions: true,
		AccessPass: &recovery.AccessPassRequest{Lifetime: 2 * time.Hour, UsableOnce: true, Sink: &recovery.FileSink{Path: tapFile}},
		Calls:      tn.calls, Progress: func(s recovery.Step) { events = append(events, s) }}
	o.Confirm = func(_ context.Context, p *recovery.Plan) error { asked = p.Question(o); return nil }
	rec, err := recovery.Run(ctx, tn.c, plan, o)
	if err != nil {
		t.Fatalf("Run: %v\n%+v", err, rec)
	}
	if !strings.Contains(asked, `register the key in hand, then delete 2 FIDO2 method(s) ("Lost A", "Lost B"), then revoke`) {
		t.Errorf("question = %q", asked)
	}

	// The record: every step done, in order, each with its Graph request ids.
	var got []string
	for _, s := range rec.Steps {
		got = append(got, s.Step+":"+s.Outcome+":"+s.MethodID)
		if len(s.RequestIDs) == 0 || s.StartedDateTime == nil || s.Error != nil {
			t.Errorf("step %+v", s)
		}
	}
	repl := rec.Steps[0].Replacement
	want := []string{"register:done:" + repl.MethodID, "deleteMethod:done:" + a, "deleteMethod:done:" + b,
		"revokeSessions:done:", "temporaryAccessPass:done:"}
	if rec.Outcome != recovery.RecordDone || !slices.Equal(got, want) || len(events) != 5 {
		t.Fatalf("record %s steps %v, want %v (events %d)", rec.Outcome, got, want, len(events))
	}
	if repl.DisplayName != "Replacement" || !json.Valid(repl.Registration) || len(rec.MethodsBefore) != 3 {
		t.Errorf("replacement = %+v", repl)
	}

	// The tenant: the replacement and the kept key; the registration came first.
	if names := tn.names(); !slices.Equal(names, []string{"Kept C", "Replacement"}) {
		t.Errorf("methods after = %v", names)
	}
	routes := tn.routes()
	reg := slices.Index(routes, string(emulator.RouteRegister))
	del := slices.Index(routes, string(emulator.RouteDelete))
	rev := slices.Index(routes, string(emulator.RouteRevokeSessions))
	tap := slices.Index(routes, string(emulator.RouteTAP))
	if reg < 0 || !(reg < del && del < rev && rev < tap) {
		t.Errorf("request order = %v", routes)
	}
	if r := tn.s.SessionRevocations(adele); len(r) != 1 || r[0].Before(*rec.Steps[0].FinishedDateTime) {
		t.Errorf("revocations = %v", r)
	}

	// The pass: in its 0600 file, matching the one active pass, and nowhere else.
	raw, err := os.ReadFile(tapFile)
	if err != nil {
		t.Fatal(err)
	}
	var file recovery.AccessPassFile
	if err := json.Unmarshal(raw, &file); err != nil || file.TemporaryAccessPass == "" {
		t.Fatalf("tap file %s: %v", raw, err)
	}
	if st, _ := os.Stat(tapFile); st.Mode().Perm() != 0o600 {
		t.Errorf("tap file mode %v", st.Mode())
	}
	issued := tn.s.TemporaryAccessPasses(adele)
	facts := rec.Steps[4].AccessPass
	if len(issued) != 1 || !issued[0].Active || issued[0].PassSHA256 != emulator.HashSecret(file.TemporaryAccessPass) ||
		facts.MethodID != issued[0].ID || facts.LifetimeInMinutes != 120 || !facts.IsUsableOnce || !facts.Delivered ||
		facts.Sink != "file "+tapFile || !facts.ExpiresDateTime.Equal(facts.StartDateTime.Add(2*time.Hour)) {
		t.Errorf("issued %+v, record %+v", issued, facts)
	}
	pass := file.TemporaryAccessPass
	doc, _ := json.Marshal(rec)
	evs, _ := json.Marshal(events)
	logged, _ := json.Marshal(tn.s.Requests())
	tn.mu.Lock()
	calls, _ := json.Marshal(tn.seen)
	tn.mu.Unlock()
	for name, text := range map[string][]byte{"record": doc, "progress": evs, "request log": logged, "graph calls": calls} {
		if strings.Contains(string(text), pass) {
			t.Errorf("the pass is in the %s", name)
		}
	}
}

// Nothing is deleted without confirmation, and a refusal comes before the key or Graph
// is touched.
func TestRecoverNeedsConfirmation(t *testing.T) {
	tn := startTenant(t, nil)
	ctx := context.Background()
	plan, err := recovery.NewPlan(ctx, tn.c, adele, nil, []string{tn.methodID(t, lostA)})
	if err != nil {
		t.Fatal(err)
	}
	before := len(tn.s.Requests())
	declined := &recovery.Error{Code: "declined", Message: "not confirmed: nothing was changed"}
	for _, tt := range []struct {
		name    string
		confirm func(context.Context, *recovery.Plan) error
		want    string
	}{
		{"no way to ask", nil, "confirmation_required"},
		{"declined", func(context.Context, *recovery.Plan) error { return declined }, "declined"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := recovery.Run(ctx, tn.c, plan, recovery.Options{Register: tn.register(adele), RevokeSessions: true, Confirm: tt.confirm})
			if code(err) != tt.want || rec.Outcome != recovery.RecordRefused || rec.Error == nil || rec.Error.Code != tt.want {
				t.Fatalf("err %v, record %+v", err, rec)
			}
			for _, s := range rec.Steps {
				if s.Outcome != recovery.OutcomeSkipped || !strings.Contains(s.Reason, "refused") {
					t.Errorf("step %+v", s)
				}
			}
		})
	}
	if n := len(tn.s.Requests()); n != before || len(tn.names()) != 3 || tn.s.SessionsRevoked(adele) != 0 {
		t.Errorf("a refused recovery changed things: %d requests, methods %v", n-before, tn.names())
	}
	// Without --lost nothing needs confirming.
	plan.Lost = nil
	if rec, err := recovery.Run(ctx, tn.c, plan, recovery.Options{RevokeSessions: true}); err != nil || rec.Steps[1].Outcome != recovery.OutcomeDone {
		t.Errorf("revoking only: %v %+v", err, rec)
	}
}

// The plan refuses a lost id the user does not have, and one the key in hand holds.
func TestPlanRefusals(t *testing.T) {
	tn := startTenant(t, nil)
	ctx := context.Background()
	onKey := []fido.StoredCredential{{RPID: "login.microsoft.com", CredentialID: kept}, {RPID: "example.com", CredentialID: lostB}}
	plan, err := recovery.NewPlan(ctx, tn.c, adele, onKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	if held := plan.OnKey(); len(held) != 1 || held[0].DisplayName != "Kept C" {
		t.Errorf("on the key: %+v (another relying party's credential must not count)", held)
	}
	if _, err := recovery.NewPlan(ctx, tn.c, adele, onKey, []string{"bm9wZQ0"}); code(err) != "lost_method_not_found" {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := recovery.NewPlan(ctx, tn.c, adele, onKey, []string{tn.methodID(t, kept)}); code(err) != "lost_method_on_key" {
		t.Errorf("the key's own: %v", err)
	}
	if _, err := recovery.NewPlan(ctx, tn.c, "nobody@contoso.example", nil, nil); code(err) != "user_not_found" {
		t.Errorf("unknown user: %v", err)
	}
}

func code(err error) string {
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return ""
}

// A pass that could not be delivered or issued is refused before anything changes: an
// existing file, a lifetime Graph cannot take, no destination.
func TestRecoverChecksThePassFirst(t *testing.T) {
	tn := startTenant(t, nil)
	ctx := context.Background()
	plan, err := recovery.NewPlan(ctx, tn.c, adele, nil, []string{tn.methodID(t, lostA)})
	if err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(t.TempDir(), "tap.json")
	if err := os.WriteFile(existing, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := len(tn.s.Requests())
	for _, tt := range []struct {
		name string
		ap   recovery.AccessPassRequest
		want string
	}{
		{"the file exists", recovery.AccessPassRequest{Sink: &recovery.FileSink{Path: existing}}, "file_exists"},
		{"no such directory", recovery.AccessPassRequest{Sink: &recovery.FileSink{Path: filepath.Join(existing+".d", "tap.json")}}, "recovery_invalid"},
		{"a lifetime Graph refuses", recovery.AccessPassRequest{Lifetime: 5 * time.Minute, Sink: &memorySink{}}, "invalid_tap_lifetime"},
		{"no destination", recovery.AccessPassRequest{}, "recovery_invalid"},
	} {
		ap := tt.ap
		rec, err := recovery.Run(ctx, tn.c, plan, recovery.Options{Register: tn.register(adele), Yes: true, AccessPass: &ap})
		if code(err) != tt.want || rec.Outcome != recovery.RecordRefused {
			t.Errorf("%s: %v (%s), outcome %s", tt.name, err, code(err), rec.Outcome)
		}
	}
	if n := len(tn.s.Requests()); n != before || len(tn.names()) != 3 {
		t.Errorf("a refused recovery made %d requests; methods %v", n-before, tn.names())
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Errorf("the existing file was changed: %q", b)
	}
}
