package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The recovery calls: revoking a user's sign-in sessions and Temporary Access Passes,
// with the state a test inspects (when sessions were revoked, which passes were issued
// and which one is active). The emulator keeps a pass's SHA-256, never the pass.

// IssuedTAP is a Temporary Access Pass the emulator issued, as a test sees it.
type IssuedTAP struct {
	ID     string
	UserID string
	// PassSHA256 is the hex SHA-256 of the pass (see HashSecret): a test compares what
	// its sink received without the emulator holding the pass.
	PassSHA256        string
	CreatedDateTime   time.Time
	StartDateTime     time.Time
	LifetimeInMinutes int
	IsUsableOnce      bool
	// Active is true until a newer pass replaces it or it is deleted; Ended says which
	// ("replaced" or "deleted") and EndedDateTime when.
	Active        bool
	Ended         string
	EndedDateTime time.Time
}

// SessionRevocations returns when a user's (id or UPN) sign-in sessions were revoked,
// oldest first.
func (s *Server) SessionRevocations(user string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.dir.user(user); u != nil {
		return append([]time.Time(nil), s.revoked[u.ID]...)
	}
	return nil
}

// SessionsRevoked reports how often a user's sign-in sessions were revoked.
func (s *Server) SessionsRevoked(user string) int { return len(s.SessionRevocations(user)) }

// TemporaryAccessPasses returns every pass issued to a user (id or UPN), oldest
// first; at most the last one is Active.
func (s *Server) TemporaryAccessPasses(user string) []IssuedTAP {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.dir.user(user)
	if u == nil {
		return nil
	}
	var out []IssuedTAP
	for _, t := range s.taps[u.ID] {
		out = append(out, *t)
	}
	return out
}

// handleRevokeSessions records a revocation and answers {"value": true}.
func (s *Server) handleRevokeSessions(c *call) {
	if _, ok := s.authorized(c, revokePerms); !ok {
		return
	}
	s.mu.Lock()
	u := s.dir.user(c.user)
	if u != nil {
		s.revoked[u.ID] = append(s.revoked[u.ID], s.now().UTC())
	}
	s.mu.Unlock()
	if u == nil {
		s.writeGraphError(c.w, gerr(http.StatusNotFound, CodeResourceNotFound, "Resource '%s' does not exist.", c.user))
		return
	}
	if s.faults.takeReset(RouteRevokeSessions) {
		c.fault = "reset"
		resetConnection(c.w)
		return
	}
	writeGraphJSON(c.w, http.StatusOK, map[string]any{"@odata.context": s.url + "/" + c.version + "/$metadata#Edm.Boolean", "value": true})
}

// tapUser authenticates a pass request and resolves its user: 403 naming the
// permission, 404 for an unknown user, 403 for a delegated caller without an admin
// role acting on someone else.
func (s *Server) tapUser(c *call, perms []string) (*User, bool) {
	p, ok := s.authorized(c, perms)
	if !ok {
		return nil, false
	}
	s.mu.Lock()
	u := s.dir.user(c.user)
	s.mu.Unlock()
	if u == nil {
		s.writeGraphError(c.w, gerr(http.StatusNotFound, CodeResourceNotFound, "Resource '%s' does not exist.", c.user))
		return nil, false
	}
	if p.user != nil && p.user.ID != u.ID && !hasAdminRole(p.user) {
		s.writeGraphError(c.w, gerr(http.StatusForbidden, CodeAccessDenied,
			"Request Authorization failed: the signed-in user needs the Authentication Administrator or "+
				"Privileged Authentication Administrator role to manage another user's authentication methods."))
		return nil, false
	}
	return u, true
}

// handleTAP issues a Temporary Access Pass (201, the pass in this answer only). A user
// has at most one: a new pass replaces the one before, as Graph documents.
func (s *Server) handleTAP(c *call) {
	u, ok := s.tapUser(c, tapPerms)
	if !ok {
		return
	}
	var req struct {
		LifetimeInMinutes *int  `json:"lifetimeInMinutes"`
		IsUsableOnce      *bool `json:"isUsableOnce"`
	}
	raw, err := io.ReadAll(http.MaxBytesReader(c.w, c.r.Body, 64<<10))
	if err == nil && len(bytes.TrimSpace(raw)) > 0 {
		err = json.Unmarshal(raw, &req)
	}
	if err != nil {
		s.writeGraphError(c.w, gerr(http.StatusBadRequest, CodeODataBadRequest, "The request body is not valid JSON."))
		return
	}
	if l := req.LifetimeInMinutes; l != nil && (*l < 10 || *l > 43200) {
		s.writeGraphError(c.w, gerr(http.StatusBadRequest, CodeBadRequest, "lifetimeInMinutes must be between 10 and 43200."))
		return
	}
	lifetime, once, e := s.tapAllowed(u, req.LifetimeInMinutes, req.IsUsableOnce != nil && *req.IsUsableOnce)
	if e != nil {
		s.writeGraphError(c.w, e)
		return
	}
	pass, err := s.newPass(s.tapPolicy().DefaultLength)
	if err != nil {
		s.writeGraphError(c.w, gerr(http.StatusInternalServerError, "generalException", "Generating the pass failed."))
		return
	}
	now := s.now().UTC().Truncate(time.Second)
	t := &IssuedTAP{ID: uuid.NewString(), UserID: u.ID, PassSHA256: HashSecret(pass), CreatedDateTime: now,
		StartDateTime: now, LifetimeInMinutes: lifetime, IsUsableOnce: once, Active: true}
	s.mu.Lock()
	for _, old := range s.taps[u.ID] {
		if old.Active {
			old.Active, old.Ended, old.EndedDateTime = false, "replaced", now
		}
	}
	s.taps[u.ID] = append(s.taps[u.ID], t)
	body := s.tapJSON(c, u, t)
	s.mu.Unlock()
	if s.faults.takeReset(RouteTAP) {
		c.fault = "reset"
		resetConnection(c.w)
		return
	}
	body["@odata.context"] = s.url + "/" + c.version + "/$metadata#users('" + u.ID + "')/authentication/temporaryAccessPassMethods/$entity"
	body["temporaryAccessPass"] = pass
	writeGraphJSON(c.w, http.StatusCreated, body)
}

