package emulator

import (
	"net/url"
	"strings"
	"testing"
)

func withDirectoryApps(c *Config) {
	withAccessApps(c)
	c.Apps = append(c.Apps,
		App{ClientID: "a0000000-0000-4000-8000-000000000010", SecretSHA256: HashSecret("basic"), AppRoles: []string{PermUserReadBasic}},
		App{ClientID: "a0000000-0000-4000-8000-000000000011", SecretSHA256: HashSecret("members"), AppRoles: []string{PermGroupMemberRead}})
}

func (e *env) tokenFor(clientID string) string {
	e.t.Helper()
	tok, err := e.s.Token(clientID, "")
	if err != nil {
		e.t.Fatal(err)
	}
	return tok
}

// TestDirectoryGroupsAndTransitiveMembersPaged: a group found by its name (a doubled '
// inside), its transitive users on every page with $select, nested groups' users
// included once, non-users left out by the cast.
func TestDirectoryGroupsAndTransitiveMembersPaged(t *testing.T) {
	e := startEnv(t, func(c *Config) {
		c.Groups = append(c.Groups, Group{ID: "2d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f7", DisplayName: "O'Brien's team",
			Members: []string{DemoRolloutGroupID}}) // nests the rollout group
	})
	r := e.call("GET", "/v1.0/groups?$filter="+url.QueryEscape("displayName eq 'O''Brien''s team'"), "", nil)
	if r.status != 200 || len(r.json["value"].([]any)) != 1 {
		t.Fatalf("groups by name: %d %s", r.status, r.raw)
	}
	path := "/v1.0/groups/2d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f7/transitiveMembers/microsoft.graph.user?$select=id,userPrincipalName,accountEnabled,userType"
	var upns []string
	pages := 0
	for path != "" && pages < 10 {
		r := e.call("GET", path, "", nil)
		if r.status != 200 {
			t.Fatalf("members page: %d %s", r.status, r.raw)
		}
		pages++
		for _, v := range r.json["value"].([]any) {
			u := v.(map[string]any)
			if u["@odata.type"] != "#microsoft.graph.user" || u["accountEnabled"] != true || u["userType"] == nil || u["displayName"] != nil {
				t.Errorf("member %v: not a user with exactly the selected properties", u)
			}
			upns = append(upns, u["userPrincipalName"].(string))
		}
		path = ""
		if next, ok := r.json["@odata.nextLink"].(string); ok {
			path = strings.TrimPrefix(next, e.s.URL())
		}
	}
	if pages < 2 || len(upns) != 4 {
		t.Errorf("%d pages, users %v; want every page (PageSize 2) and the 4 transitive users", pages, upns)
	}
	// Direct members of the rollout group: the nested group shows as a group.
	r = e.call("GET", "/v1.0/groups/"+DemoRolloutGroupID+"/members?$top=999", "", nil)
	next, _ := r.json["@odata.nextLink"].(string)
	r2 := e.call("GET", strings.TrimPrefix(next, e.s.URL()), "", nil)
	if !strings.Contains(string(r.raw)+string(r2.raw), "#microsoft.graph.group") || strings.Contains(string(r2.raw), "helpdesk@") {
		t.Errorf("direct members: want the nested group, not its users: %s %s", r.raw, r2.raw)
	}
}

// TestDirectoryUserDefaultAndSelected: without $select, Graph's defaults (no
// accountEnabled, no userType); with it, exactly those; User.ReadBasic.All never sees
// accountEnabled.
func TestDirectoryUserDefaultAndSelected(t *testing.T) {
	e := startEnv(t, withDirectoryApps)
	r := e.call("GET", "/v1.0/users/adele%40contoso.example", "", nil)
	if r.status != 200 || r.json["accountEnabled"] != nil || r.json["userType"] != nil || r.json["userPrincipalName"] != adele {
		t.Errorf("default properties: %s", r.raw)
	}
	r = e.call("GET", "/v1.0/users/adele%40contoso.example?$select=id,accountEnabled,userType", "", nil)
	if r.json["accountEnabled"] != true || r.json["userType"] != "Member" || r.json["displayName"] != nil {
		t.Errorf("selected properties: %s", r.raw)
	}
	r = e.call("GET", "/v1.0/users/adele%40contoso.example?$select=id,accountEnabled", e.tokenFor("a0000000-0000-4000-8000-000000000010"), nil)
	if r.status != 200 || r.json["accountEnabled"] != nil {
		t.Errorf("User.ReadBasic.All sees accountEnabled: %s", r.raw)
	}
}

