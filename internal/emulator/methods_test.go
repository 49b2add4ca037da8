package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func seededMethods(n int) func(*Config) {
	return func(c *Config) {
		for i := 0; i < n; i++ {
			c.Methods = append(c.Methods, Method{UserID: adele, CredentialID: []byte{byte(i), 1, 2, 3, 4},
				DisplayName: "Key " + string(rune('A'+i)), AAGUID: "cb69481e-8ff7-4039-93ec-0a2729a154a8"})
		}
	}
}

func TestListFollowsNextLink(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5} {
		e := startEnv(t, seededMethods(n))
		var names []string
		pages := 0
		path := adeleMethods
		for path != "" {
			r := e.call("GET", path, "", nil)
			if r.status != http.StatusOK {
				t.Fatalf("n=%d page %d: %d %s", n, pages, r.status, r.raw)
			}
			pages++
			for _, v := range r.json["value"].([]any) {
				m := v.(map[string]any)
				names = append(names, m["displayName"].(string))
				if m["model"] != "YubiKey 5 Series" {
					t.Errorf("model = %v", m["model"])
				}
			}
			path = ""
			if next, ok := r.json["@odata.nextLink"].(string); ok {
				path = strings.TrimPrefix(next, e.s.URL())
			}
		}
		wantPages := max(1, (n+1)/2)
		if len(names) != n || pages != wantPages {
			t.Errorf("n=%d: got %d methods in %d pages, want %d pages", n, len(names), pages, wantPages)
		}
		if n == 5 && strings.Join(names, ",") != "Key A,Key B,Key C,Key D,Key E" {
			t.Errorf("order = %v", names)
		}
	}
}

func TestGetAndDelete(t *testing.T) {
	e := startEnv(t, seededMethods(2))
	id := e.s.Methods(adele)[1].ID
	tests := []struct {
		method, path string
		wantStatus   int
		wantCode     string
	}{
		{"GET", adeleMethods + "/" + id, 200, ""},
		{"GET", adeleMethods + "/nope0", 404, "itemNotFound"},
		{"DELETE", adeleMethods + "/" + id, 204, ""},
		{"GET", adeleMethods + "/" + id, 404, "itemNotFound"},
		{"DELETE", adeleMethods + "/" + id, 404, "itemNotFound"},
		{"PATCH", adeleMethods + "/" + id, 405, "methodNotAllowed"},
	}
	for _, tc := range tests {
		r := e.call(tc.method, tc.path, "", nil)
		if r.status != tc.wantStatus || r.errorCode() != tc.wantCode {
			t.Fatalf("%s %s: got %d %q, want %d %q", tc.method, tc.path, r.status, r.errorCode(), tc.wantStatus, tc.wantCode)
		}
		if tc.wantStatus == 200 && (r.json["id"] != id || r.json["displayName"] != "Key B" || r.json["model"] != "YubiKey 5 Series") {
			t.Errorf("GET body = %v", r.json)
		}
	}
	if ms := e.s.Methods(adele); len(ms) != 1 || ms[0].DisplayName != "Key A" {
		t.Errorf("after delete, Methods = %+v", ms)
	}
}

func TestPolicy(t *testing.T) {
	e := startEnv(t, func(c *Config) {
		c.Policy.PasskeyProfiles = []PasskeyProfile{{ID: "00000000-0000-0000-0000-000000000001", Name: "Default passkey profile",
			PasskeyTypes: "deviceBound,synced", AttestationEnforcement: "disabled", KeyRestrictions: KeyRestrictions{EnforcementType: "allow", AAGUIDs: []string{}}}}
	})
	for _, ver := range []string{"v1.0", "beta"} {
		r := e.call("GET", "/"+ver+"/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2", "", nil)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", ver, r.status, r.raw)
		}
		if r.json["@odata.type"] != "#microsoft.graph.fido2AuthenticationMethodConfiguration" || r.json["state"] != "enabled" ||
			r.json["isSelfServiceRegistrationAllowed"] != true {
			t.Errorf("%s policy = %v", ver, r.json)
		}
		profiles, _ := r.json["passkeyProfiles"].([]any)
		targets, _ := r.json["includeTargets"].([]any)
		if len(profiles) != 1 || profiles[0].(map[string]any)["passkeyTypes"] != "deviceBound,synced" ||
			len(targets) != 1 || targets[0].(map[string]any)["id"] != "all_users" {
			t.Errorf("%s profiles %v targets %v", ver, profiles, targets)
		}
	}
}
