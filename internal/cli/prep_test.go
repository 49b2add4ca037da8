package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// runWith is run with a terminal: prompt answers the no-echo prompts in turn, and
// confirm the yes/no question.
func runWith(t *testing.T, prompts []string, confirm string, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	deps := DefaultDeps()
	deps.Getenv = func(k string) string { return env[k] }
	s := Streams{In: strings.NewReader(""), Out: &out, Err: &errOut, InTerminal: true}
	s.Prompt = func(string) (string, error) {
		if len(prompts) == 0 {
			t.Fatal("more prompts than answers")
		}
		p := prompts[0]
		prompts = prompts[1:]
		return p, nil
	}
	s.Confirm = func(string) (string, error) { return confirm, nil }
	code = Main(args, s, deps)
	return out.String(), errOut.String(), code
}

func newVirtualKey(t *testing.T, pin string) (dir, device string) {
	t.Helper()
	dir = t.TempDir()
	path := filepath.Join(dir, "key.json")
	if err := virtual.Configure(path, func(st *virtual.State) error {
		if pin != "" {
			return st.SetPIN(pin)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return dir, "virtual:" + path
}

func field(t *testing.T, doc, name string) any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	return m[name]
}

// TestPrepDocumentsMatchSchemas runs every preparation command against a software key
// and checks each stdout document and stderr event against docs/schema.
func TestPrepDocumentsMatchSchemas(t *testing.T) {
	if !libfido2.Available {
		t.Skip("needs libfido2 (built without cgo)")
	}
	s := schemas(t)
	dir, device := newVirtualKey(t, "")
	id, _ := age.GenerateX25519Identity()
	env := map[string]string{"NEW": "59173826", "PIN": "59173826", "NEWER": "48151623"}
	steps := [][]string{
		{"pin", "set", "--new-pin-env", "NEW"},
		{"pin", "change", "--pin-env", "PIN", "--new-pin-env", "NEWER"},
		{"config", "min-pin-length", "8", "--rp-id", "login.microsoft.com", "--pin-env", "NEWER"},
		{"config", "force-pin-change", "--pin-env", "NEWER"},
		{"config", "force-pin-change", "--pin-env", "NEWER"}, // already pending: changed false
		{"pin", "change", "--pin-env", "NEWER", "--random", "--pin-out-age", id.Recipient().String()},
		{"reset", "--yes"},
		{"pin", "set", "--random", "--show-pin", "--pin-out", filepath.Join(dir, "pin.txt")},
		{"key-info"},
	}
	for _, args := range steps {
		args = append([]string{"--log-format", "json", "--debug"}, append(args, "--device", device)...)
		out, errOut, code := run(t, "", env, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, errOut)
		}
		if args[3] == "key-info" {
			validate(t, s["key-info"], "key-info", out)
			if field(t, out, "pinSet") != true || field(t, out, "maxPinLength") != float64(63) {
				t.Errorf("key-info: %s", out)
			}
		} else {
			validate(t, s["prep"], strings.Join(args[3:5], " "), out)
		}
		for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
			validate(t, s["event"], "stderr event", line)
		}
	}
}

