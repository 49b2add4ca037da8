package emulator

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const (
	noPermsApp   = "a0000000-0000-4000-8000-000000000001"
	readOnlyApp  = "a0000000-0000-4000-8000-000000000002"
	userReadApp  = "a0000000-0000-4000-8000-000000000003"
	optionsAdele = "/v1.0/users/adele%40contoso.example/authentication/fido2Methods/creationOptions"
	policyPath   = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2"
)

func withAccessApps(c *Config) {
	c.Apps = append(c.Apps,
		App{ClientID: noPermsApp, SecretSHA256: HashSecret("s1"), AppRoles: []string{"User.Read.All"}},
		App{ClientID: readOnlyApp, SecretSHA256: HashSecret("s2"), AppRoles: []string{PermPasskeyRead}},
		App{ClientID: userReadApp, PublicClient: true, Scopes: []string{"User.Read"}, SignedInUser: DemoAdminUPN})
}

// foreignToken is a well-formed token with the emulator's kid, signed by another key.
func foreignToken(t *testing.T, s *Server) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 1024) // small is enough to be wrong
	if err != nil {
		t.Fatal(err)
	}
	h, _ := json.Marshal(map[string]string{"typ": "JWT", "alg": "RS256", "kid": s.tokenKID})
	p, _ := json.Marshal(accessClaims{Aud: graphResource, Tid: s.Tenant(), Exp: time.Now().Add(time.Hour).Unix(),
		IDTyp: "app", AppID: DemoClientID, Roles: []string{PermPasskeyReadWrite}})
	in := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p)
	sum := sha256.Sum256([]byte(in))
	sig, _ := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	return in + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestUnauthenticated(t *testing.T) {
	e := startEnv(t, nil)
	resp, err := e.http.PostForm(e.s.Authority()+"/oauth2/v2.0/token", url.Values{"grant_type": {"client_credentials"},
		"client_id": {DemoClientID}, "client_secret": {DemoClientSecret}, "scope": {"https://management.azure.com/.default"}})
	if err != nil {
		t.Fatal(err)
	}
	var armTok struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&armTok)
	resp.Body.Close()
	expired := e.appToken()
	tests := []struct {
		name, token, wantMsg string
		before               func()
	}{
		{"no token", "-", "Access token is empty.", nil},
		{"garbage", "not.a.jwt", "Access token validation failure. JWT is not well formed.", nil},
		{"another key", foreignToken(t, e.s), "Access token validation failure. Invalid signature.", nil},
		{"another audience", armTok.AccessToken, "Access token validation failure. Invalid audience.", nil},
		{"expired", expired, "Access token has expired or is not yet valid.", func() { e.clock.Add(2 * time.Hour) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before != nil {
				tc.before()
			}
			r := e.call("GET", adeleMethods, tc.token, nil)
			if r.status != http.StatusUnauthorized || r.errorCode() != "InvalidAuthenticationToken" || r.errorMessage() != tc.wantMsg {
				t.Errorf("got %d %s %q, want 401 %q", r.status, r.errorCode(), r.errorMessage(), tc.wantMsg)
			}
			if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer ") {
				t.Errorf("no WWW-Authenticate challenge")
			}
		})
	}
}

func TestForbiddenNamesWhatIsMissing(t *testing.T) {
	e := startEnv(t, withAccessApps)
	tok := func(client, user string) string {
		s, err := e.s.Token(client, user)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name, method, path, token string
		wantStatus                int
		wantInMsg                 []string
	}{
		{"app without a passkey permission", "GET", optionsAdele, tok(noPermsApp, ""), 403,
			[]string{PermPasskeyReadWrite, "least privileged", PermMethodsReadWrite, "application permission"}},
		{"read-only app may list", "GET", adeleMethods, tok(readOnlyApp, ""), 200, nil},
		{"read-only app may not fetch options", "GET", optionsAdele, tok(readOnlyApp, ""), 403, []string{PermPasskeyReadWrite}},
		{"read-only app may not delete", "DELETE", adeleMethods + "/x0", tok(readOnlyApp, ""), 403, []string{PermPasskeyReadWrite}},
		{"delegated without the scope", "GET", optionsAdele, tok(userReadApp, DemoAdminUPN), 403,
			[]string{PermPasskeyReadWrite, "delegated permission"}},
		{"delegated without an admin role", "GET", optionsAdele, tok(DemoPublicClientID, "helpdesk@contoso.example"), 403,
			[]string{"Authentication Administrator", "Privileged Authentication Administrator"}},
		{"delegated admin", "GET", optionsAdele, tok(DemoPublicClientID, DemoAdminUPN), 200, nil},
		{"own methods need no role", "GET", "/v1.0/me/authentication/fido2Methods", tok(DemoPublicClientID, "helpdesk@contoso.example"), 200, nil},
		{"policy without Policy.Read", "GET", policyPath, tok(noPermsApp, ""), 403, []string{PermPolicyRead}},
		{"policy delegated", "GET", policyPath, tok(DemoPublicClientID, "helpdesk@contoso.example"), 200, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.call(tc.method, tc.path, tc.token, nil)
			if r.status != tc.wantStatus {
				t.Fatalf("got %d, want %d: %s", r.status, tc.wantStatus, r.raw)
			}
			if tc.wantStatus == 403 && r.errorCode() != "accessDenied" {
				t.Errorf("code = %q", r.errorCode())
			}
			for _, w := range tc.wantInMsg {
				if !strings.Contains(r.errorMessage(), w) {
					t.Errorf("message %q lacks %q", r.errorMessage(), w)
				}
			}
		})
	}
}
