package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// BenchmarkMakeCredentialProcess runs the real binary, as a user would, for
// make-credential against a software key through libfido2: start-up, parsing, getInfo,
// the exclusion probe, PIN protocol 2, makeCredential and the output. It reports the
// median wall time and the peak resident memory over the runs.
func BenchmarkMakeCredentialProcess(b *testing.B) {
	if !libfido2.Available {
		b.Skip("needs libfido2 (cgo)")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "entra-passkey")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	key := filepath.Join(dir, "key.json")
	if err := virtual.Configure(key, func(s *virtual.State) error { return s.SetPIN("48151623") }); err != nil {
		b.Fatal(err)
	}
	options := benchOptions(b)
	var walls []time.Duration
	var peakKB int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "make-credential", "--device", "virtual:"+key, "--pin-env", "BENCH_PIN")
		cmd.Env = append(os.Environ(), "BENCH_PIN=48151623")
		cmd.Stdin = bytes.NewReader(options)
		start := time.Now()
		out, err := cmd.Output()
		walls = append(walls, time.Since(start))
		if err != nil || !bytes.Contains(out, []byte(`"attestationFormat":"packed"`)) {
			b.Fatalf("make-credential: %v\n%s", err, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakKB = max(peakKB, ru.Maxrss)
		}
	}
	b.StopTimer()
	slices.Sort(walls)
	b.ReportMetric(float64(walls[len(walls)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(peakKB)/1024, "peak-RSS-MB")
}

func benchOptions(b *testing.B) []byte {
	data, err := os.ReadFile("../../examples/creation-options.json")
	if err != nil {
		b.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	doc["challengeTimeoutDateTime"] = time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	out, _ := json.Marshal(doc)
	return out
}
