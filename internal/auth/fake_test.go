package auth

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeEntra is a loopback TLS stand-in for Entra's endpoints that MSAL uses: OIDC
// discovery, token, device code, authorize, and an App Service managed identity endpoint.
type fakeEntra struct {
	t      *testing.T
	srv    *httptest.Server
	tenant string
	mu     sync.Mutex
	grants []url.Values // every token request's form, in order
	miHits int
	// pending makes the device code flow answer authorization_pending this many times.
	pending int
	// failToken, when set, is the OAuth error body the token endpoint answers with (400).
	failToken string
}

const (
	fakeTenant   = "11111111-2222-3333-4444-555555555555"
	fakeUser     = "admin@contoso.example"
	fakeUserOID  = "99999999-8888-7777-6666-555555555555"
	fakeClientID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
)

func newFakeEntra(t *testing.T) *fakeEntra {
	t.Helper()
	f := &fakeEntra{t: t, tenant: fakeTenant}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", f.discovery)
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", f.token)
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/devicecode", f.deviceCode)
	mux.HandleFunc("GET /{tenant}/oauth2/v2.0/authorize", f.authorize)
	mux.HandleFunc("GET /msi/token", f.managedIdentity)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("fake Entra: unexpected %s %s", r.Method, r.URL)
		http.NotFound(w, r)
	})
	f.srv = httptest.NewTLSServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeEntra) authority() string { return f.srv.URL + "/" + f.tenant }

// grantTypes returns the grant_type of every token request so far.
func (f *fakeEntra) grantTypes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, g := range f.grants {
		out = append(out, g.Get("grant_type"))
	}
	return out
}

func (f *fakeEntra) discovery(w http.ResponseWriter, r *http.Request) {
	base := f.srv.URL + "/" + r.PathValue("tenant")
	writeJSON(w, 200, map[string]any{
		"issuer":                        base + "/v2.0",
		"authorization_endpoint":        base + "/oauth2/v2.0/authorize",
		"token_endpoint":                base + "/oauth2/v2.0/token",
		"device_authorization_endpoint": base + "/oauth2/v2.0/devicecode",
	})
}

func (f *fakeEntra) deviceCode(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, 200, map[string]any{
		"device_code": "dc-123", "user_code": "ABCD-EFGH", "verification_uri": "https://microsoft.com/devicelogin",
		"expires_in": 900, "interval": 1,
		"message": "To sign in, open https://microsoft.com/devicelogin and enter the code ABCD-EFGH.",
	})
}

func (f *fakeEntra) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect := q.Get("redirect_uri")
	if !strings.HasPrefix(redirect, "http://localhost") {
		http.Error(w, "bad redirect_uri", 400)
		return
	}
	// Entra answers with response_mode=form_post: a page that POSTs code and state back.
	w.Header().Set("Content-Type", "text/html")
	fmt.Fprintf(w, `<form method="POST" action="%s"><input type="hidden" name="code" value="auth-code-1"/>`+
		`<input type="hidden" name="state" value="%s"/></form>`, html.EscapeString(redirect), html.EscapeString(q.Get("state")))
}

func (f *fakeEntra) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	f.mu.Lock()
	f.grants = append(f.grants, r.PostForm)
	pending := f.pending > 0 && r.PostForm.Get("grant_type") == deviceGrant
	if pending {
		f.pending--
	}
	fail := f.failToken
	f.mu.Unlock()
	if pending {
		writeJSON(w, 400, map[string]any{"error": "authorization_pending", "error_description": "AADSTS70016: pending"})
		return
	}
	if fail != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		fmt.Fprint(w, fail)
		return
	}
	scope := r.PostForm.Get("scope")
	app := r.PostForm.Get("grant_type") == "client_credentials"
	body := map[string]any{"token_type": "Bearer", "expires_in": 3600, "ext_expires_in": 3600, "scope": scope}
	if app {
		body["access_token"] = fakeJWT(map[string]any{"aud": "https://graph.microsoft.com", "tid": f.tenant,
			"appid": r.PostForm.Get("client_id"), "roles": []string{"UserAuthMethod-Passkey.ReadWrite.All"},
			"exp": time.Now().Add(time.Hour).Unix()})
	} else {
		// Delegated: echo the Graph scopes (MSAL refuses "declined scopes"), add client_info and an id token.
		var graphScopes []string
		for _, s := range strings.Fields(scope) {
			if s != "openid" && s != "profile" && s != "offline_access" {
				graphScopes = append(graphScopes, strings.TrimPrefix(s, "https://graph.microsoft.com/"))
			}
		}
		body["access_token"] = fakeJWT(map[string]any{"aud": "https://graph.microsoft.com", "tid": f.tenant,
			"oid": fakeUserOID, "upn": fakeUser, "name": "Admin", "appid": r.PostForm.Get("client_id"),
			"scp": strings.Join(graphScopes, " "), "exp": time.Now().Add(time.Hour).Unix()})
		body["refresh_token"] = "refresh-" + fakeUserOID
		body["client_info"] = b64(fmt.Sprintf(`{"uid":%q,"utid":%q}`, fakeUserOID, f.tenant))
		body["id_token"] = fakeJWT(map[string]any{"aud": r.PostForm.Get("client_id"), "iss": f.authority() + "/v2.0",
			"tid": f.tenant, "oid": fakeUserOID, "preferred_username": fakeUser, "name": "Admin",
			"iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()})
	}
	writeJSON(w, 200, body)
}

func (f *fakeEntra) managedIdentity(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-IDENTITY-HEADER") != "mi-secret-header" {
		http.Error(w, "missing identity header", http.StatusUnauthorized)
		return
	}
	f.mu.Lock()
	f.miHits++
	f.mu.Unlock()
	resource := r.URL.Query().Get("resource")
	writeJSON(w, 200, map[string]any{
		"access_token": fakeJWT(map[string]any{"aud": resource, "tid": f.tenant, "oid": "mi-oid",
			"appid": "mi-app", "exp": time.Now().Add(time.Hour).Unix()}),
		"expires_on": fmt.Sprint(time.Now().Add(time.Hour).Unix()), "resource": resource, "token_type": "Bearer",
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// fakeJWT makes an unsigned JWT-shaped token with the given claims.
func fakeJWT(claims map[string]any) string {
	payload, _ := json.Marshal(claims)
	return b64(`{"alg":"RS256","typ":"JWT"}`) + "." + b64(string(payload)) + ".c2lnbmF0dXJl"
}
