package graph

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
)

// FIDO2Policy is the tenant's fido2AuthenticationMethodConfiguration, for a pre-check.
type FIDO2Policy struct {
	ID    string `json:"id"`
	State string `json:"state"` // enabled or disabled
	// IsSelfServiceRegistrationAllowed must be true: provisioning fails otherwise (a known issue).
	IsSelfServiceRegistrationAllowed bool `json:"isSelfServiceRegistrationAllowed"`
	// IsAttestationEnforced and KeyRestrictions are the legacy, tenant-wide settings
	// (deprecated; removal announced for October 2027).
	IsAttestationEnforced bool             `json:"isAttestationEnforced"`
	KeyRestrictions       *KeyRestrictions `json:"keyRestrictions,omitempty"`
	PasskeyProfiles       []PasskeyProfile `json:"passkeyProfiles,omitempty"`
	// DefaultPasskeyProfile is the id of the baseline profile Graph creates on migration.
	DefaultPasskeyProfile string         `json:"defaultPasskeyProfile,omitempty"`
	IncludeTargets        []PolicyTarget `json:"includeTargets,omitempty"`
	ExcludeTargets        []PolicyTarget `json:"excludeTargets,omitempty"`
	// Raw is the policy exactly as Graph sent it.
	Raw json.RawMessage `json:"-"`
}

// KeyRestrictions allows or blocks authenticator models by AAGUID.
type KeyRestrictions struct {
	IsEnforced      bool     `json:"isEnforced"`
	EnforcementType string   `json:"enforcementType"` // allow or block
	AAGUIDs         []string `json:"aaGuids"`
}

// PasskeyProfile is one named set of passkey rules that targets can allow.
type PasskeyProfile struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// PasskeyTypes is Graph's comma-separated string, e.g. "deviceBound,synced".
	PasskeyTypes           string           `json:"passkeyTypes"`
	AttestationEnforcement string           `json:"attestationEnforcement"` // disabled or registrationOnly
	KeyRestrictions        *KeyRestrictions `json:"keyRestrictions,omitempty"`
}

// PolicyTarget is a group (or "all_users") the policy includes or excludes.
type PolicyTarget struct {
	TargetType             string   `json:"targetType"`
	ID                     string   `json:"id"`
	IsRegistrationRequired bool     `json:"isRegistrationRequired,omitempty"`
	AllowedPasskeyProfiles []string `json:"allowedPasskeyProfiles,omitempty"`
}

// Allows reports whether the restrictions let a key with this AAGUID register; AAGUIDs
// compare case-insensitively. Unenforced restrictions allow everything.
func (k *KeyRestrictions) Allows(aaguid string) bool {
	if k == nil || !k.IsEnforced {
		return true
	}
	listed := false
	for _, a := range k.AAGUIDs {
		if strings.EqualFold(a, aaguid) {
			listed = true
			break
		}
	}
	if strings.EqualFold(k.EnforcementType, "block") {
		return !listed
	}
	return listed
}

// Types splits PasskeyTypes into its names.
func (p PasskeyProfile) Types() []string {
	var out []string
	for _, t := range strings.Split(p.PasskeyTypes, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// FIDO2Policy reads the tenant's FIDO2 authentication method policy.
// It needs Policy.Read.AuthenticationMethod.
func (c *Client) FIDO2Policy(ctx context.Context) (*FIDO2Policy, error) {
	const op = "reading the FIDO2 policy"
	path := "/" + v1 + "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2"
	rep, err := c.do(ctx, &request{op: op, target: targetPolicy, method: http.MethodGet, url: c.endpoint(path)})
	if err != nil {
		return nil, err
	}
	var p FIDO2Policy
	if err := json.Unmarshal(rep.body, &p); err != nil {
		return nil, invalidResponse(op, rep, err)
	}
	p.Raw = rep.body
	return &p, nil
}
