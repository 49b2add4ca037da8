package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

func TestClientSecretTokenIsCachedInA0600File(t *testing.T) {
	f := newFakeEntra(t)
	w := &warnings{}
	cfg := baseConfig(t, f, FlowClientSecret, w)
	cfg.ClientSecret = "s3cret-value-xyz"
	s := mustNew(t, cfg)
	tok := mustToken(t, s)
	if tok2 := mustToken(t, s); tok2 != tok {
		t.Error("second Token differs")
	}
	forms := f.grants
	if len(forms) != 1 {
		t.Fatalf("%d token requests, want 1", len(forms))
	}
	if got := forms[0].Get("scope"); !slices.Contains(strings.Fields(got), "https://graph.microsoft.com/.default") {
		t.Errorf("scope = %q", got)
	}
	if forms[0].Get("client_secret") != cfg.ClientSecret || forms[0].Get("client_id") != fakeClientID {
		t.Errorf("form = %v", forms[0])
	}
	if m := fileMode(t, cfg.CachePath); m != 0o600 {
		t.Errorf("cache mode = %o, want 600", m)
	}
	if !contains(w.joined(), "plain file") {
		t.Errorf("no plain-file warning: %q", w.joined())
	}
	// A new process (a new Source) reads the token from the file: no token request.
	again := mustNew(t, cfg)
	if got := mustToken(t, again); got != tok {
		t.Error("token from the cache file differs")
	}
	if n := len(f.grantTypes()); n != 1 {
		t.Errorf("%d token requests after reuse, want 1", n)
	}
}

func TestNoCacheWritesNoFile(t *testing.T) {
	f := newFakeEntra(t)
	cfg := baseConfig(t, f, FlowClientSecret, &warnings{})
	cfg.ClientSecret, cfg.NoCache = "s3cret-value-xyz", true
	mustToken(t, mustNew(t, cfg))
	if _, err := statErr(cfg.CachePath); err == nil {
		t.Error("cache file written despite NoCache")
	}
	mustToken(t, mustNew(t, cfg))
	if n := len(f.grantTypes()); n != 2 {
		t.Errorf("%d token requests, want 2 (nothing persisted)", n)
	}
}

func TestClientCertificate(t *testing.T) {
	certPEM, keyPEM, der, key := selfSigned(t)
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	modern, err := pkcs12.Modern.Encode(key, cert, nil, "pfx-pass")
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := pkcs12.LegacyRC2.Encode(key, cert, nil, "pfx-pass")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		data     []byte
		password string
		code     string
	}{
		{"pem", append(certPEM, keyPEM...), "", ""},
		{"pfx aes (OpenSSL 3 default)", modern, "pfx-pass", ""},
		{"pfx legacy rc2", legacy, "pfx-pass", ""},
		{"pfx wrong password", modern, "nope", "auth_config_invalid"},
		{"pem without key", certPEM, "", "auth_config_invalid"},
		{"garbage", []byte("not a certificate"), "", "auth_config_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeEntra(t)
			cfg := baseConfig(t, f, FlowClientCertificate, &warnings{})
			cfg.Certificate, cfg.CertificatePassword, cfg.SendCertificateChain = tt.data, tt.password, true
			s, err := New(cfg)
			if tt.code != "" {
				var ae *Error
				if !errors.As(err, &ae) || ae.Code != tt.code {
					t.Fatalf("New error = %v, want %s", err, tt.code)
				}
				if contains(err.Error(), tt.password) && tt.password != "" {
					t.Errorf("password in error: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			mustToken(t, s)
			form := f.grants[0]
			if form.Get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || form.Get("client_assertion") == "" {
				t.Errorf("no client assertion in %v", form)
			}
			if form.Has("client_secret") {
				t.Error("client_secret sent with a certificate")
			}
		})
	}
}

func TestManagedIdentity(t *testing.T) {
	f := newFakeEntra(t)
	t.Setenv("IDENTITY_ENDPOINT", f.srv.URL+"/msi/token")
	t.Setenv("IDENTITY_HEADER", "mi-secret-header")
	s := mustNew(t, Config{Flow: FlowManagedIdentity, HTTPClient: f.srv.Client(), CachePath: t.TempDir() + "/c.json"})
	mustToken(t, s)
	mustToken(t, s)
	if f.miHits != 1 {
		t.Errorf("%d managed identity requests, want 1", f.miHits)
	}
	id, err := s.WhoAmI(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if id.Source != "token" || id.ObjectID != "mi-oid" || !slices.Equal(id.Audience, []string{"https://graph.microsoft.com"}) {
		t.Errorf("identity = %+v", id)
	}
}

// selfSigned makes an RSA certificate for app sign-in tests.
func selfSigned(t *testing.T) (certPEM, keyPEM, der []byte, key *rsa.PrivateKey) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "entra-passkey test app"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err = x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	return certPEM, keyPEM, der, key
}
