package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/cli"
	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
)

// The PowerShell module (powershell/EntraPasskey) talks to the binary only through its
// argv and stdin documents (it never calls Graph itself: -UseMgGraph hands the binary
// the Connect-MgGraph token). Tests/golden/calls.json pins the exact argv and stdin of
// every process each cmdlet starts, and the Pester suite checks that the module
// produces exactly those; these tests run the same argv and stdin through the real
// binary (against the emulator and software keys) or its command line, so the two
// sides cannot drift apart unnoticed.

const (
	psGoldenDir = "../../powershell/EntraPasskey/Tests/golden"
	psGoldenPIN = "48151623"
)

func readGolden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(psGoldenDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not a JSON object: %v", err)
	}
	return v
}

// TestPSModuleGoldenDocuments checks the golden files against each other: the stdin the
// module sends is the options document plus "pin" (whether the options came from the
// binary or were built from Graph's raw answer), and submit gets make-credential's
// document as it is.
func TestPSModuleGoldenDocuments(t *testing.T) {
	options := decodeJSON(t, readGolden(t, "options.json"))
	raw := decodeJSON(t, readGolden(t, "graph-creation-options.json"))
	cred := decodeJSON(t, readGolden(t, "credential.json"))

	want := decodeJSON(t, readGolden(t, "options.json"))
	want["pin"] = psGoldenPIN
	if got := decodeJSON(t, readGolden(t, "make-credential.stdin.json")); !reflect.DeepEqual(got, want) {
		t.Errorf("make-credential.stdin.json is not options.json plus \"pin\"")
	}
	wantMg := map[string]any{"schemaVersion": float64(1), "userId": options["userId"],
		"challengeTimeoutDateTime": raw["challengeTimeoutDateTime"], "creationOptions": raw, "pin": psGoldenPIN}
	if got := decodeJSON(t, readGolden(t, "make-credential-mggraph.stdin.json")); !reflect.DeepEqual(got, wantMg) {
		t.Errorf("make-credential-mggraph.stdin.json is not get-options' document built from graph-creation-options.json plus \"pin\"")
	}
	// -UseMgGraph builds the very document get-options prints.
	if !reflect.DeepEqual(options["creationOptions"], any(raw)) {
		t.Errorf("options.json's creationOptions differ from graph-creation-options.json")
	}
	if got := decodeJSON(t, readGolden(t, "submit.stdin.json")); !reflect.DeepEqual(got, cred) {
		t.Errorf("submit.stdin.json differs from credential.json")
	}
	if strings.Contains(string(readGolden(t, "submit.stdin.json")), psGoldenPIN) {
		t.Errorf("submit.stdin.json carries the PIN")
	}
}

// psRun runs the binary's code path in this process, as the module runs the binary:
// --log-format json, no terminal, the JSON on stdin.
type psRun struct {
	env map[string]string
	now func() time.Time
}

func (r psRun) run(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return r.runArgv(t, stdin, args)
}

// runArgv is run with the arguments as a slice.
func (r psRun) runArgv(t *testing.T, stdin []byte, args []string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	deps := cli.DefaultDeps()
	deps.Getenv = func(k string) string { return r.env[k] }
	if r.now != nil {
		deps.Now = r.now
	}
	code = cli.Main(append([]string{"--log-format", "json"}, args...),
		cli.Streams{In: bytes.NewReader(stdin), Out: &out, Err: &errOut}, deps)
	return code, out.String(), errOut.String()
}

func newSoftwareKey(t *testing.T, r psRun, pin bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key.json")
	args := []string{"virtual-key", "create", path}
	if pin {
		r.env["PS_TEST_PIN"] = psGoldenPIN
		args = append(args, "--pin-env", "PS_TEST_PIN")
	}
	if code, _, stderr := r.run(t, nil, args...); code != 0 {
		t.Fatalf("virtual-key create: exit %d: %s", code, stderr)
	}
	return "virtual:" + path
}

func requireLibfido2(t *testing.T) {
	t.Helper()
	if !libfido2.Available {
		t.Skip("needs libfido2 (cgo) to drive the software key")
	}
}

// TestPSModuleStdinAccepted feeds the module's golden stdin documents to the real
// commands with a software key: make-credential (options from the binary and from
// Invoke-MgGraphRequest), pin set, pin change and a config command.
func TestPSModuleStdinAccepted(t *testing.T) {
	requireLibfido2(t)
	options := decodeJSON(t, readGolden(t, "options.json"))
	expires, err := time.Parse(time.RFC3339, options["challengeTimeoutDateTime"].(string))
	if err != nil {
		t.Fatal(err)
	}
	r := psRun{env: map[string]string{}, now: func() time.Time { return expires.Add(-time.Minute) }}

	for _, name := range []string{"make-credential.stdin.json", "make-credential-mggraph.stdin.json"} {
		t.Run(name, func(t *testing.T) {
			key := newSoftwareKey(t, r, true)
			code, stdout, stderr := r.run(t, readGolden(t, name), "make-credential", "--device", key)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			cred := decodeJSON(t, []byte(stdout))
			if cred["userId"] != "adele@contoso.example" {
				t.Errorf("userId = %v", cred["userId"])
			}
			for _, k := range []string{"displayName", "publicKeyCredential", "key"} {
				if cred[k] == nil {
					t.Errorf("no %q in make-credential's output", k)
				}
			}
			if strings.Contains(stdout+stderr, psGoldenPIN) {
				t.Errorf("the PIN from stdin reached stdout or stderr")
			}
		})
	}

	// Windows PowerShell 5.1 under a UTF-8 console writes a byte-order mark before
	// whatever the module sends (its StreamWriter's preamble): the binary drops it.
	t.Run("with a UTF-8 byte-order mark", func(t *testing.T) {
		key := newSoftwareKey(t, r, true)
		stdin := append([]byte("\xef\xbb\xbf"), readGolden(t, "make-credential.stdin.json")...)
		if code, _, stderr := r.run(t, stdin, "make-credential", "--device", key); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	})
}