// TestGeneratedPINGoesOnlyToItsDestination checks stdout, stderr (with --debug and in
// both formats), the directory and the key's state file for the PIN: only the chosen
// destination may hold it, and an age-encrypted one only in decryptable form.
func TestGeneratedPINGoesOnlyToItsDestination(t *testing.T) {
	if !libfido2.Available {
		t.Skip("needs libfido2 (built without cgo)")
	}
	id, _ := age.GenerateX25519Identity()
	for _, tt := range []struct {
		name string
		args []string
		// where returns the PIN from its destination.
		where func(t *testing.T, dir, out string) string
	}{
		{"file", []string{"--pin-out", "PIN_FILE"}, func(t *testing.T, dir, _ string) string {
			st, err := os.Stat(filepath.Join(dir, "pin.out"))
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("mode %04o", st.Mode().Perm())
			}
			b, _ := os.ReadFile(filepath.Join(dir, "pin.out"))
			return strings.TrimSuffix(string(b), "\n")
		}},
		{"age file", []string{"--pin-out", "PIN_FILE", "--pin-out-age", id.Recipient().String()}, func(t *testing.T, dir, _ string) string {
			b, _ := os.ReadFile(filepath.Join(dir, "pin.out"))
			return decryptPIN(t, id, string(b))
		}},
		{"age armored", []string{"--pin-out-age", id.Recipient().String()}, func(t *testing.T, _, out string) string {
			rp, _ := field(t, out, "randomPin").(map[string]any)
			armored, _ := rp["armored"].(string)
			return decryptPIN(t, id, armored)
		}},
		{"show", []string{"--show-pin"}, func(t *testing.T, _, out string) string {
			p, _ := field(t, out, "pin").(string)
			return p
		}},
	} {
		for _, format := range []string{"text", "json"} {
			t.Run(tt.name+" "+format, func(t *testing.T) {
				dir, device := newVirtualKey(t, "")
				var args []string
				for _, a := range tt.args {
					args = append(args, strings.ReplaceAll(a, "PIN_FILE", filepath.Join(dir, "pin.out")))
				}
				argv := append([]string{"--debug", "--log-format", format, "pin", "set", "--random", "--device", device}, args...)
				out, errOut, code := run(t, "", nil, argv...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				pin := tt.where(t, dir, out)
				if len(pin) != 8 {
					t.Fatalf("PIN from the destination: %d characters", len(pin))
				}
				// The key took exactly that PIN.
				env := map[string]string{"PIN": pin, "NEW": "48151623"}
				if _, e, c := run(t, "", env, "pin", "change", "--device", device, "--pin-env", "PIN", "--new-pin-env", "NEW"); c != 0 {
					t.Fatalf("the delivered PIN does not open the key: %s", e)
				}
				if strings.Contains(strings.Join(argv, " "), pin) {
					t.Error("the PIN is in argv")
				}
				if strings.Contains(errOut, pin) {
					t.Errorf("the PIN is on stderr:\n%s", errOut)
				}
				if tt.name != "show" && strings.Contains(out, pin) {
					t.Errorf("the PIN is on stdout:\n%s", out)
				}
				entries, _ := os.ReadDir(dir)
				for _, e := range entries {
					b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
					if e.Name() != "pin.out" || tt.name == "age file" {
						if strings.Contains(string(b), pin) {
							t.Errorf("the PIN is in %s", e.Name())
						}
					}
					if e.Name() != "pin.out" && !strings.HasPrefix(e.Name(), "key.json") {
						t.Errorf("left behind: %s", e.Name())
					}
				}
			})
		}
	}
}

func decryptPIN(t *testing.T, id *age.X25519Identity, armored string) string {
	t.Helper()
	r, err := age.Decrypt(armor.NewReader(strings.NewReader(armored)), id)
	if err != nil {
		t.Fatalf("decrypting: %v", err)
	}
	b, _ := io.ReadAll(r)
	return strings.TrimSuffix(string(b), "\n")
}

func TestPINFromPromptAndStdin(t *testing.T) {
	if !libfido2.Available {
		t.Skip("needs libfido2 (built without cgo)")
	}
	_, device := newVirtualKey(t, "")
	// Two prompts that differ: nothing changes.
	_, errOut, code := runWith(t, []string{"59173826", "59173827"}, "", nil, "pin", "set", "--device", device)
	if code != exitFailure || !strings.Contains(errOut, "the two new PINs differ") {
		t.Fatalf("mismatch: exit %d %s", code, errOut)
	}
	out, errOut, code := runWith(t, []string{"59173826", "59173826"}, "", nil, "pin", "set", "--device", device)
	if code != 0 || field(t, out, "pinSet") != true {
		t.Fatalf("prompted set: exit %d %s %s", code, out, errOut)
	}
	// stdin carries both PINs, as the PowerShell module sends them.
	out, errOut, code = run(t, `{"pin":"59173826","newPin":"48151623"}`, nil, "pin", "change", "--device", device)
	if code != 0 || field(t, out, "changed") != true {
		t.Fatalf("stdin change: exit %d %s %s", code, out, errOut)
	}
	_, errOut, code = run(t, `{"pin":48151623}`, nil, "pin", "change", "--device", device, "--random", "--show-pin")
	if code != exitFailure || !strings.Contains(errOut, `"pin" field must be a string`) {
		t.Fatalf("non-string pin: exit %d %s", code, errOut)
	}
	// No new PIN and no terminal.
	_, errOut, code = run(t, `{"pin":"48151623"}`, nil, "pin", "change", "--device", device)
	if code != exitFailure || !strings.Contains(errOut, "no new PIN given") {
		t.Fatalf("no new PIN: exit %d %s", code, errOut)
	}
}

