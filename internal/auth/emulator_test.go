package auth

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/emulator/emulatortest"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// These tests sign in through MSAL against the emulator over TLS (trusting only its
// CA) and use the tokens with the Graph client, as the CLI does.

const emuAdele = "adele@contoso.example"

func startEmulator(t *testing.T, mutate func(*emulator.Config)) *emulator.Server {
	t.Helper()
	return emulatortest.Start(t, mutate)
}

// emuConfig is a flow against the emulator with a private cache file; cleanups close
// the HTTP client's connections before the emulator stops.
func emuConfig(t *testing.T, s *emulator.Server, flow Flow, clientID string) Config {
	hc := s.Client()
	t.Cleanup(hc.CloseIdleConnections)
	return Config{Flow: flow, Authority: s.Authority(), ClientID: clientID, HTTPClient: hc,
		CachePath: filepath.Join(t.TempDir(), "msal-cache.json"), Warn: func(string) {}}
}

// listWith lists adele's methods through the Graph client with src's tokens.
func listWith(t *testing.T, s *emulator.Server, src *Source) {
	t.Helper()
	hc := s.Client()
	t.Cleanup(hc.CloseIdleConnections)
	c, err := graph.New(graph.Config{BaseURL: s.URL(), HTTPClient: hc, Tokens: src})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Methods(context.Background(), emuAdele); err != nil {
		t.Fatalf("Methods with the signed-in token: %v", err)
	}
}

func tokenRequests(s *emulator.Server) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Route == emulator.RouteToken {
			n++
		}
	}
	return n
}

func TestEmulatorAppOnly(t *testing.T) {
	certPEM, _, der, key := selfSigned(t)
	cert, _ := x509.ParseCertificate(der)
	pfx, err := pkcs12.Modern.Encode(key, cert, nil, "pfx-pass")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(*Config)
	}{
		{"client secret", func(c *Config) { c.Flow, c.ClientSecret = FlowClientSecret, emulator.DemoClientSecret }},
		{"client certificate", func(c *Config) {
			c.Flow, c.Certificate, c.CertificatePassword = FlowClientCertificate, pfx, "pfx-pass"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startEmulator(t, func(c *emulator.Config) { c.Apps[0].Certificates = []string{string(certPEM)} })
			cfg := emuConfig(t, s, "", emulator.DemoClientID)
			tt.edit(&cfg)
			src := mustNew(t, cfg)
			listWith(t, s, src)
			id, err := src.WhoAmI(context.Background())
			if err != nil || id.TenantID != s.Tenant() || !contains(strings.Join(id.Roles, " "), PasskeyScope) {
				t.Errorf("WhoAmI = %+v, %v", id, err)
			}
			// Another run with the same cache file asks Entra for nothing.
			listWith(t, s, mustNew(t, cfg))
			if n := tokenRequests(s); n != 1 {
				t.Errorf("%d token requests, want 1", n)
			}
			if m := fileMode(t, cfg.CachePath); m != 0o600 {
				t.Errorf("cache mode %o", m)
			}
			logged, _ := json.Marshal(s.Requests())
			if contains(string(logged), emulator.DemoClientSecret) || contains(string(logged), "pfx-pass") {
				t.Error("a secret reached the emulator's request log")
			}
		})
	}
}

func TestEmulatorDelegated(t *testing.T) {
	var shown []string
	var opened []string
	tests := []struct {
		name string
		edit func(*testing.T, *Config, *emulator.Server)
	}{
		{"device code", func(_ *testing.T, c *Config, _ *emulator.Server) {
			c.Flow, c.ShowDeviceCode = FlowDeviceCode, func(m string) { shown = append(shown, m) }
		}},
		{"interactive", func(t *testing.T, c *Config, s *emulator.Server) {
			hc := s.Client()
			t.Cleanup(hc.CloseIdleConnections)
			c.Flow, c.OpenURL = FlowInteractive, formPostBrowser(hc, &opened)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shown, opened = nil, nil
			s := startEmulator(t, nil)
			cfg := emuConfig(t, s, "", emulator.DemoPublicClientID)
			tt.edit(t, &cfg, s)
			src := mustNew(t, cfg)
			id, err := src.Login(context.Background())
			if err != nil {
				t.Fatalf("Login: %v", err)
			}
			if id.Username != emulator.DemoAdminUPN || id.TenantID != s.Tenant() || id.HomeAccountID == "" {
				t.Errorf("Login identity = %+v", id)
			}
			if len(shown)+len(opened) != 1 {
				t.Errorf("prompted %d times, want once", len(shown)+len(opened))
			}
			listWith(t, s, src)
			// A later run signs in silently from the cache file.
			cfg.NoPrompt = true
			later := mustNew(t, cfg)
			listWith(t, s, later)
			if n := tokenRequests(s); n != 1 {
				t.Errorf("%d token requests, want 1", n)
			}
			if removed, err := later.Logout(context.Background()); err != nil || len(removed) != 1 {
				t.Errorf("Logout = %v, %v", removed, err)
			}
			if _, err := mustNew(t, cfg).Token(context.Background()); code(err) != "login_required" {
				t.Errorf("Token after logout: %v", err)
			}
		})
	}
}
