package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/cli"
	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
)

// The PowerShell module (powershell/EntraPasskey) talks to the binary only through stdin
// documents and to Graph (-UseMgGraph) only through the fido2Methods POST body. Its
// Pester tests check that it sends exactly the golden files in Tests/golden; these tests
// check that the binary accepts those same files, and that the POST body is what
// make-credential produces, so the two sides cannot drift apart unnoticed.

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

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// graphBody is the rule of the module's ConvertTo-EntraPasskeyGraphBody: the credential's
// displayName and publicKeyCredential {id, response {clientDataJSON, attestationObject},
// clientExtensionResults}, nothing else.
func graphBody(cred map[string]any) map[string]any {
	pkc := cred["publicKeyCredential"].(map[string]any)
	resp := pkc["response"].(map[string]any)
	return map[string]any{
		"displayName": cred["displayName"],
		"publicKeyCredential": map[string]any{
			"id": pkc["id"],
			"response": map[string]any{
				"clientDataJSON":    resp["clientDataJSON"],
				"attestationObject": resp["attestationObject"],
			},
			"clientExtensionResults": pkc["clientExtensionResults"],
		},
	}
}

// TestPSModuleGoldenDocuments checks the golden files against each other: the stdin the
// module sends is the options document plus "pin" (whether the options came from the
// binary or from Invoke-MgGraphRequest), submit gets make-credential's document as it
// is, and the Graph POST body is that document minus everything but the two Graph fields.
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

	body := decodeJSON(t, readGolden(t, "graph-post-body.json"))
	if got, want := keysOf(body), []string{"displayName", "publicKeyCredential"}; !reflect.DeepEqual(got, want) {
		t.Errorf("graph-post-body.json fields = %v, want %v", got, want)
	}
	if got, want := keysOf(body["publicKeyCredential"].(map[string]any)), []string{"clientExtensionResults", "id", "response"}; !reflect.DeepEqual(got, want) {
		t.Errorf("graph-post-body.json publicKeyCredential fields = %v, want %v", got, want)
	}
	if !reflect.DeepEqual(body, graphBody(cred)) {
		t.Errorf("graph-post-body.json is not credential.json's displayName and publicKeyCredential")
	}
	// The credential document's own copies of those fields are the POST body's, verbatim.
	if !reflect.DeepEqual(body["publicKeyCredential"], cred["publicKeyCredential"]) {
		t.Errorf("the POST body's publicKeyCredential differs from make-credential's")
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

	t.Run("pin set, pin change, config", func(t *testing.T) {
		key := newSoftwareKey(t, r, false)
		steps := []struct {
			golden string
			args   []string
		}{
			{"pin-set.stdin.json", []string{"pin", "set", "--device", key}},
			{"pin-change.stdin.json", []string{"pin", "change", "--device", key}},
			{"config.stdin.json", []string{"config", "force-pin-change", "--device", key}},
		}
		for _, s := range steps {
			code, stdout, stderr := r.run(t, readGolden(t, s.golden), s.args...)
			if code != 0 {
				t.Fatalf("%s: exit %d: %s", strings.Join(s.args[:2], " "), code, stderr)
			}
			if strings.Contains(stdout+stderr, psGoldenPIN) || strings.Contains(stdout+stderr, "27182818") {
				t.Errorf("%s: a PIN reached stdout or stderr", s.args[0])
			}
		}
	})
}

// TestPSModuleLiveRegistration runs the module's two paths against the Graph emulator:
// get-options -> stdin with "pin" -> make-credential -> submit (the binary path), and
// make-credential's document -> the module's POST body -> Graph's fido2Methods with a
// token of its own (the -UseMgGraph path), which must answer 201.
func TestPSModuleLiveRegistration(t *testing.T) {
	requireLibfido2(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	cfg := emulator.DefaultConfig()
	cfg.CertDir = t.TempDir()
	srv, err := emulator.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	readyFile := filepath.Join(t.TempDir(), "emulator.json")
	if err := os.WriteFile(readyFile, srv.Ready(cfg.Users).Marshal(), 0o600); err != nil {
		t.Fatal(err)
	}
	r := psRun{env: map[string]string{}}
	key := newSoftwareKey(t, r, true)

	// What New-EntraPasskeyCredential sends: the options document plus "pin".
	graph := []string{"--emulator", readyFile, "--no-cache"}
	credential := func(t *testing.T, user, name string) map[string]any {
		t.Helper()
		code, stdout, stderr := r.run(t, nil, append([]string{"get-options", user}, graph...)...)
		if code != 0 {
			t.Fatalf("get-options: exit %d: %s", code, stderr)
		}
		doc := decodeJSON(t, []byte(stdout))
		doc["pin"] = psGoldenPIN
		stdin, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr = r.run(t, stdin, "make-credential", "--device", key, "--display-name", name)
		if code != 0 {
			t.Fatalf("make-credential: exit %d: %s", code, stderr)
		}
		return decodeJSON(t, []byte(stdout))
	}

	t.Run("binary path", func(t *testing.T) {
		cred := credential(t, "adele@contoso.example", "PS binary path")
		stdin, err := json.Marshal(cred)
		if err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := r.run(t, stdin, append([]string{"submit"}, graph...)...)
		if code != 0 {
			t.Fatalf("submit: exit %d: %s", code, stderr)
		}
		reg := decodeJSON(t, []byte(stdout))
		if m, _ := reg["method"].(map[string]any); m == nil || m["displayName"] != "PS binary path" {
			t.Errorf("submit's method = %v", reg["method"])
		}
	})

	t.Run("UseMgGraph body", func(t *testing.T) {
		// Another user: the key already holds adele's passkey (Graph excludes it).
		cred := credential(t, "alex@contoso.example", "PS MgGraph path")
		body, err := json.Marshal(graphBody(cred))
		if err != nil {
			t.Fatal(err)
		}
		token, err := srv.Token(emulator.DemoClientID, "")
		if err != nil {
			t.Fatal(err)
		}
		pem, err := os.ReadFile(srv.CAFile())
		if err != nil {
			t.Fatal(err)
		}
		roots := x509.NewCertPool()
		roots.AppendCertsFromPEM(pem)
		client := &http.Client{Timeout: 30 * time.Second,
			Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}}
		req, err := http.NewRequest(http.MethodPost, srv.URL()+"/v1.0/users/alex%40contoso.example/authentication/fido2Methods", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var created map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&created)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST fido2Methods = %d %v, want 201", resp.StatusCode, created)
		}
		if created["displayName"] != "PS MgGraph path" {
			t.Errorf("created displayName = %v", created["displayName"])
		}
	})
}
