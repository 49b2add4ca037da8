package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdExclude writes creation options whose excludeCredentials name the credential in a
// make-credential output, as Graph does for a user's registered keys:
//
//	exclude CREDENTIAL OPTIONS OUT
//
// The id is written the way older Graph builds did (base64url plus a digit counting the
// stripped padding), so the scripts also exercise the lenient decoding.
func cmdExclude(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: exclude CREDENTIAL OPTIONS OUT")
	}
	var cred struct {
		PublicKeyCredential struct {
			ID string `json:"id"`
		} `json:"publicKeyCredential"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &cred))
	raw, err := base64.RawURLEncoding.DecodeString(cred.PublicKeyCredential.ID)
	ts.Check(err)
	padded := base64.URLEncoding.EncodeToString(raw)
	pad := len(padded) - len(strings.TrimRight(padded, "="))
	id := strings.TrimRight(padded, "=") + string(rune('0'+pad))

	var opts map[string]any
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[1])), &opts))
	pk := opts["publicKey"].(map[string]any)
	pk["excludeCredentials"] = []any{map[string]any{"type": "public-key", "id": id, "transports": []string{"usb", "nfc"}}}
	out, err := json.Marshal(opts)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o600))
}

// cmdExitCode runs a command and checks its exit code, which `! exec` cannot:
//
//	exit-code N command [args...]
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exit-code N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("running %s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// cmdSleep pauses the script: sleep DURATION.
func cmdSleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}
