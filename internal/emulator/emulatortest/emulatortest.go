// Package emulatortest starts the Graph emulator for other packages' tests: one helper
// instead of a copy in each, and one CA and token-key directory per test binary, so only
// the first start pays for generating the keys.
package emulatortest

import (
	"os"
	"sync"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
)

var (
	certOnce sync.Once
	certDir  string
	certErr  error
)

// Start starts an emulator serving the demo tenant (mutate may change its Config) and
// stops it when the test ends.
func Start(t testing.TB, mutate func(*emulator.Config)) *emulator.Server {
	t.Helper()
	certOnce.Do(func() { certDir, certErr = os.MkdirTemp("", "emulatortest-") })
	if certErr != nil {
		t.Fatalf("emulatortest: %v", certErr)
	}
	cfg := emulator.DefaultConfig()
	cfg.CertDir = certDir
	if mutate != nil {
		mutate(&cfg)
	}
	s, err := emulator.Start(cfg)
	if err != nil {
		t.Fatalf("emulator.Start: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Main runs the tests and removes the shared key directory: call it from TestMain as
// os.Exit(emulatortest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if certDir != "" {
		_ = os.RemoveAll(certDir)
	}
	return code
}
