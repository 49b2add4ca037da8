package emulator

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

const graphDefault = "https://graph.microsoft.com/.default"

// claimsOf decodes a JWT payload without verifying it (the emulator verified it).
func claimsOf(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %d parts", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// selfSignedRSA makes an app certificate as an admin would upload it.
func selfSignedRSA(t *testing.T) (*x509.Certificate, *rsa.PrivateKey, string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "automation"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return cert, key, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// signAssertion builds an RS256 client assertion with a SHA-1 x5t, the older form
// other clients send (MSAL Go itself sends PS256 with x5t#S256).
func signAssertion(t *testing.T, key *rsa.PrivateKey, cert *x509.Certificate, clientID, aud string) string {
	t.Helper()
	thumb := sha1.Sum(cert.Raw)
	h, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT", "x5t": base64.RawURLEncoding.EncodeToString(thumb[:])})
	now := time.Now().Unix()
	p, _ := json.Marshal(map[string]any{"aud": aud, "iss": clientID, "sub": clientID, "jti": "j1", "nbf": now, "exp": now + 600})
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func TestMSALConfidentialClient(t *testing.T) {
	cert, key, certPEM := selfSignedRSA(t)
	otherCert, otherKey, _ := selfSignedRSA(t)
	const certApp = "c1d2e3f4-0000-4000-8000-000000000001"
	e := startEnv(t, func(c *Config) {
		c.Apps = append(c.Apps, App{ClientID: certApp, Certificates: []string{certPEM}, AppRoles: []string{PermPasskeyReadWrite}})
	})
	secret, _ := confidential.NewCredFromSecret(DemoClientSecret)
	wrongSecret, _ := confidential.NewCredFromSecret("not-the-secret")
	certCred, _ := confidential.NewCredFromCert([]*x509.Certificate{cert}, key)
	unregistered, _ := confidential.NewCredFromCert([]*x509.Certificate{otherCert}, otherKey)
	// A forger who knows the registered certificate but not its key.
	forged := confidential.NewCredFromAssertionCallback(func(_ context.Context, o confidential.AssertionRequestOptions) (string, error) {
		return signAssertion(t, otherKey, cert, o.ClientID, o.TokenEndpoint), nil
	})
	// The real key, but an audience that is not the token endpoint.
	wrongAud := confidential.NewCredFromAssertionCallback(func(_ context.Context, o confidential.AssertionRequestOptions) (string, error) {
		return signAssertion(t, key, cert, o.ClientID, "https://login.microsoftonline.com/common/oauth2/v2.0/token"), nil
	})
	rightByCallback := confidential.NewCredFromAssertionCallback(func(_ context.Context, o confidential.AssertionRequestOptions) (string, error) {
		return signAssertion(t, key, cert, o.ClientID, o.TokenEndpoint), nil
	})
	tests := []struct {
		name     string
		clientID string
		cred     confidential.Credential
		wantErr  string
		wantRole string
	}{
		{"secret", DemoClientID, secret, "", PermPasskeyReadWrite},
		{"certificate", certApp, certCred, "", PermPasskeyReadWrite},
		{"wrong secret", DemoClientID, wrongSecret, "AADSTS7000215", ""},
		{"RS256 assertion with x5t", certApp, rightByCallback, "", PermPasskeyReadWrite},
		{"unregistered certificate", certApp, unregistered, "AADSTS700027", ""},
		{"assertion signed by another key", certApp, forged, "AADSTS700027", ""},
		{"assertion for another audience", certApp, wrongAud, "AADSTS700212", ""},
		{"secret for a certificate-only app", certApp, secret, "AADSTS7000215", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app, err := confidential.New(e.s.Authority(), tc.clientID, tc.cred,
				confidential.WithHTTPClient(e.http), confidential.WithInstanceDiscovery(false))
			if err != nil {
				t.Fatal(err)
			}
			res, err := app.AcquireTokenByCredential(context.Background(), []string{graphDefault})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got err %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("AcquireTokenByCredential: %v", err)
			}
			c := claimsOf(t, res.AccessToken)
			roles, _ := c["roles"].([]any)
			if c["aud"] != "https://graph.microsoft.com" || c["tid"] != DefaultTenant || len(roles) == 0 || roles[0] != tc.wantRole {
				t.Errorf("claims = %v", c)
			}
			if r := e.call("GET", "/v1.0/users/"+escapeUPN(adele)+"/authentication/fido2Methods", res.AccessToken, nil); r.status != http.StatusOK {
				t.Errorf("Graph with the MSAL token: %d %s", r.status, r.raw)
			}
		})
	}
}

func TestMSALDeviceCode(t *testing.T) {
	e := startEnv(t, func(c *Config) { c.DeviceCodeDelay = 300 * time.Millisecond })
	app, err := public.New(DemoPublicClientID, public.WithAuthority(e.s.Authority()),
		public.WithHTTPClient(e.http), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	scopes := []string{"https://graph.microsoft.com/" + PermPasskeyReadWrite}
	dc, err := app.AcquireTokenByDeviceCode(ctx, scopes)
	if err != nil {
		t.Fatalf("AcquireTokenByDeviceCode: %v", err)
	}
	if dc.Result.UserCode == "" || !strings.Contains(dc.Result.Message, dc.Result.UserCode) {
		t.Errorf("device code result = %+v", dc.Result)
	}
	res, err := dc.AuthenticationResult(ctx)
	if err != nil {
		t.Fatalf("AuthenticationResult: %v", err)
	}
	c := claimsOf(t, res.AccessToken)
	if c["scp"] != PermPasskeyReadWrite || c["upn"] != DemoAdminUPN || c["idtyp"] != "user" {
		t.Errorf("claims = %v", c)
	}
	if res.Account.PreferredUsername != DemoAdminUPN || res.Account.HomeAccountID == "" {
		t.Errorf("account = %+v", res.Account)
	}
	// The refresh token MSAL cached must work for a silent call.
	e.clock.Add(2 * time.Hour)
	silent, err := app.AcquireTokenSilent(ctx, []string{"https://graph.microsoft.com/" + PermPolicyRead}, public.WithSilentAccount(res.Account))
	if err != nil {
		t.Fatalf("AcquireTokenSilent: %v", err)
	}
	if got := claimsOf(t, silent.AccessToken)["scp"]; got != PermPolicyRead {
		t.Errorf("refreshed scp = %v", got)
	}
	pending := 0
	for _, r := range e.s.Requests() {
		if r.Route == RouteToken && r.Status == http.StatusBadRequest {
			pending++
		}
	}
	if pending == 0 {
		t.Errorf("MSAL never saw authorization_pending; log = %+v", e.s.Requests())
	}
}

func TestMSALInteractive(t *testing.T) {
	e := startEnv(t, nil)
	app, err := public.New(DemoPublicClientID, public.WithAuthority(e.s.Authority()),
		public.WithHTTPClient(e.http), public.WithInstanceDiscovery(false))
	if err != nil {
		t.Fatal(err)
	}
	hidden := regexp.MustCompile(`name="(code|state)" value="([^"]*)"`)
	action := regexp.MustCompile(`action="([^"]*)"`)
	// The "browser": fetch the authorize page and submit its form to the loopback redirect.
	browser := func(authURL string) error {
		resp, err := e.http.Get(authURL)
		if err != nil {
			return err
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		form := url.Values{}
		for _, m := range hidden.FindAllStringSubmatch(string(page), -1) {
			form.Set(m[1], m[2])
		}
		a := action.FindStringSubmatch(string(page))
		if a == nil {
			t.Errorf("no form in %s", page)
			return nil
		}
		go func() {
			if r, err := http.PostForm(strings.ReplaceAll(a[1], "&amp;", "&"), form); err == nil {
				r.Body.Close()
			}
		}()
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := app.AcquireTokenInteractive(ctx, []string{graphDefault}, public.WithOpenURL(browser),
		public.WithLoginHint("alex@contoso.example"))
	if err != nil {
		t.Fatalf("AcquireTokenInteractive: %v", err)
	}
	if c := claimsOf(t, res.AccessToken); c["upn"] != "alex@contoso.example" || !strings.Contains(c["scp"].(string), PermPasskeyReadWrite) {
		t.Errorf("claims = %v", c)
	}
}

func TestTokenEndpointRefusals(t *testing.T) {
	e := startEnv(t, nil)
	tokenURL := e.s.Authority() + "/oauth2/v2.0/token"
	tests := []struct {
		name       string
		form       url.Values
		wantStatus int
		wantErr    string
	}{
		{"unknown client", url.Values{"grant_type": {"client_credentials"}, "client_id": {"00000000-0000-0000-0000-000000000009"},
			"client_secret": {"x"}, "scope": {graphDefault}}, 400, "unauthorized_client"},
		{"client credentials without /.default", url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID},
			"client_secret": {DemoClientSecret}, "scope": {"https://graph.microsoft.com/User.Read"}}, 400, "invalid_scope"},
		{"client credentials without a secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID},
			"scope": {graphDefault}}, 401, "invalid_client"},
		{"unknown device code", url.Values{"grant_type": {grantDeviceCode}, "client_id": {DemoPublicClientID},
			"device_code": {"nope"}}, 400, "invalid_grant"},
		{"device code for a confidential app without credentials", url.Values{"grant_type": {grantDeviceCode},
			"client_id": {DemoClientID}, "device_code": {"nope"}}, 401, "invalid_client"},
		{"unsupported grant", url.Values{"grant_type": {"password"}, "client_id": {DemoPublicClientID}}, 400, "unsupported_grant_type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := e.http.PostForm(tokenURL, tc.form)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != tc.wantStatus || body["error"] != tc.wantErr {
				t.Errorf("got %d %v, want %d %s", resp.StatusCode, body["error"], tc.wantStatus, tc.wantErr)
			}
		})
	}
}

func TestDiscoveryDocument(t *testing.T) {
	e := startEnv(t, nil)
	resp, err := e.http.Get(e.s.Authority() + "/v2.0/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"token_endpoint":                e.s.Authority() + "/oauth2/v2.0/token",
		"authorization_endpoint":        e.s.Authority() + "/oauth2/v2.0/authorize",
		"device_authorization_endpoint": e.s.Authority() + "/oauth2/v2.0/devicecode",
		"issuer":                        e.s.Authority() + "/v2.0",
		"jwks_uri":                      e.s.Authority() + "/discovery/v2.0/keys",
	} {
		if doc[key] != want {
			t.Errorf("%s = %v, want %s", key, doc[key], want)
		}
	}
}