// handleTAPList lists the user's active pass, if any, with the pass itself null.
func (s *Server) handleTAPList(c *call) {
	u, ok := s.tapUser(c, tapReadPerms)
	if !ok {
		return
	}
	s.mu.Lock()
	value := []map[string]any{}
	for _, t := range s.taps[u.ID] {
		if t.Active {
			value = append(value, s.tapJSON(c, u, t))
		}
	}
	s.mu.Unlock()
	writeGraphJSON(c.w, http.StatusOK, map[string]any{
		"@odata.context": s.url + "/" + c.version + "/$metadata#users('" + u.ID + "')/authentication/temporaryAccessPassMethods",
		"value":          value})
}

// handleTAPGet answers one active pass by id, the pass itself null.
func (s *Server) handleTAPGet(c *call) {
	u, ok := s.tapUser(c, tapReadPerms)
	if !ok {
		return
	}
	s.mu.Lock()
	t := s.activeTAP(u.ID, c.item)
	var body map[string]any
	if t != nil {
		body = s.tapJSON(c, u, t)
	}
	s.mu.Unlock()
	if t == nil {
		s.writeGraphError(c.w, tapNotFound(c.item))
		return
	}
	writeGraphJSON(c.w, http.StatusOK, body)
}

// handleTAPDelete deletes the user's active pass (204).
func (s *Server) handleTAPDelete(c *call) {
	u, ok := s.tapUser(c, tapPerms)
	if !ok {
		return
	}
	s.mu.Lock()
	t := s.activeTAP(u.ID, c.item)
	if t != nil {
		t.Active, t.Ended, t.EndedDateTime = false, "deleted", s.now().UTC()
	}
	s.mu.Unlock()
	if t == nil {
		s.writeGraphError(c.w, tapNotFound(c.item))
		return
	}
	if s.faults.takeReset(RouteTAPDelete) {
		c.fault = "reset"
		resetConnection(c.w)
		return
	}
	c.w.WriteHeader(http.StatusNoContent)
}

// activeTAP finds a user's active pass by id; the caller holds s.mu.
func (s *Server) activeTAP(userID, id string) *IssuedTAP {
	for _, t := range s.taps[userID] {
		if t.Active && strings.EqualFold(t.ID, id) {
			return t
		}
	}
	return nil
}

func tapNotFound(id string) *graphError {
	return gerr(http.StatusNotFound, CodeItemNotFound, "The temporaryAccessPassAuthenticationMethod '%s' was not found.", id)
}

// tapJSON is temporaryAccessPassAuthenticationMethod as Graph shows it after creation:
// the pass null. The caller holds s.mu.
func (s *Server) tapJSON(c *call, u *User, t *IssuedTAP) map[string]any {
	usable, reason := true, "EnabledByPolicy"
	now := s.now()
	switch {
	case now.Before(t.StartDateTime):
		usable, reason = false, "NotYetValid"
	case !now.Before(t.StartDateTime.Add(time.Duration(t.LifetimeInMinutes) * time.Minute)):
		usable, reason = false, "Expired"
	}
	return map[string]any{
		"id":                    t.ID,
		"temporaryAccessPass":   nil,
		"createdDateTime":       t.CreatedDateTime.Format(time.RFC3339),
		"startDateTime":         t.StartDateTime.Format(time.RFC3339),
		"lifetimeInMinutes":     t.LifetimeInMinutes,
		"isUsableOnce":          t.IsUsableOnce,
		"isUsable":              usable,
		"methodUsabilityReason": reason,
	}
}

// passAlphabet is the characters a pass is made of: letters, digits and a few marks,
// without look-alikes (0/O, 1/l/I) that a user types wrong from a note.
const passAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%&*+="

// newPass draws a pass of n characters from the emulator's random source, unbiased.
func (s *Server) newPass(n int) (string, error) {
	out := make([]byte, 0, n)
	buf := make([]byte, 1)
	limit := 256 - 256%len(passAlphabet)
	for len(out) < n {
		if _, err := io.ReadFull(s.rand, buf); err != nil {
			return "", err
		}
		if int(buf[0]) < limit {
			out = append(out, passAlphabet[int(buf[0])%len(passAlphabet)])
		}
	}
	return string(out), nil
}