// TestDirectoryPermissions: each call answers 403 naming the least permission it needs.
func TestDirectoryPermissions(t *testing.T) {
	e := startEnv(t, withDirectoryApps)
	passkeyOnly := e.tokenFor(readOnlyApp)
	membersRead := e.tokenFor("a0000000-0000-4000-8000-000000000011")
	for _, tt := range []struct{ method, path, token, want string }{
		{"GET", "/v1.0/groups?$filter=" + url.QueryEscape("displayName eq 'Passkey rollout'"), passkeyOnly, PermGroupMemberRead},
		{"GET", "/v1.0/groups/" + DemoRolloutGroupID + "/transitiveMembers/microsoft.graph.user", passkeyOnly, PermGroupMemberRead},
		{"GET", "/v1.0/users/adele%40contoso.example", passkeyOnly, PermUserReadBasic},
		{"DELETE", "/v1.0/groups/" + DemoRolloutGroupID + "/members/7c9e6679-7425-40de-944b-e07fc1f90ae7/$ref", membersRead, PermGroupMemberReadWrite},
		{"POST", "/v1.0/users/adele%40contoso.example/revokeSignInSessions", membersRead, PermRevokeSessions},
		{"POST", "/v1.0/users/adele%40contoso.example/authentication/temporaryAccessPassMethods", membersRead, PermTAPReadWrite},
	} {
		r := e.call(tt.method, tt.path, tt.token, nil)
		if r.status != 403 || !strings.Contains(r.errorMessage(), tt.want+" (least privileged)") {
			t.Errorf("%s %s: %d %s; want 403 naming %s", tt.method, tt.path, r.status, r.raw, tt.want)
		}
	}
}

// TestDirectoryWrites: removing a member, revoking sessions, a Temporary Access Pass
// shown once and never in the request log.
func TestDirectoryWrites(t *testing.T) {
	e := startEnv(t, nil)
	adeleID := "7c9e6679-7425-40de-944b-e07fc1f90ae7"
	if r := e.call("DELETE", "/v1.0/groups/"+DemoRolloutGroupID+"/members/"+adeleID+"/$ref", "", nil); r.status != 204 {
		t.Fatalf("remove member: %d %s", r.status, r.raw)
	}
	if r := e.call("DELETE", "/v1.0/groups/"+DemoRolloutGroupID+"/members/"+adeleID+"/$ref", "", nil); r.status != 404 {
		t.Errorf("removing again: %d, want 404", r.status)
	}
	r := e.call("GET", "/v1.0/groups/"+DemoRolloutGroupID+"/transitiveMembers/microsoft.graph.user?$select=userPrincipalName", "", nil)
	if strings.Contains(string(r.raw), adele) {
		t.Errorf("adele still a member: %s", r.raw)
	}
	if r := e.call("POST", "/v1.0/users/"+adeleID+"/revokeSignInSessions", "", nil); r.status != 200 || r.json["value"] != true {
		t.Errorf("revoke: %d %s", r.status, r.raw)
	}
	if n := e.s.SessionsRevoked(adeleID); n != 1 {
		t.Errorf("SessionsRevoked = %d", n)
	}
	r = e.call("POST", "/v1.0/users/adele%40contoso.example/authentication/temporaryAccessPassMethods", "", map[string]any{"lifetimeInMinutes": 60, "isUsableOnce": true})
	pass, _ := r.json["temporaryAccessPass"].(string)
	if r.status != 201 || pass == "" || r.json["isUsableOnce"] != true || r.json["lifetimeInMinutes"] != float64(60) {
		t.Fatalf("TAP: %d %s", r.status, r.raw)
	}
	for _, l := range e.s.Requests() {
		if strings.Contains(l.Path, pass) || strings.Contains(l.Fault, pass) {
			t.Errorf("the pass reached the request log: %+v", l)
		}
	}
	if r := e.call("POST", "/v1.0/users/adele%40contoso.example/authentication/temporaryAccessPassMethods", "", map[string]any{"lifetimeInMinutes": 5}); r.status != 400 {
		t.Errorf("a 5-minute pass: %d, want 400", r.status)
	}
}