func TestResetConfirmation(t *testing.T) {
	if !libfido2.Available {
		t.Skip("needs libfido2 (built without cgo)")
	}
	_, device := newVirtualKey(t, "59173826")
	_, errOut, code := runWith(t, nil, "n\n", nil, "reset", "--device", device)
	if code != exitFailure || !strings.Contains(errOut, "not confirmed") {
		t.Fatalf("declined: exit %d %s", code, errOut)
	}
	out, errOut, code := runWith(t, nil, "y\n", nil, "reset", "--device", device)
	if code != 0 || field(t, out, "pinSet") != false {
		t.Fatalf("confirmed: exit %d %s %s", code, out, errOut)
	}
}

// oldKey is a CTAP 2.0 key: a PIN, but no authenticatorConfig.
type oldKey struct{}

func (oldKey) Locations(context.Context) ([]fido.Location, error) {
	return []fido.Location{{Path: "/dev/hidraw9"}}, nil
}
func (oldKey) Open(context.Context, string) (fido.Device, error) { return oldKey{}, nil }
func (oldKey) Location() fido.Location                           { return fido.Location{Path: "/dev/hidraw9"} }
func (oldKey) Close() error                                      { return nil }
func (oldKey) Info(context.Context) (*fido.Info, error) {
	n := 8
	return &fido.Info{Versions: []string{"FIDO_2_0"}, AAGUID: "cb69481e-8ff7-4039-93ec-0a2729a154a8",
		Options: map[string]bool{"clientPin": true, "rk": true}, PINRetries: &n}, nil
}
func (oldKey) Holds(context.Context, string, [][]byte) (bool, error) { return false, nil }
func (oldKey) MakeCredential(context.Context, *fido.CredentialRequest) (*fido.Attestation, error) {
	return nil, fido.ErrUnsupported
}
func (oldKey) SetPIN(context.Context, fido.PIN) error              { return nil }
func (oldKey) ChangePIN(context.Context, fido.PIN, fido.PIN) error { return nil }
func (oldKey) SetMinPINLength(context.Context, int, []string, fido.PIN) error {
	return errors.New("sent")
}
func (oldKey) ForcePINChange(context.Context, fido.PIN) error { return errors.New("sent") }
func (oldKey) ToggleAlwaysUV(context.Context, fido.PIN) error { return errors.New("sent") }
func (oldKey) Reset(context.Context) error                    { return nil }

func TestConfigOnAKeyWithoutAuthenticatorConfig(t *testing.T) {
	for _, args := range [][]string{
		{"config", "min-pin-length", "8"},
		{"config", "force-pin-change"},
		{"config", "always-uv"},
	} {
		var out, errOut bytes.Buffer
		deps := DefaultDeps()
		deps.Getenv = func(string) string { return "" }
		deps.Opener = func() fido.Opener { return oldKey{} }
		code := Main(append([]string{"--log-format", "json"}, args...), Streams{In: strings.NewReader(""), Out: &out, Err: &errOut}, deps)
		if code != exitPrecondition || out.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q", args, code, out.String())
		}
		if !strings.Contains(errOut.String(), `"code":"unsupported_by_key"`) || !strings.Contains(errOut.String(), `authnrCfg`) ||
			!strings.Contains(errOut.String(), `"hint":"check `+"`entra-passkey key-info`") {
			t.Errorf("%v: %s", args, errOut.String())
		}
	}
}
