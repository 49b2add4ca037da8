package recovery

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// RPID is the relying party whose credentials on the key are Entra's.
const RPID = "login.microsoft.com"

// Graph is what a recovery needs of Microsoft Graph; *graph.Client is one.
type Graph interface {
	Methods(ctx context.Context, user string) ([]graph.Method, error)
	DeleteMethod(ctx context.Context, user, id string) error
	RevokeSignInSessions(ctx context.Context, user string) error
	CreateTemporaryAccessPass(ctx context.Context, user string, lifetime time.Duration, usableOnce bool) (*graph.TemporaryAccessPass, error)
	DeleteAccessPass(ctx context.Context, user, id string) error
}

// PlannedMethod is one of the user's FIDO2 methods as the plan sees it.
type PlannedMethod struct {
	ID              string     `json:"id"`
	DisplayName     string     `json:"displayName"`
	CreatedDateTime *time.Time `json:"createdDateTime"`
	AAGUID          string     `json:"aaGuid"`
	Model           string     `json:"model"`
	// OnKey says whether the key in hand holds the method's credential; nil when no
	// key's credentials were given.
	OnKey *bool `json:"onKey"`
	// Lost marks the methods the admin named to delete.
	Lost bool `json:"lost"`
}

// Plan is what a recovery will start from: the user's methods, which of them the key
// in hand holds, and which are to be deleted.
type Plan struct {
	User string `json:"user"`
	// KeyChecked says the key's credentials were compared (OnKey is set on each method).
	KeyChecked bool            `json:"keyChecked"`
	Methods    []PlannedMethod `json:"methods"`
	// Lost are the ids to delete, in the order given, each once.
	Lost []string `json:"lost"`
}

// NewPlan lists user's FIDO2 methods and marks the ones the key holds (onKey: the
// key's credentials, only those for login.microsoft.com count; nil when no key is
// given) and the lost ones. A lost id the user does not have (lost_method_not_found)
// or whose credential is on the key in hand (lost_method_on_key) is refused here,
// before anything changes.
func NewPlan(ctx context.Context, g Graph, user string, onKey []fido.StoredCredential, lost []string) (*Plan, error) {
	if err := graph.CheckUser(user); err != nil {
		return nil, err
	}
	methods, err := g.Methods(ctx, user)
	if err != nil {
		return nil, err
	}
	p := &Plan{User: user, KeyChecked: onKey != nil, Methods: []PlannedMethod{}, Lost: []string{}}
	for _, m := range methods {
		pm := PlannedMethod{ID: m.ID, DisplayName: m.DisplayName, AAGUID: m.AAGUID, Model: m.Model}
		if !m.CreatedDateTime.IsZero() {
			c := m.CreatedDateTime.UTC()
			pm.CreatedDateTime = &c
		}
		if onKey != nil {
			held := heldBy(m.ID, onKey)
			pm.OnKey = &held
		}
		p.Methods = append(p.Methods, pm)
	}
	for _, id := range lost {
		if slices.Contains(p.Lost, id) {
			continue
		}
		m := p.method(id)
		switch {
		case m == nil:
			return nil, &Error{Code: "lost_method_not_found", Message: fmt.Sprintf("%s has no FIDO2 method with id %q", user, id),
				Hint: "list the user's methods (entra-passkey methods list USER) and give --lost one of their ids"}
		case m.OnKey != nil && *m.OnKey:
			return nil, &Error{Code: "lost_method_on_key", Message: fmt.Sprintf("the key in hand holds the credential of method %q (%s): it is not lost", id, m.DisplayName),
				Hint: "leave that method out of --lost, or delete it on purpose with entra-passkey methods delete"}
		}
		m.Lost = true
		p.Lost = append(p.Lost, id)
	}
	return p, nil
}

// OnKey lists the methods the key in hand holds.
func (p *Plan) OnKey() []PlannedMethod {
	var out []PlannedMethod
	for _, m := range p.Methods {
		if m.OnKey != nil && *m.OnKey {
			out = append(out, m)
		}
	}
	return out
}

// Question says in one line what Run will do with o, for a confirmation prompt.
func (p *Plan) Question(o Options) string {
	var parts []string
	if o.Register != nil {
		parts = append(parts, "register the key in hand")
	}
	if len(p.Lost) > 0 {
		names := make([]string, 0, len(p.Lost))
		for _, id := range p.Lost {
			names = append(names, fmt.Sprintf("%q", p.method(id).DisplayName))
		}
		parts = append(parts, fmt.Sprintf("delete %d FIDO2 method(s) (%s)", len(p.Lost), strings.Join(names, ", ")))
	}
	if o.RevokeSessions {
		parts = append(parts, "revoke every sign-in session")
	}
	if o.AccessPass != nil {
		parts = append(parts, "issue a Temporary Access Pass")
	}
	if len(parts) == 0 {
		return fmt.Sprintf("Recover %s: nothing to do. Go on?", p.User)
	}
	return fmt.Sprintf("Recover %s: %s. Go on?", p.User, strings.Join(parts, ", then "))
}

func (p *Plan) method(id string) *PlannedMethod {
	for i := range p.Methods {
		if p.Methods[i].ID == id {
			return &p.Methods[i]
		}
	}
	return nil
}

// heldBy reports whether one of the key's Entra credentials is the method.
func heldBy(methodID string, creds []fido.StoredCredential) bool {
	for _, c := range creds {
		if (c.RPID == "" || strings.EqualFold(c.RPID, RPID)) && graph.SameCredential(methodID, c.CredentialID) {
			return true
		}
	}
	return false
}
