package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// run calls Main as the process would, with buffers for the streams.
func run(t *testing.T, stdin string, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	deps := DefaultDeps()
	deps.Getenv = func(k string) string { return env[k] }
	code = Main(args, Streams{In: strings.NewReader(stdin), Out: &out, Err: &errOut}, deps)
	return out.String(), errOut.String(), code
}

// schemas compiles docs/schema/*.schema.json.
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	dir := filepath.Join("..", "..", "docs", "schema")
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	files, _ := filepath.Glob(filepath.Join(dir, "*.schema.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var id struct {
			ID string `json:"$id"`
		}
		_ = json.Unmarshal(data, &id)
		if err := c.AddResource(id.ID, doc); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".schema.json")
		out[name] = c.MustCompile("https://github.com/entra-passkey/entra-passkey/docs/schema/" + filepath.Base(f))
	}
	return out
}

func validate(t *testing.T, s *jsonschema.Schema, what, doc string) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", what, err, doc)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not match its schema: %v\n%s", what, err, doc)
	}
}

// TestDocumentsMatchSchemas runs every key command against a software key and checks
// each stdout document and each stderr JSON event against docs/schema.
func TestDocumentsMatchSchemas(t *testing.T) {
	if !libfido2.Available {
		t.Skip("needs libfido2 (built without cgo)")
	}
	s := schemas(t)
	dir := t.TempDir()
	keyPath := filepath.Join(dir, "key.json")
	if err := virtual.Configure(keyPath, func(st *virtual.State) error { return st.SetPIN("48151623") }); err != nil {
		t.Fatal(err)
	}
	device := "virtual:" + keyPath
	env := map[string]string{"PIN": "48151623", "WRONG": "00000000"}
	options := fixtureOptions(t)

	out, _, code := run(t, "", env, "version")
	mustOK(t, code)
	validate(t, s["version"], "version", out)

	out, _, code = run(t, "", env, "devices", "--device", device, "--info")
	mustOK(t, code)
	validate(t, s["devices"], "devices", out)

	out, _, code = run(t, "", env, "key-info", "--device", device)
	mustOK(t, code)
	validate(t, s["key-info"], "key-info", out)

	cred, errOut, code := run(t, options, env, "--log-format", "json", "make-credential", "--device", device, "--pin-env", "PIN")
	mustOK(t, code)
	validate(t, s["credential"], "make-credential", cred)
	for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
		validate(t, s["event"], "stderr event", line)
	}

	optFile := filepath.Join(dir, "options.json")
	_ = os.WriteFile(optFile, []byte(options), 0o600)
	out, _, code = run(t, cred, env, "verify", "--options", optFile)
	mustOK(t, code)
	validate(t, s["verification"], "verify", out)

	_, errOut, code = run(t, options, env, "--log-format", "json", "make-credential", "--device", device, "--pin-env", "WRONG")
	if code != exitFailure {
		t.Errorf("wrong PIN exit code %d, want %d", code, exitFailure)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	last := lines[len(lines)-1]
	validate(t, s["event"], "error event", last)
	if !strings.Contains(last, `"code":"pin_invalid"`) || !strings.Contains(last, `"retries":7`) {
		t.Errorf("error event %s, want pin_invalid with 7 retries", last)
	}
	if strings.Contains(errOut, "00000000") {
		t.Error("the PIN reached stderr")
	}
}

func mustOK(t *testing.T, code int) {
	t.Helper()
	if code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

func fixtureOptions(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "creation-options.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	_ = json.Unmarshal(data, &doc)
	doc["challengeTimeoutDateTime"] = time.Now().Add(5 * time.Minute).UTC().Format(time.RFC3339)
	b, _ := json.Marshal(doc)
	return string(b)
}

func TestExitCodesAndRendering(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"no-such-command"}, exitUsage, "entra-passkey: error: unexpected argument no-such-command\nentra-passkey: hint: see `entra-passkey --help`\n"},
		{[]string{"make-credential", "--pin", "1234"}, exitUsage, "entra-passkey: error: unknown flag --pin, did you mean one of \"--pin-file\", \"--pin-env\""},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, "", nil, tt.args...)
		if code != tt.wantCode || out != "" || !strings.HasPrefix(errOut, tt.wantErr) {
			t.Errorf("%v: code %d stdout %q stderr %q; want %d and stderr starting %q", tt.args, code, out, errOut, tt.wantCode, tt.wantErr)
		}
	}
}
