package emulator

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// graphAudiences are the aud values Graph accepts: its URI and its app id.
var graphAudiences = []string{"https://graph.microsoft.com", "https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000"}

// accessClaims is the payload of the emulator's access tokens, named as Entra's v1 tokens are.
type accessClaims struct {
	Aud   string   `json:"aud"`
	Iss   string   `json:"iss"`
	Iat   int64    `json:"iat"`
	Nbf   int64    `json:"nbf"`
	Exp   int64    `json:"exp"`
	AppID string   `json:"appid"`
	IDTyp string   `json:"idtyp"`
	Oid   string   `json:"oid"`
	Sub   string   `json:"sub"`
	Tid   string   `json:"tid"`
	UPN   string   `json:"upn,omitempty"`
	Name  string   `json:"name,omitempty"`
	Scp   string   `json:"scp,omitempty"`
	Roles []string `json:"roles,omitempty"`
	UTI   string   `json:"uti"`
	Ver   string   `json:"ver"`
}

// principal is who a Graph request acts as.
type principal struct {
	appID  string
	user   *User // nil for app-only
	roles  []string
	scopes []string
}

func (p *principal) has(perms ...string) bool {
	granted := p.roles
	if p.user != nil {
		granted = p.scopes
	}
	for _, want := range perms {
		for _, g := range granted {
			if strings.EqualFold(g, want) {
				return true
			}
		}
	}
	return false
}

// issueAccessToken signs a token for aud; user nil means an app-only token.
func (s *Server) issueAccessToken(app *App, user *User, aud string, scopes []string) (string, time.Time, error) {
	now := s.now()
	exp := now.Add(s.cfg.TokenLifetime)
	c := accessClaims{
		Aud: aud, Iss: "https://sts.windows.net/" + s.cfg.Tenant + "/",
		Iat: now.Unix(), Nbf: now.Unix(), Exp: exp.Unix(),
		AppID: app.ClientID, Tid: s.cfg.Tenant, UTI: uuid.NewString(), Ver: "1.0",
	}
	if user == nil {
		c.IDTyp, c.Roles = "app", app.AppRoles
		c.Oid = servicePrincipalID(s.cfg.Tenant, app.ClientID)
		c.Sub = c.Oid
	} else {
		c.IDTyp, c.Oid, c.Sub, c.UPN, c.Name = "user", user.ID, user.ID, user.UserPrincipalName, user.DisplayName
		c.Scp = strings.Join(scopes, " ")
	}
	tok, err := s.signJWT(c)
	return tok, exp, err
}

// servicePrincipalID gives each app a stable object id in the tenant.
func servicePrincipalID(tenant, clientID string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(tenant+"/servicePrincipals/"+clientID)).String()
}

// authenticate validates the bearer token as Graph does and answers 401 otherwise.
func (s *Server) authenticate(c *call) (*principal, bool) {
	fail := func(msg string) (*principal, bool) {
		s.writeGraphError(c.w, gerr(http.StatusUnauthorized, CodeInvalidAuthenticationToken, "%s", msg))
		return nil, false
	}
	raw, ok := strings.CutPrefix(c.r.Header.Get("Authorization"), "Bearer ")
	if !ok || strings.TrimSpace(raw) == "" {
		return fail("Access token is empty.")
	}
	var claims accessClaims
	switch err := s.verifyOwnJWT(strings.TrimSpace(raw), &claims); {
	case errors.Is(err, errBadSignature):
		return fail("Access token validation failure. Invalid signature.")
	case err != nil:
		return fail("Access token validation failure. JWT is not well formed.")
	}
	now := s.now().Unix()
	if claims.Exp <= now || claims.Nbf > now+300 {
		return fail("Access token has expired or is not yet valid.")
	}
	if !slices.Contains(graphAudiences, claims.Aud) {
		return fail("Access token validation failure. Invalid audience.")
	}
	if !strings.EqualFold(claims.Tid, s.cfg.Tenant) {
		return fail("Access token validation failure. Invalid issuer.")
	}
	p := &principal{appID: claims.AppID, roles: claims.Roles, scopes: strings.Fields(claims.Scp)}
	if claims.IDTyp == "user" {
		s.mu.Lock()
		p.user = s.dir.user(claims.Oid)
		s.mu.Unlock()
		if p.user == nil {
			return fail("Access token validation failure. The signed-in user no longer exists.")
		}
	}
	return p, true
}

// signJWT signs claims with the emulator's RS256 key.
func (s *Server) signJWT(claims any) (string, error) {
	header := map[string]string{"typ": "JWT", "alg": "RS256", "kid": s.tokenKID}
	h, err := json.Marshal(header)
	if err != nil {
		return "", fmt.Errorf("encoding the token header: %w", err)
	}
	p, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encoding the token claims: %w", err)
	}
	input := b64(h) + "." + b64(p)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(s.rand, s.tokenKey, crypto.SHA256, sum[:])
	if err != nil {
		return "", fmt.Errorf("signing the token: %w", err)
	}
	return input + "." + b64(sig), nil
}

// verifyOwnJWT checks a token the emulator signed and decodes its claims.
func (s *Server) verifyOwnJWT(tok string, claims any) error {
	j, err := parseJWT(tok)
	if err != nil {
		return err
	}
	if j.header.Alg != "RS256" || j.header.Kid != s.tokenKID {
		return errBadSignature
	}
	if err := verifyRSA(j.header.Alg, &s.tokenKey.PublicKey, j.input, j.sig); err != nil {
		return errBadSignature
	}
	if err := json.Unmarshal(j.payload, claims); err != nil {
		return errMalformedJWT
	}
	return nil
}

var (
	errMalformedJWT = errors.New("malformed jwt")
	errBadSignature = errors.New("invalid jwt signature")
)

type jwtHeader struct {
	Alg     string `json:"alg"`
	Kid     string `json:"kid"`
	X5t     string `json:"x5t"`
	X5tS256 string `json:"x5t#S256"`
}

type parsedJWT struct {
	header  jwtHeader
	payload []byte
	input   []byte
	sig     []byte
}

func parseJWT(tok string) (*parsedJWT, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return nil, errMalformedJWT
	}
	h, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	p, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	sig, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, errMalformedJWT
	}
	j := &parsedJWT{payload: p, sig: sig, input: []byte(parts[0] + "." + parts[1])}
	if err := json.Unmarshal(h, &j.header); err != nil {
		return nil, errMalformedJWT
	}
	return j, nil
}

// verifyRSA checks an RS256 or PS256 signature, the two algorithms Entra takes in
// client assertions (MSAL Go sends PS256).
func verifyRSA(alg string, pub *rsa.PublicKey, input, sig []byte) error {
	sum := sha256.Sum256(input)
	switch alg {
	case "RS256":
		return rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig)
	case "PS256":
		return rsa.VerifyPSS(pub, crypto.SHA256, sum[:], sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
	}
	return fmt.Errorf("unsupported algorithm %q", alg)
}

// keyID names the signing key in token headers and the JWKS.
func keyID(pub *rsa.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "emulator"
	}
	sum := sha256.Sum256(der)
	return b64(sum[:16])
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
