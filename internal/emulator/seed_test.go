package emulator

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLoadSeed(t *testing.T) {
	dir := t.TempDir()
	key := newTestKey(t, testAAGUID)
	_, _, certPEM := selfSignedRSA(t)
	if err := os.WriteFile(filepath.Join(dir, "root.pem"), key.rootPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.pem"), []byte(certPEM), 0o644); err != nil {
		t.Fatal(err)
	}
	seed := `{
  "tenant": "11111111-2222-4333-8444-555555555555",
  "certDir": "certs",
  "users": [{"id": "22222222-2222-4222-8222-222222222222", "userPrincipalName": "kim@fabrikam.example", "displayName": "Kim"}],
  "apps": [{"clientId": "33333333-3333-4333-8333-333333333333", "secretSHA256": "` + HashSecret("pw") + `",
            "certificateFiles": ["app.pem"], "appRoles": ["UserAuthMethod-Passkey.ReadWrite.All"]}],
  "methods": [{"user": "kim@fabrikam.example", "credentialId": "AQIDBA", "displayName": "Old key", "aaGuid": "cb69481e-8ff7-4039-93ec-0a2729a154a8"}],
  "policy": {"id": "Fido2", "state": "enabled", "isSelfServiceRegistrationAllowed": true, "isAttestationEnforced": true,
             "keyRestrictions": {"isEnforced": false, "enforcementType": "block", "aaGuids": []},
             "includeTargets": [{"targetType": "group", "id": "all_users"}], "excludeTargets": []},
  "attestationRootFiles": ["root.pem"],
  "models": {"` + testAAGUID + `": "Seeded Model"},
  "quirks": {"excludeIdEncoding": "std", "wrapOptionsInValue": true},
  "pageSize": 7, "deviceCodeDelay": "2s", "tokenLifetime": "30m"
}`
	path := filepath.Join(dir, "seed.json")
	if err := os.WriteFile(path, []byte(seed), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"tenant", cfg.Tenant, "11111111-2222-4333-8444-555555555555"},
		{"certDir", cfg.CertDir, filepath.Join(dir, "certs")},
		{"users", len(cfg.Users), 1},
		{"app certificates", len(cfg.Apps[0].Certificates), 1},
		{"method credential", string(cfg.Methods[0].CredentialID), "\x01\x02\x03\x04"},
		{"attestation enforced", cfg.Policy.IsAttestationEnforced, true},
		{"roots", bytes.Equal(cfg.AttestationRoots[0], key.rootPEM), true},
		{"quirk", cfg.Quirks.ExcludeIDEncoding, IDStd},
		{"page size", cfg.PageSize, 7},
		{"device code delay", cfg.DeviceCodeDelay, 2 * time.Second},
		{"token lifetime", cfg.TokenLifetime, 30 * time.Minute},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	s, err := Start(cfg)
	if err != nil {
		t.Fatalf("Start with the seed: %v", err)
	}
	defer s.Close()
	if _, err := os.Stat(filepath.Join(dir, "certs", "ca.pem")); err != nil {
		t.Errorf("ca.pem not written to certDir: %v", err)
	}
	if ms := s.Methods("kim@fabrikam.example"); len(ms) != 1 || ms[0].ID != "AQIDBA2" || ms[0].Model != "YubiKey 5 Series" {
		t.Errorf("seeded methods = %+v", ms)
	}
}

func TestLoadSeedDefaultsAndErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfg, err := Load(write("empty.json", `{}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Users) != len(DefaultConfig().Users) || len(cfg.Apps) != 2 || cfg.Policy.State != "enabled" {
		t.Errorf("an empty seed should give the demo users, apps and policy: %+v", cfg)
	}
	for name, body := range map[string]string{
		"typo.json":     `{"user": []}`,
		"duration.json": `{"tokenLifetime": "soon"}`,
		"root.json":     `{"attestationRootFiles": ["missing.pem"]}`,
		"method.json":   `{"methods": [{"user": "adele@contoso.example", "credentialId": "!!"}]}`,
	} {
		_, err := Load(write(name, body))
		var e *Error
		if !errors.As(err, &e) || e.ErrorCode() != "seed_invalid" {
			t.Errorf("%s: err = %v, want seed_invalid", name, err)
		}
	}
}

func TestStartRefusesBadConfig(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Config)
	}{
		{"user id not a GUID", func(c *Config) { c.Users[0].ID = "admin" }},
		{"user listed twice", func(c *Config) { c.Users = append(c.Users, c.Users[1]) }},
		{"unknown user type", func(c *Config) { c.Users[1].UserType = "Robot" }},
		{"secret hash not hex", func(c *Config) { c.Apps[0].SecretSHA256 = "secret" }},
		{"signed-in user unknown", func(c *Config) { c.Apps[1].SignedInUser = "nobody@contoso.example" }},
		{"bad enforcement type", func(c *Config) { c.Policy.KeyRestrictions.EnforcementType = "deny" }},
		{"bad attestation root", func(c *Config) { c.AttestationRoots = [][]byte{[]byte("not pem")} }},
		{"bad app certificate", func(c *Config) { c.Apps[0].Certificates = []string{"not pem"} }},
		{"method for an unknown user", func(c *Config) { c.Methods = []Method{{UserID: "x", CredentialID: []byte{1}}} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.CertDir = sharedCertDir
			tc.mutate(&cfg)
			s, err := Start(cfg)
			if err == nil {
				s.Close()
				t.Fatal("Start accepted a bad config")
			}
			var e *Error
			if !errors.As(err, &e) || e.ErrorCode() != "emulator_start_failed" {
				t.Errorf("err = %v, want emulator_start_failed", err)
			}
		})
	}
}

func TestCertDirLifecycle(t *testing.T) {
	// No CertDir: a temporary one that Close removes.
	s, err := Start(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Dir(s.CAFile())
	for name, mode := range map[string]os.FileMode{caFileName: 0o644, caKeyFileName: 0o600, tokenKeyFileName: 0o600} {
		fi, err := os.Stat(filepath.Join(tmp, name))
		if err != nil || fi.Mode().Perm() != mode {
			t.Errorf("%s: %v mode %v, want %v", name, err, fi.Mode().Perm(), mode)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary cert dir left behind: %v", err)
	}

	// A CertDir is reused: same CA, and tokens from the first run stay valid.
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.CertDir = dir
	first, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := first.Token(DemoClientID, "")
	ca := first.CAPEM()
	first.Close()
	second, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if !bytes.Equal(ca, second.CAPEM()) {
		t.Errorf("the CA changed across restarts")
	}
	e := &env{t: t, s: second, http: second.Client()}
	if r := e.call("GET", adeleMethods, tok, nil); r.status != 200 {
		t.Errorf("a token from the previous run: %d %s", r.status, r.raw)
	}
}
