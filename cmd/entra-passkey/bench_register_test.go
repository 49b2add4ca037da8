package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// BenchmarkRegisterProcess runs the real binary's `register` against the emulator over
// TLS (client credentials through MSAL) and a software key through libfido2, with
// injected latencies: each Graph call (token, creation options, POST) is delayed and the
// user takes a while to touch the key. It reports the median wall time, the sum of the
// injected latencies, and the difference: what entra-passkey itself costs per
// registration (process start, TLS, MSAL, CTAP, verification by the emulator).
func BenchmarkRegisterProcess(b *testing.B) {
	if !libfido2.Available {
		b.Skip("needs libfido2 (cgo)")
	}
	b.Run("no-latency", func(b *testing.B) { benchRegister(b, 0, 0) })
	b.Run("graph-40ms-touch-150ms", func(b *testing.B) { benchRegister(b, 40*time.Millisecond, 150*time.Millisecond) })
}

func benchRegister(b *testing.B, graphDelay, touchDelay time.Duration) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "entra-passkey")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	s, err := emulator.Start(emulator.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ready := filepath.Join(dir, "emulator.json")
	if err := os.WriteFile(ready, s.Ready(nil).Marshal(), 0o600); err != nil {
		b.Fatal(err)
	}
	key := filepath.Join(dir, "key.json")
	if err := virtual.Configure(key, func(st *virtual.State) error {
		st.Faults.TouchDelay = touchDelay
		return st.SetPIN("48151623")
	}); err != nil {
		b.Fatal(err)
	}
	// Each run signs in afresh (--no-cache), so it makes discovery, token, creation
	// options and the POST calls; the delay applies to the three that matter most.
	injected := 3*graphDelay + touchDelay
	var walls []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range []emulator.Route{emulator.RouteToken, emulator.RouteCreationOptions, emulator.RouteRegister} {
			if graphDelay > 0 {
				s.Faults().Delay(r, 1, graphDelay)
			}
		}
		user := fmt.Sprintf("bench-%d", i%3)
		cmd := exec.Command(bin, "register", []string{"adele@contoso.example", "alex@contoso.example", "helpdesk@contoso.example"}[i%3],
			"--emulator", ready, "--no-cache", "--device", "virtual:"+key, "--pin-env", "BENCH_PIN", "--display-name", user)
		cmd.Env = append(os.Environ(), "BENCH_PIN=48151623")
		start := time.Now()
		out, err := cmd.Output()
		walls = append(walls, time.Since(start))
		if err != nil {
			b.Fatalf("register: %v\n%s", err, out)
		}
		b.StopTimer()
		// Remove the credential from the key so the next run is not excluded (the key
		// would otherwise find the user's credential before the touch).
		if err := virtual.Configure(key, func(st *virtual.State) error { st.Credentials = nil; return nil }); err != nil {
			b.Fatal(err)
		}
		s.Faults().Clear()
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(walls)
	median := walls[len(walls)/2]
	b.ReportMetric(float64(median.Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(injected.Microseconds())/1000, "injected-ms")
	b.ReportMetric(float64((median-injected).Microseconds())/1000, "overhead-ms")
}