// psCase is one case of golden/calls.json: a cmdlet invocation and the binary processes
// it starts.
type psCase struct {
	Name  string `json:"name"`
	Key   string `json:"key"`   // "pin": a fresh software key with psGoldenPIN; "blank": one without PIN
	Clock string `json:"clock"` // "options": now is a minute before options.json's challenge expires
	Calls []struct {
		Argv  []string `json:"argv"`
		Stdin string   `json:"stdin"`
		Run   string   `json:"run"` // "real": run it; "grammar": the command line must parse
	} `json:"calls"`
}

// TestPSModuleCalls runs the exact argv and stdin the module produces for each cmdlet
// (golden/calls.json, which the Pester suite checks the module against): the "real"
// calls through the binary against the emulator and a software key in a directory that
// stands for PowerShell's location, the others through its command line (--help after
// the flags: exit 0 only when every flag and value parses). bulk's calls are checked
// once the binary has the bulk command.
func TestPSModuleCalls(t *testing.T) {
	var fixtures struct {
		Cases []psCase `json:"cases"`
	}
	if err := json.Unmarshal(readGolden(t, "calls.json"), &fixtures); err != nil {
		t.Fatal(err)
	}
	if len(fixtures.Cases) < 20 {
		t.Fatalf("only %d cases in calls.json", len(fixtures.Cases))
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	cfg := emulator.DefaultConfig()
	cfg.CertDir = t.TempDir()
	srv, err := emulator.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ready := srv.Ready(cfg.Users).Marshal()
	options := decodeJSON(t, readGolden(t, "options.json"))
	expires, err := time.Parse(time.RFC3339, options["challengeTimeoutDateTime"].(string))
	if err != nil {
		t.Fatal(err)
	}
	hasBulk := true
	if code, _, _ := (psRun{env: map[string]string{}}).runArgv(t, nil, []string{"bulk", "--help"}); code != 0 {
		hasBulk = false
	}

	for _, c := range fixtures.Cases {
		t.Run(c.Name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "emulator.json"), ready, 0o600); err != nil {
				t.Fatal(err)
			}
			r := psRun{env: map[string]string{}}
			if c.Clock == "options" {
				r.now = func() time.Time { return expires.Add(-time.Minute) }
			}
			if c.Key != "" {
				requireLibfido2(t)
				args := []string{"virtual-key", "create", filepath.Join(dir, "key.json")}
				if c.Key == "pin" {
					r.env["PS_TEST_PIN"] = psGoldenPIN
					args = append(args, "--pin-env", "PS_TEST_PIN")
				}
				if code, _, stderr := r.run(t, nil, args...); code != 0 {
					t.Fatalf("virtual-key create: exit %d: %s", code, stderr)
				}
			}
			for i, call := range c.Calls {
				argv := make([]string, len(call.Argv))
				for j, a := range call.Argv {
					argv[j] = strings.ReplaceAll(a, "{cwd}/", dir+string(filepath.Separator))
				}
				if len(argv) < 3 || argv[0] != "--log-format" || argv[1] != "json" {
					t.Fatalf("call %d: the module always starts with --log-format json: %q", i, argv)
				}
				var stdin []byte
				if call.Stdin != "" {
					stdin = readGolden(t, call.Stdin)
				}
				if call.Run != "real" {
					if argv[2] == "bulk" && !hasBulk {
						t.Skip("the binary has no bulk command yet: its argv is checked once it has")
					}
					at := len(argv)
					for j, a := range argv {
						if a == "--" {
							at = j
							break
						}
					}
					help := append(append(append([]string{}, argv[2:at]...), "--help"), argv[at:]...)
					if code, _, stderr := r.runArgv(t, nil, help); code != 0 {
						t.Errorf("call %d: the binary's command line refuses %q: exit %d: %s", i, argv[2:], code, stderr)
					}
					continue
				}
				requireLibfido2(t)
				code, stdout, stderr := r.runArgv(t, stdin, argv[2:])
				if code != 0 {
					t.Fatalf("call %d %q: exit %d: %s", i, argv[2:], code, stderr)
				}
				var doc map[string]any
				if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
					t.Errorf("call %d: stdout is not one JSON document: %v", i, err)
				} else if doc["schemaVersion"] != float64(1) {
					t.Errorf("call %d: schemaVersion = %v", i, doc["schemaVersion"])
				}
				if strings.Contains(stdout+stderr, psGoldenPIN) || strings.Contains(stdout+stderr, "27182818") {
					t.Errorf("call %d: a PIN reached stdout or stderr", i)
				}
			}
		})
	}
}
