package emulator

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Grant types MSAL sends.
const (
	grantClientCredentials = "client_credentials"
	grantDeviceCode        = "urn:ietf:params:oauth:grant-type:device_code"
	grantDeviceCodeShort   = "device_code" // what MSAL Go sends; Entra takes both
	grantAuthCode          = "authorization_code"
	grantRefresh           = "refresh_token"
)

// handleToken redeems every grant MSAL uses.
func (s *Server) handleToken(c *call) {
	form, oe := readForm(c.r)
	var app *App
	if oe == nil {
		app, oe = s.app(form.Get("client_id"))
	}
	if oe != nil {
		s.writeOAuthError(c.w, oe)
		return
	}
	var resp map[string]any
	gt := form.Get("grant_type")
	if gt == grantDeviceCodeShort {
		gt = grantDeviceCode
	}
	switch gt {
	case grantClientCredentials:
		resp, oe = s.clientCredentials(c, app, form)
	case grantDeviceCode, grantAuthCode, grantRefresh:
		if oe = s.requireClientAuthIfConfidential(c, app, form); oe == nil {
			resp, oe = s.delegatedGrant(app, gt, form)
		}
	default:
		oe = oerr(http.StatusBadRequest, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '%s'.", gt)
	}
	if oe != nil {
		s.writeOAuthError(c.w, oe)
		return
	}
	c.w.Header().Set("Cache-Control", "no-store")
	writeJSON(c.w, http.StatusOK, resp)
}

func (s *Server) clientCredentials(c *call, app *App, form url.Values) (map[string]any, *oauthError) {
	if !clientAuthPresent(c.r, form) {
		return nil, oerr(http.StatusUnauthorized, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
	}
	if oe := s.authenticateClient(c, app, form); oe != nil {
		return nil, oe
	}
	req, oe := parseScopes(form.Get("scope"))
	if oe != nil {
		return nil, oe
	}
	if len(req.perms) != 1 || req.perms[0] != ".default" {
		return nil, oerr(http.StatusBadRequest, "invalid_scope", 1002012, "The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", form.Get("scope"))
	}
	tok, _, err := s.issueAccessToken(app, nil, req.audience(), nil)
	if err != nil {
		return nil, oerr(http.StatusInternalServerError, "server_error", 90000, "Token issuance failed.")
	}
	secs := int(s.cfg.TokenLifetime.Seconds()) - 1
	return map[string]any{"token_type": "Bearer", "expires_in": secs, "ext_expires_in": secs,
		"access_token": tok, "scope": form.Get("scope")}, nil
}

// requireClientAuthIfConfidential lets public clients redeem user grants bare, as
// Entra does when "allow public client flows" is on, and checks the others.
func (s *Server) requireClientAuthIfConfidential(c *call, app *App, form url.Values) *oauthError {
	if clientAuthPresent(c.r, form) {
		return s.authenticateClient(c, app, form)
	}
	if !app.PublicClient {
		return oerr(http.StatusUnauthorized, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
	}
	return nil
}

// delegatedGrant redeems a device code, an authorization code or a refresh token.
func (s *Server) delegatedGrant(app *App, gt string, form url.Values) (map[string]any, *oauthError) {
	now := s.now()
	s.mu.Lock()
	var userID, scope string
	var oe *oauthError
	switch gt {
	case grantDeviceCode:
		g := s.grants.deviceCodes[form.Get("device_code")]
		switch {
		case g == nil || g.clientID != app.ClientID:
			oe = oerr(http.StatusBadRequest, "invalid_grant", 70000, "The provided value for the input parameter 'device_code' is not valid.")
		case time.Now().After(g.expires):
			delete(s.grants.deviceCodes, form.Get("device_code"))
			oe = oerr(http.StatusBadRequest, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.")
		case time.Now().Before(g.approveAt):
			oe = oerr(http.StatusBadRequest, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.")
		default:
			delete(s.grants.deviceCodes, form.Get("device_code"))
			userID, scope = g.userID, g.scope
		}
	case grantAuthCode:
		g := s.grants.authCodes[form.Get("code")]
		delete(s.grants.authCodes, form.Get("code"))
		switch {
		case g == nil || g.clientID != app.ClientID || now.After(g.expires):
			oe = oerr(http.StatusBadRequest, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity.")
		case g.redirectURI != form.Get("redirect_uri"):
			oe = oerr(http.StatusBadRequest, "invalid_grant", 70000, "The redirect_uri does not match the one the authorization code was issued for.")
		case !pkceMatches(g.challenge, g.method, form.Get("code_verifier")):
			oe = oerr(http.StatusBadRequest, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.")
		default:
			userID, scope = g.userID, g.scope
		}
	case grantRefresh:
		g := s.grants.refresh[form.Get("refresh_token")]
		delete(s.grants.refresh, form.Get("refresh_token"))
		if g == nil || g.clientID != app.ClientID || now.After(g.expires) {
			oe = oerr(http.StatusBadRequest, "invalid_grant", 700082, "The refresh token has expired or is invalid.")
		} else {
			userID, scope = g.userID, g.scope
		}
	}
	user := s.dir.user(userID)
	s.mu.Unlock()
	if oe != nil {
		return nil, oe
	}
	if user == nil {
		return nil, oerr(http.StatusBadRequest, "invalid_grant", 50034, "The user account does not exist in the directory.")
	}
	if gt == grantRefresh && form.Get("scope") != "" {
		var e *oauthError
		if scope, e = s.grantableScope(app.ClientID, form.Get("scope")); e != nil {
			return nil, e
		}
	}
	return s.userTokens(app, user, scope, form.Get("client_info") == "1")
}

// userTokens builds a delegated token response. It echoes the requested scope:
// MSAL fails a response whose scope lacks one it asked for ("declined scopes").
func (s *Server) userTokens(app *App, user *User, scope string, clientInfo bool) (map[string]any, *oauthError) {
	req, oe := parseScopes(scope)
	if oe != nil {
		return nil, oe
	}
	tok, _, err := s.issueAccessToken(app, user, req.audience(), s.delegatedScp(app, req))
	if err != nil {
		return nil, oerr(http.StatusInternalServerError, "server_error", 90000, "Token issuance failed.")
	}
	secs := int(s.cfg.TokenLifetime.Seconds()) - 1
	resp := map[string]any{"token_type": "Bearer", "scope": scope, "expires_in": secs, "ext_expires_in": secs, "access_token": tok}
	if slices.Contains(req.oidc, "offline_access") {
		rt := s.randomToken(48)
		s.mu.Lock()
		s.grants.refresh[rt] = &refreshGrant{clientID: app.ClientID, userID: user.ID, scope: scope, expires: s.now().Add(90 * 24 * time.Hour)}
		s.mu.Unlock()
		resp["refresh_token"] = rt
	}
	if slices.Contains(req.oidc, "openid") {
		idt, err := s.idToken(app, user)
		if err != nil {
			return nil, oerr(http.StatusInternalServerError, "server_error", 90000, "Token issuance failed.")
		}
		resp["id_token"] = idt
	}
	if clientInfo {
		ci, _ := json.Marshal(map[string]string{"uid": user.ID, "utid": s.cfg.Tenant})
		resp["client_info"] = base64.RawURLEncoding.EncodeToString(ci)
	}
	return resp, nil
}

// idToken is the v2 id token MSAL builds its account from.
func (s *Server) idToken(app *App, user *User) (string, error) {
	now := s.now()
	return s.signJWT(map[string]any{
		"aud": app.ClientID, "iss": s.issuer(), "iat": now.Unix(), "nbf": now.Unix(),
		"exp": now.Add(time.Hour).Unix(), "name": user.DisplayName, "oid": user.ID,
		"preferred_username": user.UserPrincipalName, "sub": user.ID, "tid": s.cfg.Tenant, "ver": "2.0",
	})
}

func pkceMatches(challenge, method, verifier string) bool {
	if challenge == "" {
		return true
	}
	want := verifier
	if !strings.EqualFold(method, "plain") {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}

// readForm parses a token request body (at most 1 MiB).
func readForm(r *http.Request) (url.Values, *oauthError) {
	r.Body = http.MaxBytesReader(nil, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return nil, oerr(http.StatusBadRequest, "invalid_request", 900144, "The request body must be application/x-www-form-urlencoded.")
	}
	return r.PostForm, nil
}

// app finds a registered client.
func (s *Server) app(clientID string) (*App, *oauthError) {
	if clientID == "" {
		return nil, oerr(http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.")
	}
	for i := range s.cfg.Apps {
		if strings.EqualFold(s.cfg.Apps[i].ClientID, clientID) {
			return &s.cfg.Apps[i], nil
		}
	}
	return nil, oerr(http.StatusBadRequest, "unauthorized_client", 700016, "Application with identifier '%s' was not found in the directory '%s'.", clientID, s.cfg.Tenant)
}

// signInUser is who an automatic sign-in approves as: the login_hint's user if it
// names one, else the app's SignedInUser.
func (s *Server) signInUser(clientID, hint string) (*User, *oauthError) {
	app, oe := s.app(clientID)
	if oe != nil {
		return nil, oe
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.dir.user(hint); hint != "" && u != nil {
		return u, nil
	}
	if u := s.dir.user(app.SignedInUser); app.SignedInUser != "" && u != nil {
		return u, nil
	}
	return nil, oerr(http.StatusBadRequest, "invalid_grant", 50034, "No user to sign in: set signedInUser on app '%s' or pass a login_hint.", clientID)
}
