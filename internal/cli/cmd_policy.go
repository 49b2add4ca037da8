package cli

import (
	"encoding/json"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// PolicyCmd groups the policy commands.
type PolicyCmd struct {
	Show PolicyShowCmd `cmd:"" help:"Show the FIDO2 policy and what in it blocks provisioning."`
}

// PolicyShowCmd prints the FIDO2 policy.
type PolicyShowCmd struct {
	GraphFlags
}

// policyDocument is policy show's output: the policy as Graph sent it, and the
// settings that would make provisioning fail.
type policyDocument struct {
	SchemaVersion int             `json:"schemaVersion"`
	Policy        json.RawMessage `json:"policy"`
	Problems      []policyProblem `json:"problems"`
}

type policyProblem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Run prints the policy.
func (c *PolicyShowCmd) Run(a *app) error {
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	p, err := s.client.FIDO2Policy(a.ctx)
	if err != nil {
		return err
	}
	doc := policyDocument{SchemaVersion: enroll.SchemaVersion, Policy: p.Raw, Problems: policyProblems(p)}
	for _, pr := range doc.Problems {
		a.events.Warn(pr.Code, pr.Message)
	}
	return a.writeJSON(doc)
}

// policyProblems lists the settings known to make admin provisioning fail.
func policyProblems(p *graph.FIDO2Policy) []policyProblem {
	out := []policyProblem{}
	if p.State != "enabled" {
		out = append(out, policyProblem{"policy_disabled", "the FIDO2 method is disabled in the tenant: Graph refuses to register passkeys"})
	}
	if !p.IsSelfServiceRegistrationAllowed {
		out = append(out, policyProblem{"self_service_disabled", "isSelfServiceRegistrationAllowed is false: provisioning fails until it is true (a known Entra issue)"})
	}
	if len(p.IncludeTargets) == 0 {
		out = append(out, policyProblem{"no_targets", "the policy targets no users or groups"})
	}
	return out
}
