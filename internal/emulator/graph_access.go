package emulator

import (
	"net/http"
	"strings"
)

// Permission sets, least privileged first, as the 403 messages name them.
var (
	writePerms  = []string{PermPasskeyReadWrite, PermMethodsReadWrite}
	readPerms   = []string{PermPasskeyRead, PermMethodsRead, PermPasskeyReadWrite, PermMethodsReadWrite}
	policyPerms = []string{PermPolicyRead, PermPolicyReadWrite}
)

// targetUser authenticates the caller and resolves the user segment, refusing as
// Graph does: 401 for the token, 403 naming the missing permission or role, 404 for
// an unknown user.
func (s *Server) targetUser(c *call, write bool) (*principal, *User, bool) {
	p, ok := s.authenticate(c)
	if !ok {
		return nil, nil, false
	}
	perms := readPerms
	if write {
		perms = writePerms
	}
	if e := missingPermission(p, perms); e != nil {
		s.writeGraphError(c.w, e)
		return nil, nil, false
	}
	var u *User
	if c.user == "me" {
		if p.user == nil {
			s.writeGraphError(c.w, gerr(http.StatusBadRequest, CodeODataBadRequest, "/me request is only valid with delegated authentication flow."))
			return nil, nil, false
		}
		u = p.user
	} else {
		s.mu.Lock()
		u = s.dir.user(c.user)
		s.mu.Unlock()
	}
	if u == nil {
		s.writeGraphError(c.w, gerr(http.StatusNotFound, CodeResourceNotFound,
			"Resource '%s' does not exist or one of its queried reference-property objects are not present.", c.user))
		return nil, nil, false
	}
	if p.user != nil && p.user.ID != u.ID && !hasAdminRole(p.user) {
		s.writeGraphError(c.w, gerr(http.StatusForbidden, CodeAccessDenied,
			"Request Authorization failed: the signed-in user needs the Authentication Administrator or "+
				"Privileged Authentication Administrator role to manage another user's authentication methods."))
		return nil, nil, false
	}
	return p, u, true
}

// missingPermission names what the token lacks, in the caller's terms (application
// permission or delegated scope).
func missingPermission(p *principal, perms []string) *graphError {
	if p.has(perms...) {
		return nil
	}
	kind := "application permission (app role)"
	if p.user != nil {
		kind = "delegated permission (scope)"
	}
	want := perms[0] + " (least privileged)"
	if len(perms) > 1 {
		want += " or " + strings.Join(perms[1:], " or ")
	}
	return gerr(http.StatusForbidden, CodeAccessDenied,
		"Request Authorization failed: the token lacks the required %s %s.", kind, want)
}

func hasAdminRole(u *User) bool {
	for _, r := range u.DirectoryRoles {
		if containsFold(AdminRoles, r) {
			return true
		}
	}
	return false
}
