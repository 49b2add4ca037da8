package emulator

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The directory slice a rollout and a recovery need (entra-graph-facts.md, "Directory
// calls"): groups by name, direct and transitive members paged with $select, users with
// Graph's default-vs-selected properties, removing a member, revoking sessions, and a
// Temporary Access Pass; each refused with 403 naming the least permission it needs.
var (
	groupReadPerms   = []string{PermGroupMemberRead, PermGroupRead, PermDirectoryRead, PermGroupMemberReadWrite, PermGroupReadWrite, PermDirectoryReadWrite}
	userReadPerms    = []string{PermUserReadBasic, PermUserRead, PermDirectoryRead, PermUserReadWrite, PermDirectoryReadWrite}
	memberWritePerms = []string{PermGroupMemberReadWrite, PermGroupReadWrite, PermDirectoryReadWrite}
	revokePerms      = []string{PermRevokeSessions, PermUserReadWrite, PermDirectoryReadWrite}
	tapPerms         = []string{PermTAPReadWrite, PermMethodsReadWrite}
	tapReadPerms     = []string{PermTAPRead, PermTAPReadWrite, PermMethodsRead, PermMethodsReadWrite}
)

// userDefaults are the properties Graph returns for a user without $select: note that
// accountEnabled and userType are not among them.
var userDefaults = []string{"businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
	"officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"}

// routeDirectory maps the directory paths; ok is false when seg is none of them.
func (s *Server) routeDirectory(c *call, seg []string) (*call, handler, bool) {
	is := func(i int, lit string) bool { return len(seg) > i && strings.EqualFold(seg[i], lit) }
	switch {
	case len(seg) == 1 && is(0, "groups"):
		c, h := c.with(RouteGroups, http.MethodGet, (*Server).handleGroups)
		return c, h, true
	case len(seg) == 2 && is(0, "groups"):
		c.item = seg[1]
		c, h := c.with(RouteGroup, http.MethodGet, (*Server).handleGroup)
		return c, h, true
	case len(seg) >= 3 && len(seg) <= 4 && is(0, "groups") && (is(2, "members") || is(2, "transitiveMembers")) &&
		(len(seg) == 3 || is(3, "microsoft.graph.user")) && c.r.Method == http.MethodGet:
		c.item, c.user = seg[1], strings.ToLower(seg[2])
		if len(seg) == 4 {
			c.user += "/user"
		}
		c, h := c.with(RouteGroupMembers, http.MethodGet, (*Server).handleGroupMembers)
		return c, h, true
	case len(seg) == 5 && is(0, "groups") && is(2, "members") && is(4, "$ref"):
		c.item, c.user = seg[1], seg[3]
		c, h := c.with(RouteRemoveMember, http.MethodDelete, (*Server).handleRemoveMember)
		return c, h, true
	case len(seg) == 2 && is(0, "users"):
		c.user = seg[1]
		c, h := c.with(RouteUser, http.MethodGet, (*Server).handleUser)
		return c, h, true
	case len(seg) == 3 && is(0, "users") && is(2, "revokeSignInSessions"):
		c.user = seg[1]
		c, h := c.with(RouteRevokeSessions, http.MethodPost, (*Server).handleRevokeSessions)
		return c, h, true
	case len(seg) == 4 && is(0, "users") && is(2, "authentication") && is(3, "temporaryAccessPassMethods"):
		c.user = seg[1]
		if c.r.Method == http.MethodGet {
			c, h := c.with(RouteTAPList, http.MethodGet, (*Server).handleTAPList)
			return c, h, true
		}
		c, h := c.with(RouteTAP, http.MethodPost, (*Server).handleTAP)
		return c, h, true
	case len(seg) == 5 && is(0, "users") && is(2, "authentication") && is(3, "temporaryAccessPassMethods"):
		c.user, c.item = seg[1], seg[4]
		if c.r.Method == http.MethodDelete {
			c, h := c.with(RouteTAPDelete, http.MethodDelete, (*Server).handleTAPDelete)
			return c, h, true
		}
		c, h := c.with(RouteTAPGet, http.MethodGet, (*Server).handleTAPGet)
		return c, h, true
	}
	return c, nil, false
}

// authorized authenticates the caller and checks one of perms.
func (s *Server) authorized(c *call, perms []string) (*principal, bool) {
	p, ok := s.authenticate(c)
	if !ok {
		return nil, false
	}
	if e := missingPermission(p, perms); e != nil {
		s.writeGraphError(c.w, e)
		return nil, false
	}
	return p, true
}

// handleGroups answers $filter=displayName eq 'Name' (a doubled ' inside the name).
func (s *Server) handleGroups(c *call) {
	if _, ok := s.authorized(c, groupReadPerms); !ok {
		return
	}
	filter := c.r.URL.Query().Get("$filter")
	name, ok := strings.CutPrefix(filter, "displayName eq '")
	if filter != "" && (!ok || !strings.HasSuffix(name, "'")) {
		s.writeGraphError(c.w, gerr(http.StatusBadRequest, CodeODataBadRequest, "Invalid filter clause: %s", filter))
		return
	}
	name = strings.ReplaceAll(strings.TrimSuffix(name, "'"), "''", "'")
	s.mu.Lock()
	var value []map[string]any
	for _, g := range s.cfg.Groups {
		if filter == "" || strings.EqualFold(g.DisplayName, name) {
			value = append(value, map[string]any{"id": g.ID, "displayName": g.DisplayName, "securityEnabled": true})
		}
	}
	s.mu.Unlock()
	if value == nil {
		value = []map[string]any{}
	}
	writeGraphJSON(c.w, http.StatusOK, map[string]any{"@odata.context": s.url + "/" + c.version + "/$metadata#groups", "value": value})
}

// handleGroup answers one group by id.
func (s *Server) handleGroup(c *call) {
	if _, ok := s.authorized(c, groupReadPerms); !ok {
		return
	}
	s.mu.Lock()
	g := s.group(c.item)
	var body map[string]any
	if g != nil {
		body = map[string]any{"@odata.context": s.url + "/" + c.version + "/$metadata#groups/$entity",
			"id": g.ID, "displayName": g.DisplayName, "securityEnabled": true}
	}
	s.mu.Unlock()
	if g == nil {
		s.writeGraphError(c.w, gerr(http.StatusNotFound, CodeResourceNotFound,
			"Resource '%s' does not exist or one of its queried reference-property objects are not present.", c.item))
		return
	}
	writeGraphJSON(c.w, http.StatusOK, body)
}

// handleGroupMembers lists members or transitiveMembers, optionally cast to users only,
// paged ($top up to 999, default 100, capped at PageSize) with $select.
func (s *Server) handleGroupMembers(c *call) {
	p, ok := s.authorized(c, groupReadPerms)
	if !ok {
		return
	}
	transitive := strings.HasPrefix(c.user, "transitivemembers")
	usersOnly := strings.HasSuffix(c.user, "/user")
	s.mu.Lock()
	g := s.group(c.item)
	var members []string
	if g != nil {
		members = s.members(g, transitive)
	}
	s.mu.Unlock()
	if g == nil {
		s.writeGraphError(c.w, gerr(http.StatusNotFound, CodeResourceNotFound,
			"Resource '%s' does not exist or one of its queried reference-property objects are not present.", c.item))
		return
	}
	q := c.r.URL.Query()
	top, offset, e := s.paging(q)
	if e != nil {
		s.writeGraphError(c.w, e)
		return
	}
	selected := selectList(q.Get("$select"))
	s.mu.Lock()
	var objects []map[string]any
	for _, id := range members {
		if u := s.dir.byID[id]; u != nil {
			objects = append(objects, s.userJSON(u, selected, p, true))
		} else if ng := s.group(id); ng != nil && !usersOnly {
			objects = append(objects, map[string]any{"@odata.type": "#microsoft.graph.group", "id": ng.ID, "displayName": ng.DisplayName})
		}
	}
	s.mu.Unlock()
	page := []map[string]any{}
	for i := offset; i < len(objects) && i < offset+top; i++ {
		page = append(page, objects[i])
	}
	resp := map[string]any{"@odata.context": s.url + "/" + c.version + "/$metadata#directoryObjects", "value": page}
	if offset+top < len(objects) {
		v := url.Values{}
		for k, vs := range q {
			if k != "$skiptoken" {
				v[k] = vs
			}
		}
		v.Set("$top", strconv.Itoa(top))
		v.Set("$skiptoken", base64.RawURLEncoding.EncodeToString([]byte("g1:"+strconv.Itoa(offset+top))))
		resp["@odata.nextLink"] = s.url + c.r.URL.EscapedPath() + "?" + v.Encode()
	}
	writeGraphJSON(c.w, http.StatusOK, resp)
}

// paging reads $top (1 to 999; Graph's default 100, capped at PageSize) and $skiptoken.
func (s *Server) paging(q url.Values) (top, offset int, e *graphError) {
	top = min(100, s.cfg.PageSize)
	if v := q.Get("$top"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 999 {
			return 0, 0, gerr(http.StatusBadRequest, CodeODataBadRequest, "Invalid value '%s' for $top.", v)
		}
		top = min(n, s.cfg.PageSize)
	}
	if v := q.Get("$skiptoken"); v != "" {
		raw, err := base64.RawURLEncoding.DecodeString(v)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(raw), "g1:"))
		if err != nil || err2 != nil || !strings.HasPrefix(string(raw), "g1:") || n < 0 {
			return 0, 0, gerr(http.StatusBadRequest, CodeODataBadRequest, "Invalid $skiptoken.")
		}
		offset = n
	}
	return top, offset, nil
}

