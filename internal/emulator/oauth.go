package emulator

import (
	"encoding/base64"
	"html/template"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// grants are the sign-in side's pending and issued grants, guarded by Server.mu.
type grants struct {
	deviceCodes map[string]*deviceGrant
	authCodes   map[string]*codeGrant
	refresh     map[string]*refreshGrant
}

// deviceGrant is a device code waiting to be redeemed; it is approved at approveAt.
type deviceGrant struct {
	clientID  string
	userID    string
	scope     string
	approveAt time.Time
	expires   time.Time
}

// codeGrant is an authorization code with what its redemption must match.
type codeGrant struct {
	clientID, redirectURI, challenge, method, scope, userID string
	expires                                                 time.Time
}

// refreshGrant is an issued refresh token; each use replaces it.
type refreshGrant struct {
	clientID, userID, scope string
	expires                 time.Time
}

func (s *Server) tenantBase(c *call) string {
	return s.url + "/" + segments(c.r.URL.EscapedPath())[0]
}

func (s *Server) issuer() string { return s.url + "/" + s.cfg.Tenant + "/v2.0" }

// handleDiscovery serves the OpenID configuration with the fields MSAL reads.
func (s *Server) handleDiscovery(c *call) {
	base := s.tenantBase(c)
	host := strings.TrimPrefix(s.url, "https://")
	writeJSON(c.w, http.StatusOK, map[string]any{
		"token_endpoint":                        base + "/oauth2/v2.0/token",
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"jwks_uri":                              base + "/discovery/v2.0/keys",
		"response_modes_supported":              []string{"query", "fragment", "form_post"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"scopes_supported":                      []string{"openid", "profile", "email", "offline_access"},
		"issuer":                                s.issuer(),
		"request_uri_parameter_supported":       false,
		"authorization_endpoint":                base + "/oauth2/v2.0/authorize",
		"device_authorization_endpoint":         base + "/oauth2/v2.0/devicecode",
		"end_session_endpoint":                  base + "/oauth2/v2.0/logout",
		"claims_supported":                      []string{"sub", "iss", "aud", "exp", "iat", "name", "oid", "preferred_username", "tid"},
		"tenant_region_scope":                   "NA",
		"cloud_instance_name":                   "microsoftonline.com",
		"msgraph_host":                          host,
	})
}

// handleInstance answers AAD instance discovery, for clients that do not disable it.
func (s *Server) handleInstance(c *call) {
	host := strings.TrimPrefix(s.url, "https://")
	writeJSON(c.w, http.StatusOK, map[string]any{
		"tenant_discovery_endpoint": s.Authority() + "/v2.0/.well-known/openid-configuration",
		"api-version":               "1.1",
		"metadata": []map[string]any{{
			"preferred_network": host, "preferred_cache": host, "aliases": []string{host},
		}},
	})
}

// handleKeys publishes the token signing key.
func (s *Server) handleKeys(c *call) {
	pub := s.tokenKey.PublicKey
	writeJSON(c.w, http.StatusOK, map[string]any{"keys": []map[string]any{{
		"kty": "RSA", "use": "sig", "alg": "RS256", "kid": s.tokenKID,
		"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes()),
		"issuer": s.issuer(),
	}}})
}

// handleDeviceCode starts a device code sign-in that approves itself after
// Config.DeviceCodeDelay as the app's SignedInUser.
func (s *Server) handleDeviceCode(c *call) {
	form, oe := readForm(c.r)
	if oe == nil {
		_, oe = s.app(form.Get("client_id"))
	}
	var user *User
	if oe == nil {
		user, oe = s.signInUser(form.Get("client_id"), "")
	}
	var scope string
	if oe == nil {
		scope, oe = s.grantableScope(form.Get("client_id"), form.Get("scope"))
	}
	if oe != nil {
		s.writeOAuthError(c.w, oe)
		return
	}
	deviceCode, userCode := s.randomToken(32), s.userCode()
	// Approval waits in real time: it paces a polling client, not the tenant's clock.
	now := time.Now()
	s.mu.Lock()
	s.grants.deviceCodes[deviceCode] = &deviceGrant{clientID: form.Get("client_id"), userID: user.ID, scope: scope,
		approveAt: now.Add(s.cfg.DeviceCodeDelay), expires: now.Add(15 * time.Minute)}
	s.mu.Unlock()
	verify := s.url + "/devicelogin"
	writeJSON(c.w, http.StatusOK, map[string]any{
		"user_code": userCode, "device_code": deviceCode, "verification_uri": verify,
		"expires_in": 900, "interval": 5,
		"message": "To sign in, use a web browser to open the page " + verify + " and enter the code " + userCode + " to authenticate.",
	})
}

// handleAuthorize approves a browser sign-in at once and sends the code back to the
// loopback redirect, by form_post (what MSAL Go asks for) or by query.
func (s *Server) handleAuthorize(c *call) {
	q := c.r.URL.Query()
	if c.r.Method == http.MethodPost {
		if err := c.r.ParseForm(); err == nil {
			q = c.r.Form
		}
	}
	clientID, redirect := q.Get("client_id"), q.Get("redirect_uri")
	_, oe := s.app(clientID)
	if oe == nil && !loopbackRedirect(redirect) {
		oe = oerr(http.StatusBadRequest, "invalid_request", 50011, "The redirect URI '%s' specified in the request does not match the redirect URIs configured for the application '%s'.", redirect, clientID)
	}
	if oe == nil && q.Get("response_type") != "code" {
		oe = oerr(http.StatusBadRequest, "unsupported_response_type", 700054, "response_type '%s' is not enabled for the application.", q.Get("response_type"))
	}
	var user *User
	if oe == nil {
		user, oe = s.signInUser(clientID, q.Get("login_hint"))
	}
	var scope string
	if oe == nil {
		scope, oe = s.grantableScope(clientID, q.Get("scope"))
	}
	if oe != nil {
		s.writeOAuthError(c.w, oe)
		return
	}
	code := s.randomToken(32)
	s.mu.Lock()
	s.grants.authCodes[code] = &codeGrant{clientID: clientID, redirectURI: redirect, challenge: q.Get("code_challenge"),
		method: q.Get("code_challenge_method"), scope: scope, userID: user.ID, expires: s.now().Add(10 * time.Minute)}
	s.mu.Unlock()
	if q.Get("response_mode") == "form_post" {
		c.w.Header().Set("Content-Type", "text/html; charset=utf-8")
		c.w.WriteHeader(http.StatusOK)
		_ = formPostPage.Execute(c.w, map[string]string{"Action": redirect, "Code": code, "State": q.Get("state")})
		return
	}
	u, _ := url.Parse(redirect)
	v := u.Query()
	v.Set("code", code)
	if st := q.Get("state"); st != "" {
		v.Set("state", st)
	}
	u.RawQuery = v.Encode()
	http.Redirect(c.w, c.r, u.String(), http.StatusFound)
}

// formPostPage is the page a browser submits to the redirect URI by itself.
var formPostPage = template.Must(template.New("form_post").Parse(`<!DOCTYPE html>
<html><head><title>Working...</title></head>
<body onload="document.forms[0].submit()">
<form method="POST" name="hiddenform" action="{{.Action}}">
<input type="hidden" name="code" value="{{.Code}}" />
<input type="hidden" name="state" value="{{.State}}" />
<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript>
</form></body></html>
`))

// loopbackRedirect allows the native-client redirects Entra allows on any port.
func loopbackRedirect(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" {
		return false
	}
	switch u.Hostname() {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}

// userCode makes a code like Entra's: nine characters people can type.
func (s *Server) userCode() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := s.randBytes(9)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// randomToken is an opaque, unguessable code.
func (s *Server) randomToken(n int) string {
	return base64.RawURLEncoding.EncodeToString(s.randBytes(n))
}

// randBytes reads n random bytes; a failing Rand leaves zeros, which only a broken
// test reader can cause.
func (s *Server) randBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = io.ReadFull(s.rand, b)
	return b
}

// handleDeviceLogin is the verification page; sign-in there is automatic.
func (s *Server) handleDeviceLogin(c *call) {
	c.w.Header().Set("Content-Type", "text/html; charset=utf-8")
	c.w.WriteHeader(http.StatusOK)
	_, _ = c.w.Write([]byte("<!DOCTYPE html><html><body><p>This is the entra-passkey emulator: device codes are approved automatically.</p></body></html>\n"))
}
