package emulator

import (
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

const (
	graphResource  = "https://graph.microsoft.com"
	graphAppID     = "00000003-0000-0000-c000-000000000000"
	jwtBearerType  = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
	assertionSkew  = 300 // seconds of clock skew Entra tolerates
	defaultScopeID = ".default"
)

// HashSecret returns the SecretSHA256 value for a client secret.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// scopeRequest is a parsed scope parameter: one resource, its permissions and the
// OpenID scopes.
type scopeRequest struct {
	resource string
	perms    []string
	oidc     []string
}

func (r scopeRequest) audience() string {
	if r.resource == graphResource {
		return graphResource
	}
	return r.resource
}

// parseScopes splits "https://graph.microsoft.com/.default openid" style scopes; a bare
// permission means Graph, as it does for Entra.
func parseScopes(scope string) (scopeRequest, *oauthError) {
	var r scopeRequest
	for _, sc := range strings.Fields(scope) {
		switch strings.ToLower(sc) {
		case "openid", "profile", "offline_access", "email":
			r.oidc = append(r.oidc, strings.ToLower(sc))
			continue
		}
		res, perm := graphResource, sc
		if i := strings.LastIndex(sc, "/"); i >= 0 {
			res, perm = strings.TrimRight(sc[:i], "/"), sc[i+1:]
		}
		if strings.EqualFold(res, graphAppID) || strings.EqualFold(res, graphResource) {
			res = graphResource
		}
		if r.resource != "" && r.resource != res {
			return r, oerr(http.StatusBadRequest, "invalid_scope", 28000, "Provided value for the input parameter scope is not valid because it contains more than one resource. Scope %s is not valid.", scope)
		}
		r.resource, r.perms = res, append(r.perms, perm)
	}
	if r.resource == "" {
		r.resource, r.perms = graphResource, []string{defaultScopeID}
	}
	return r, nil
}

// grantableScope checks that every requested delegated permission was consented.
func (s *Server) grantableScope(clientID, scope string) (string, *oauthError) {
	app, oe := s.app(clientID)
	if oe != nil {
		return "", oe
	}
	req, oe := parseScopes(scope)
	if oe != nil {
		return "", oe
	}
	if req.resource != graphResource {
		return scope, nil
	}
	for _, p := range req.perms {
		if p != defaultScopeID && !containsFold(app.Scopes, p) {
			return "", oerr(http.StatusBadRequest, "invalid_grant", 65001, "The user or administrator has not consented to use the application with ID '%s' for the permission '%s'.", clientID, p)
		}
	}
	return scope, nil
}

// delegatedScp is the scp claim: the consented permissions asked for (all of them for .default).
func (s *Server) delegatedScp(app *App, req scopeRequest) []string {
	if req.resource != graphResource {
		return req.perms
	}
	if slices.Contains(req.perms, defaultScopeID) {
		return app.Scopes
	}
	var out []string
	for _, p := range req.perms {
		if containsFold(app.Scopes, p) {
			out = append(out, p)
		}
	}
	return out
}

func clientAuthPresent(r *http.Request, form url.Values) bool {
	_, _, basic := r.BasicAuth()
	return basic || form.Get("client_secret") != "" || form.Get("client_assertion") != ""
}

// authenticateClient checks a client secret or a certificate-signed client assertion.
func (s *Server) authenticateClient(c *call, app *App, form url.Values) *oauthError {
	if a := form.Get("client_assertion"); a != "" {
		if form.Get("client_assertion_type") != jwtBearerType {
			return oerr(http.StatusBadRequest, "invalid_request", 50027, "client_assertion_type must be %s.", jwtBearerType)
		}
		return s.verifyClientAssertion(c, app, a)
	}
	secret := form.Get("client_secret")
	if id, sec, ok := c.r.BasicAuth(); ok && strings.EqualFold(id, app.ClientID) {
		secret = sec
	}
	sum := sha256.Sum256([]byte(secret))
	want, err := hex.DecodeString(app.SecretSHA256)
	if err != nil || app.SecretSHA256 == "" || subtle.ConstantTimeCompare(sum[:], want) != 1 {
		return oerr(http.StatusUnauthorized, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", app.ClientID)
	}
	return nil
}

// verifyClientAssertion checks what Entra checks: a registered certificate named by
// x5t or x5t#S256, an RS256/PS256 signature, iss = sub = client id, aud = the token
// endpoint, and the time window.
func (s *Server) verifyClientAssertion(c *call, app *App, assertion string) *oauthError {
	j, err := parseJWT(assertion)
	if err != nil {
		return oerr(http.StatusBadRequest, "invalid_client", 50027, "JWT token is invalid or malformed.")
	}
	cert := s.assertionCert(app.ClientID, j.header)
	if cert == nil {
		return oerr(http.StatusUnauthorized, "invalid_client", 700027, "The certificate with identifier used to sign the client assertion is not registered on application '%s'.", app.ClientID)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok || verifyRSA(j.header.Alg, pub, j.input, j.sig) != nil {
		return oerr(http.StatusUnauthorized, "invalid_client", 700027, "Client assertion failed signature validation.")
	}
	var cl struct {
		Iss string          `json:"iss"`
		Sub string          `json:"sub"`
		Aud json.RawMessage `json:"aud"`
		Exp json.Number     `json:"exp"`
		Nbf json.Number     `json:"nbf"`
	}
	if err := json.Unmarshal(j.payload, &cl); err != nil {
		return oerr(http.StatusBadRequest, "invalid_client", 50027, "JWT token is invalid or malformed.")
	}
	if !strings.EqualFold(cl.Iss, app.ClientID) || !strings.EqualFold(cl.Sub, app.ClientID) {
		return oerr(http.StatusUnauthorized, "invalid_client", 700023, "Client assertion issuer and subject must both be the client id '%s'.", app.ClientID)
	}
	if !s.assertionAudienceOK(c, cl.Aud) {
		return oerr(http.StatusUnauthorized, "invalid_client", 700212, "Client assertion audience claim does not match the token endpoint.")
	}
	exp, errExp := cl.Exp.Int64()
	nbf, errNbf := cl.Nbf.Int64()
	now := s.now().Unix()
	if errExp != nil || exp+assertionSkew < now || (errNbf == nil && nbf-assertionSkew > now) {
		return oerr(http.StatusUnauthorized, "invalid_client", 700024, "Client assertion is not within its valid time range.")
	}
	return nil
}

func (s *Server) assertionAudienceOK(c *call, raw json.RawMessage) bool {
	var auds []string
	var one string
	if json.Unmarshal(raw, &one) == nil {
		auds = []string{one}
	} else if json.Unmarshal(raw, &auds) != nil {
		return false
	}
	valid := []string{
		s.tenantBase(c) + "/oauth2/v2.0/token",
		s.Authority() + "/oauth2/v2.0/token",
		s.Authority() + "/oauth2/token",
		s.issuer(),
	}
	for _, a := range auds {
		if containsFold(valid, strings.TrimRight(a, "/")) {
			return true
		}
	}
	return false
}

// assertionCert finds the app certificate the header's thumbprint names; both
// standard and URL base64 are seen in the wild.
func (s *Server) assertionCert(clientID string, h jwtHeader) *x509.Certificate {
	decode := func(v string) []byte {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if b, err := enc.DecodeString(v); err == nil {
				return b
			}
		}
		return nil
	}
	for _, cert := range s.appCerts[strings.ToLower(clientID)] {
		s1, s256 := sha1.Sum(cert.Raw), sha256.Sum256(cert.Raw)
		if (h.X5tS256 != "" && subtle.ConstantTimeCompare(decode(h.X5tS256), s256[:]) == 1) ||
			(h.X5t != "" && subtle.ConstantTimeCompare(decode(h.X5t), s1[:]) == 1) {
			return cert
		}
	}
	return nil
}

func parseAppCerts(apps []App) (map[string][]*x509.Certificate, error) {
	out := map[string][]*x509.Certificate{}
	for _, a := range apps {
		for i, p := range a.Certificates {
			certs, err := parsePEMCerts([]byte(p))
			if err == nil && len(certs) == 0 {
				err = errors.New("no PEM certificate")
			}
			if err != nil {
				return nil, fmt.Errorf("app %s certificate %d: %w", a.ClientID, i, err)
			}
			out[strings.ToLower(a.ClientID)] = append(out[strings.ToLower(a.ClientID)], certs[0])
		}
	}
	return out, nil
}

func parsePEMCerts(data []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return out, nil
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parsing a certificate: %w", err)
		}
		out = append(out, c)
	}
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}
