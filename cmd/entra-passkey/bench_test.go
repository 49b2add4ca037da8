//go:build linux

package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

const benchPIN = "48151623"

// BenchmarkMakeCredentialProcess runs a whole make-credential process, as a user would,
// against a software key with a PIN through the real libfido2, and libfido2's own
// `fido2-cred -M` (Debian's fido2-tools) on the same kind of key for comparison, the
// software key reaching it through cmd/virtualkey-preload (LD_PRELOAD). Both make a
// discoverable ES256 credential with user verification, hmac-secret and credProtect 1.
// It reports the median wall time, the peak resident memory, and the CTAPHID messages
// the key received per run (the software key's trace, ENTRA_PASSKEY_VIRTUAL_TRACE).
func BenchmarkMakeCredentialProcess(b *testing.B) {
	if !libfido2.Available {
		b.Skip("needs libfido2 (cgo)")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "entra-passkey")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	options := benchOptions(b)
	b.Run("entra-passkey", func(b *testing.B) {
		key := benchKey(b)
		benchProcess(b, func() *exec.Cmd {
			cmd := exec.Command(bin, "make-credential", "--device", "virtual:"+key, "--pin-env", "BENCH_PIN")
			cmd.Env = append(os.Environ(), "BENCH_PIN="+benchPIN)
			cmd.Stdin = bytes.NewReader(options)
			return cmd
		}, func(out []byte) bool { return bytes.Contains(out, []byte(`"attestationFormat":"packed"`)) })
	})
	b.Run("fido2-cred", func(b *testing.B) {
		tool, err := exec.LookPath("fido2-cred")
		if err != nil {
			b.Skip("fido2-cred is not installed (apt-get install fido2-tools)")
		}
		preload := filepath.Join(dir, "virtualkey.so")
		if out, err := exec.Command("go", "build", "-buildmode=c-shared", "-o", preload, "../virtualkey-preload").CombinedOutput(); err != nil {
			b.Fatalf("building the preload library: %v\n%s", err, out)
		}
		key := benchKey(b)
		input := filepath.Join(dir, "fido2-cred.in")
		if err := os.WriteFile(input, fido2CredInput(b), 0o600); err != nil {
			b.Fatal(err)
		}
		benchProcess(b, func() *exec.Cmd {
			// -r discoverable, -v user verification, -h hmac-secret, -c 1 credProtect.
			cmd := exec.Command(tool, "-M", "-r", "-v", "-h", "-c", "1", "-i", input, "virtual:"+key)
			cmd.Env = append(os.Environ(), "LD_PRELOAD="+preload)
			// Without a terminal fido2-cred reads the PIN from stdin: a new session has none.
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
			cmd.Stdin = strings.NewReader(benchPIN + "\n")
			return cmd
		}, func(out []byte) bool { return bytes.Contains(out, []byte("\npacked\n")) })
	})
}

// benchProcess runs b.N processes made by newCmd and reports their median wall time,
// peak RSS and the CTAPHID messages the software key received per run.
func benchProcess(b *testing.B, newCmd func() *exec.Cmd, ok func(stdout []byte) bool) {
	tracePath := filepath.Join(b.TempDir(), "trace")
	var walls []time.Duration
	var peakKB int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := newCmd()
		cmd.Env = append(cmd.Env, virtual.TraceEnv+"="+tracePath)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		out, err := cmd.Output()
		walls = append(walls, time.Since(start))
		if err != nil || !ok(out) {
			b.Fatalf("%s: %v\n%s\n%s", cmd.Path, err, out, stderr.Bytes())
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakKB = max(peakKB, ru.Maxrss)
		}
	}
	b.StopTimer()
	trace, err := os.ReadFile(tracePath)
	if err != nil {
		b.Fatalf("the software key's trace: %v", err)
	}
	slices.Sort(walls)
	b.ReportMetric(float64(walls[len(walls)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(peakKB)/1024, "peak-RSS-MB")
	b.ReportMetric(float64(bytes.Count(trace, []byte("\n")))/float64(b.N), "ctaphid-msgs/op")
	b.ReportMetric(float64(bytes.Count(trace, []byte(" CBOR ")))/float64(b.N), "ctap-cmds/op")
}

// benchKey is a software key with a PIN.
func benchKey(b *testing.B) string {
	key := filepath.Join(b.TempDir(), "key.json")
	if err := virtual.Configure(key, func(s *virtual.State) error { return s.SetPIN(benchPIN) }); err != nil {
		b.Fatal(err)
	}
	return key
}

// fido2CredInput is fido2-cred -M's input: client data hash, RP id, user name, user id.
func fido2CredInput(b *testing.B) []byte {
	cdh, uid := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(cdh)
	_, _ = rand.Read(uid)
	enc := base64.StdEncoding.EncodeToString
	return []byte(enc(cdh) + "\nlogin.microsoft.com\nadele.vance@contoso.example\n" + enc(uid) + "\n")
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
