package emulator

import (
	"errors"
	"testing"
)

// FuzzParseSeed feeds the emulator's seed file: anything is parsed or refused as
// seed_invalid, never a panic, and an accepted seed has a tenant to serve.
func FuzzParseSeed(f *testing.F) {
	f.Add([]byte(`{"users":[{"id":"00000000-0000-4000-8000-000000000152","userPrincipalName":"carol@contoso.example","displayName":"Carol"}]}`))
	f.Add([]byte(`{"methods":[{"user":"u","credentialId":"AQI1","displayName":"k"}],"deviceCodeDelay":"1s"}`))
	f.Add([]byte(`{"attestationRootFiles":["../../etc/passwd"]}`))
	f.Add([]byte(`{"tokenLifetime":"forever"}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(data, dir, "seed.json")
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.ErrorCode() != "seed_invalid" {
				t.Fatalf("error %v is not seed_invalid", err)
			}
			return
		}
		if cfg.Users == nil || cfg.Apps == nil {
			t.Fatalf("an accepted seed has no users or apps: %+v", cfg)
		}
	})
}