// group finds a group by id; the caller holds s.mu.
func (s *Server) group(id string) *Group {
	for i := range s.cfg.Groups {
		if strings.EqualFold(s.cfg.Groups[i].ID, id) {
			return &s.cfg.Groups[i]
		}
	}
	return nil
}

// members lists g's member ids, in order, nested groups' members after them when
// transitive (each once, cycles ended); users who list g in their own Groups count.
func (s *Server) members(g *Group, transitive bool) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(g *Group)
	walk = func(g *Group) {
		ids := append([]string{}, g.Members...)
		for _, u := range s.dir.users {
			for _, gid := range u.Groups {
				if strings.EqualFold(gid, g.ID) {
					ids = append(ids, u.ID)
				}
			}
		}
		var nested []*Group
		for _, id := range ids {
			id = strings.ToLower(id)
			if seen[id] {
				continue
			}
			seen[id] = true
			out = append(out, id)
			if ng := s.group(id); ng != nil {
				nested = append(nested, ng)
			}
		}
		if transitive {
			for _, ng := range nested {
				walk(ng)
			}
		}
	}
	seen[strings.ToLower(g.ID)] = true
	walk(g)
	return out
}

func selectList(v string) []string {
	if v == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// userJSON is a user as Graph shows it: the default properties without $select, the
// selected ones with it; User.ReadBasic.All never sees accountEnabled.
func (s *Server) userJSON(u *User, selected []string, p *principal, member bool) map[string]any {
	all := map[string]any{"id": u.ID, "userPrincipalName": u.UserPrincipalName, "displayName": u.DisplayName,
		"accountEnabled": u.Enabled(), "userType": firstNonEmpty(u.UserType, "Member"), "mail": nil, "givenName": nil,
		"surname": nil, "jobTitle": nil, "mobilePhone": nil, "officeLocation": nil, "preferredLanguage": nil, "businessPhones": []string{}}
	props := selected
	if props == nil {
		props = userDefaults
	}
	out := map[string]any{}
	if member {
		out["@odata.type"] = "#microsoft.graph.user"
	}
	basicOnly := !p.has(PermUserRead, PermDirectoryRead, PermUserReadWrite, PermDirectoryReadWrite, PermGroupMemberRead,
		PermGroupRead, PermGroupMemberReadWrite, PermGroupReadWrite)
	for _, k := range props {
		if v, ok := all[k]; ok && !(basicOnly && k == "accountEnabled") {
			out[k] = v
		}
	}
	return out
}

// handleUser answers GET /users/{id or UPN} with $select.
func (s *Server) handleUser(c *call) {
	p, ok := s.authorized(c, userReadPerms)
	if !ok {
		return
	}
	s.mu.Lock()
	u := s.dir.user(c.user)
	var doc map[string]any
	if u != nil {
		doc = s.userJSON(u, selectList(c.r.URL.Query().Get("$select")), p, false)
		doc["@odata.context"] = s.url + "/" + c.version + "/$metadata#users/$entity"
	}
	s.mu.Unlock()
	if u == nil {
		s.writeGraphError(c.w, gerr(http.StatusNotFound, CodeResourceNotFound,
			"Resource '%s' does not exist or one of its queried reference-property objects are not present.", c.user))
		return
	}
	writeGraphJSON(c.w, http.StatusOK, doc)
}

// handleRemoveMember removes a direct member from a group (204).
func (s *Server) handleRemoveMember(c *call) {
	if _, ok := s.authorized(c, memberWritePerms); !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.group(c.item)
	if g == nil {
		s.writeGraphError(c.w, gerr(http.StatusNotFound, CodeResourceNotFound, "Resource '%s' does not exist.", c.item))
		return
	}
	for i, id := range g.Members {
		if strings.EqualFold(id, c.user) {
			g.Members = append(g.Members[:i:i], g.Members[i+1:]...)
			c.w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	for _, u := range s.dir.users {
		if strings.EqualFold(u.ID, c.user) {
			for i, gid := range u.Groups {
				if strings.EqualFold(gid, g.ID) {
					u.Groups = append(u.Groups[:i:i], u.Groups[i+1:]...)
					c.w.WriteHeader(http.StatusNoContent)
					return
				}
			}
		}
	}
	s.writeGraphError(c.w, gerr(http.StatusNotFound, CodeResourceNotFound,
		"Resource '%s' does not exist or one of its queried reference-property objects are not present.", c.user))
}
