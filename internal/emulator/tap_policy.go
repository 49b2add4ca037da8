package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// TAPPolicy is the authenticationMethodsPolicy's Temporary Access Pass configuration
// (temporaryAccessPassAuthenticationMethodConfiguration), in Graph's shape.
type TAPPolicy struct {
	// State is "enabled" or "disabled".
	State string `json:"state"`
	// The lifetime bounds a pass must keep, and the lifetime of one that names none.
	DefaultLifetimeInMinutes int `json:"defaultLifetimeInMinutes"`
	MinimumLifetimeInMinutes int `json:"minimumLifetimeInMinutes"`
	MaximumLifetimeInMinutes int `json:"maximumLifetimeInMinutes"`
	// DefaultLength is the pass's length in characters (8 to 48).
	DefaultLength int `json:"defaultLength"`
	// IsUsableOnce makes every pass one-time, whatever the request asks.
	IsUsableOnce   bool           `json:"isUsableOnce"`
	IncludeTargets []PolicyTarget `json:"includeTargets"`
	ExcludeTargets []PolicyTarget `json:"excludeTargets"`
}

// DefaultTAPPolicy is Entra's default made usable: enabled for all users, passes of 1
// to 8 hours (1 hour unless asked), 8 characters, reusable within their lifetime.
func DefaultTAPPolicy() TAPPolicy {
	return TAPPolicy{State: "enabled", DefaultLifetimeInMinutes: 60, MinimumLifetimeInMinutes: 60,
		MaximumLifetimeInMinutes: 480, DefaultLength: 8,
		IncludeTargets: []PolicyTarget{{TargetType: "group", ID: allUsers}}, ExcludeTargets: []PolicyTarget{}}
}

func (p *TAPPolicy) validate() error {
	in := func(v, lo, hi int) bool { return v >= lo && v <= hi }
	switch {
	case p.State != "enabled" && p.State != "disabled":
		return fmt.Errorf("tapPolicy: state %q is neither enabled nor disabled", p.State)
	case !in(p.MinimumLifetimeInMinutes, 10, 43200) || !in(p.MaximumLifetimeInMinutes, p.MinimumLifetimeInMinutes, 43200):
		return fmt.Errorf("tapPolicy: lifetimes must be 10 <= minimum <= maximum <= 43200 minutes")
	case !in(p.DefaultLifetimeInMinutes, p.MinimumLifetimeInMinutes, p.MaximumLifetimeInMinutes):
		return fmt.Errorf("tapPolicy: defaultLifetimeInMinutes %d is outside the minimum and maximum", p.DefaultLifetimeInMinutes)
	case !in(p.DefaultLength, 8, 48):
		return fmt.Errorf("tapPolicy: defaultLength %d is not 8 to 48", p.DefaultLength)
	}
	return nil
}

// tapPolicy is the configured policy, or the default.
func (s *Server) tapPolicy() *TAPPolicy {
	if s.cfg.TAPPolicy != nil {
		return s.cfg.TAPPolicy
	}
	p := DefaultTAPPolicy()
	return &p
}

// The refusals Graph answers for a pass (observed messages; the status is 400).
const (
	msgTAPPolicy = "Converged UserCredentialPolicy does not allow creating or updating this authentication method. " +
		"AuthMethodType [TemporaryAccessPass]."
	msgTAPGuest = "Temporary Access Pass cannot be added to an external guest user."
)

// tapAllowed applies the policy to a user and a requested lifetime (nil: the default),
// returning the lifetime and one-time use the pass gets.
func (s *Server) tapAllowed(u *User, lifetime *int, once bool) (int, bool, *graphError) {
	p := s.tapPolicy()
	if u.UserType == "Guest" {
		return 0, false, gerr(http.StatusBadRequest, CodeBadRequest, "%s", msgTAPGuest)
	}
	targeted := false
	for _, t := range p.IncludeTargets {
		targeted = targeted || targetMatches(t, u)
	}
	for _, t := range p.ExcludeTargets {
		targeted = targeted && !targetMatches(t, u)
	}
	if !strings.EqualFold(p.State, "enabled") || !targeted {
		return 0, false, gerr(http.StatusBadRequest, CodeBadRequest, "%s", msgTAPPolicy)
	}
	minutes := p.DefaultLifetimeInMinutes
	if lifetime != nil {
		minutes = *lifetime
	}
	if minutes < p.MinimumLifetimeInMinutes || minutes > p.MaximumLifetimeInMinutes {
		return 0, false, gerr(http.StatusBadRequest, CodeBadRequest, "Invalid LifetimeInMinutes specified. The valid range between %d and %d.",
			p.MinimumLifetimeInMinutes, p.MaximumLifetimeInMinutes)
	}
	return minutes, once || p.IsUsableOnce, nil
}
