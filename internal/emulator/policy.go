package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// FIDO2Policy is the authenticationMethodsPolicy FIDO2 configuration, in Graph's shape.
type FIDO2Policy struct {
	ID string `json:"id"`
	// State is "enabled" or "disabled".
	State                            string `json:"state"`
	IsSelfServiceRegistrationAllowed bool   `json:"isSelfServiceRegistrationAllowed"`
	// IsAttestationEnforced is the legacy switch, used when there are no passkey profiles.
	IsAttestationEnforced bool `json:"isAttestationEnforced"`
	// KeyRestrictions is the legacy AAGUID list, used when there are no passkey profiles.
	KeyRestrictions       KeyRestrictions  `json:"keyRestrictions"`
	DefaultPasskeyProfile string           `json:"defaultPasskeyProfile,omitempty"`
	PasskeyProfiles       []PasskeyProfile `json:"passkeyProfiles,omitempty"`
	IncludeTargets        []PolicyTarget   `json:"includeTargets"`
	ExcludeTargets        []PolicyTarget   `json:"excludeTargets"`
}

// KeyRestrictions allows or blocks AAGUIDs when enforced.
type KeyRestrictions struct {
	IsEnforced bool `json:"isEnforced"`
	// EnforcementType is "allow" or "block".
	EnforcementType string   `json:"enforcementType"`
	AAGUIDs         []string `json:"aaGuids"`
}

// PasskeyProfile is one group-targeted passkey configuration.
type PasskeyProfile struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// PasskeyTypes is a comma-separated string such as "deviceBound,synced".
	PasskeyTypes string `json:"passkeyTypes"`
	// AttestationEnforcement is "disabled" or "registrationOnly".
	AttestationEnforcement string          `json:"attestationEnforcement"`
	KeyRestrictions        KeyRestrictions `json:"keyRestrictions"`
}

// PolicyTarget is an include or exclude target: "all_users" or a group id.
type PolicyTarget struct {
	TargetType             string   `json:"targetType"`
	ID                     string   `json:"id"`
	IsRegistrationRequired bool     `json:"isRegistrationRequired"`
	AllowedPasskeyProfiles []string `json:"allowedPasskeyProfiles,omitempty"`
}

// allUsers is the target id that matches everyone.
const allUsers = "all_users"

func (p *FIDO2Policy) validate() error {
	checkKR := func(where string, k KeyRestrictions) error {
		if k.EnforcementType != "" && k.EnforcementType != "allow" && k.EnforcementType != "block" {
			return fmt.Errorf("%s: enforcementType %q is neither allow nor block", where, k.EnforcementType)
		}
		return nil
	}
	if err := checkKR("keyRestrictions", p.KeyRestrictions); err != nil {
		return err
	}
	for _, pp := range p.PasskeyProfiles {
		if a := pp.AttestationEnforcement; a != "" && a != "disabled" && a != "registrationOnly" {
			return fmt.Errorf("passkey profile %s: attestationEnforcement %q is neither disabled nor registrationOnly", pp.ID, a)
		}
		if err := checkKR("passkey profile "+pp.ID, pp.KeyRestrictions); err != nil {
			return err
		}
	}
	return nil
}

// rule is one way a key may be allowed for a user: a passkey profile, or the legacy settings.
type rule struct {
	name               string
	deviceBound        bool
	attestationEnforce bool
	keys               KeyRestrictions
}

// allows says whether an AAGUID passes the rule's key restrictions.
func (r rule) allows(aaguid string) bool {
	if !r.keys.IsEnforced {
		return true
	}
	listed := containsFold(r.keys.AAGUIDs, aaguid)
	if r.keys.EnforcementType == "block" {
		return !listed
	}
	return listed
}

func targetMatches(t PolicyTarget, u *User) bool {
	return strings.EqualFold(t.ID, allUsers) || containsFold(u.Groups, t.ID)
}

// registrationAllowed applies what must hold before any key is considered: not a
// guest, FIDO2 enabled and targeted at the user, and the known self-service issue.
func (s *Server) registrationAllowed(u *User) *graphError {
	p := &s.cfg.Policy
	switch {
	case u.UserType == "Guest":
		return gerr(http.StatusBadRequest, CodeUnsupportedUserType, "Guest users can't have passkeys (FIDO2 security keys).")
	case !strings.EqualFold(p.State, "enabled"):
		return gerr(http.StatusBadRequest, CodeFIDO2NotEnabled, "The FIDO2 authentication method is disabled in the authentication methods policy.")
	case !p.IsSelfServiceRegistrationAllowed && !s.cfg.Quirks.SelfServiceFlagNotRequired:
		return gerr(http.StatusBadRequest, CodeFIDO2NotEnabled, "Passkey provisioning requires isSelfServiceRegistrationAllowed in the FIDO2 authentication methods policy.")
	}
	if len(s.rulesFor(u)) == 0 {
		return gerr(http.StatusBadRequest, CodeFIDO2NotEnabled, "The FIDO2 authentication method policy does not target this user.")
	}
	return nil
}

// rulesFor lists the rules that apply to a user; none means FIDO2 isn't enabled for them.
func (s *Server) rulesFor(u *User) []rule {
	p := &s.cfg.Policy
	for _, t := range p.ExcludeTargets {
		if targetMatches(t, u) {
			return nil
		}
	}
	var profileIDs []string
	included := false
	for _, t := range p.IncludeTargets {
		if targetMatches(t, u) {
			included = true
			profileIDs = append(profileIDs, t.AllowedPasskeyProfiles...)
		}
	}
	if !included {
		return nil
	}
	if len(p.PasskeyProfiles) == 0 {
		return []rule{{name: "legacy policy", deviceBound: true, attestationEnforce: p.IsAttestationEnforced, keys: p.KeyRestrictions}}
	}
	if len(profileIDs) == 0 {
		profileIDs = []string{firstNonEmpty(p.DefaultPasskeyProfile, p.PasskeyProfiles[0].ID)}
	}
	var out []rule
	for _, pp := range p.PasskeyProfiles {
		if !containsFold(profileIDs, pp.ID) {
			continue
		}
		types := strings.Split(strings.ReplaceAll(pp.PasskeyTypes, " ", ""), ",")
		out = append(out, rule{name: "passkey profile " + pp.Name, deviceBound: slices.Contains(types, "deviceBound"),
			attestationEnforce: pp.AttestationEnforcement == "registrationOnly", keys: pp.KeyRestrictions})
	}
	return out
}

// handlePolicy returns the FIDO2 configuration.
func (s *Server) handlePolicy(c *call) {
	p, ok := s.authenticate(c)
	if !ok {
		return
	}
	if e := missingPermission(p, policyPerms); e != nil {
		s.writeGraphError(c.w, e)
		return
	}
	pol := s.cfg.Policy
	if pol.IncludeTargets == nil {
		pol.IncludeTargets = []PolicyTarget{}
	}
	if pol.ExcludeTargets == nil {
		pol.ExcludeTargets = []PolicyTarget{}
	}
	if pol.KeyRestrictions.AAGUIDs == nil {
		pol.KeyRestrictions.AAGUIDs = []string{}
	}
	writeGraphJSON(c.w, http.StatusOK, struct {
		Context string `json:"@odata.context"`
		Type    string `json:"@odata.type"`
		FIDO2Policy
	}{s.url + "/" + c.version + "/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity",
		"#microsoft.graph.fido2AuthenticationMethodConfiguration", pol})
}
