package bulk_test

import (
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/emulator"
)

// The policy's targets are expanded once: users outside its include groups, or in an
// exclude group, are skipped; a switched-off self-service flag is a tenant problem.
func TestPlanChecksThePolicyOnce(t *testing.T) {
	const pilots, excluded = "aaaaaaaa-0000-4000-8000-0000000000b1", "aaaaaaaa-0000-4000-8000-0000000000e2"
	r := newRig(t, 6, func(c *emulator.Config) {
		c.Groups = append(c.Groups,
			emulator.Group{ID: pilots, DisplayName: "Pilots", Members: []string{userID(0), userID(1), userID(2)}},
			emulator.Group{ID: excluded, DisplayName: "No passkeys", Members: []string{userID(2)}})
		c.Policy.IncludeTargets = []emulator.PolicyTarget{{TargetType: "group", ID: pilots}}
		c.Policy.ExcludeTargets = []emulator.PolicyTarget{{TargetType: "group", ID: excluded}}
		c.Policy.IsSelfServiceRegistrationAllowed = false
	})
	plan := r.plan(profile)
	skipped := map[string]string{}
	for _, s := range plan.Skipped {
		skipped[s.UserPrincipalName] = s.Code
	}
	for i, want := range []string{"", "", "not_in_policy", "not_in_policy", "not_in_policy", "not_in_policy"} {
		if skipped[upn(i)] != want {
			t.Errorf("%s: skipped %q, want %q", upn(i), skipped[upn(i)], want)
		}
	}
	if plan.Counts[bulk.Planned] != 2 {
		t.Errorf("counts %v", plan.Counts)
	}
	found := false
	for _, p := range plan.Problems {
		found = found || p.Code == "self_service_disabled"
	}
	if !found {
		t.Errorf("problems %v, want self_service_disabled", plan.Problems)
	}
	groupCalls := 0
	for _, req := range r.emu.Requests() {
		if req.Route == emulator.RouteGroupMembers {
			groupCalls++
		}
	}
	if groupCalls != 3 { // the rollout group and the two policy targets, one page each
		t.Errorf("%d member listings, want 3 (O(pages), not O(users))", groupCalls)
	}
}
