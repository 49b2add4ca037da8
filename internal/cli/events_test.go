package cli

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// TestRegressionTextModePrintsNothingRaw: strings from Graph or a document can neither
// clear the screen nor forge a line on stderr (security review finding 13).
func TestRegressionTextModePrintsNothingRaw(t *testing.T) {
	var buf bytes.Buffer
	ev := &events{w: &buf, now: time.Now}
	ev.Info("registering for evil\x1b[2J\x1b]0;pwned\a\nentra-passkey: registered method OK\u2028\u009b\xff")
	ev.reportError(&codedError{code: "graph_bad_request", msg: "graph said \x1b[31mred\r\nentra-passkey: fake line", hint: "tab\there"})
	out := buf.String()
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("%d lines, want 3 (the info, the error, the hint):\n%s", n, out)
	}
	for _, bad := range []string{"\x1b", "\a", "\r", "\u2028", "\u009b", "\xff", "\t"} {
		if strings.Contains(out, bad) {
			t.Errorf("stderr holds %q raw:\n%q", bad, out)
		}
	}
	for _, want := range []string{`evil\x1b[2J\x1b]0;pwned\x07\x0aentra-passkey: registered method OK\u2028\u009b\xff`, `red\x0d\x0aentra-passkey: fake line`, `tab\x09here`} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr lacks the escaped %q:\n%s", want, out)
		}
	}
}

// TestRegressionSecretsRedactedOnStderr: a secret read from a file or the environment
// is redacted from every event and error, raw, URL-encoded and JSON-escaped, in both
// formats (security review finding 5).
func TestRegressionSecretsRedactedOnStderr(t *testing.T) {
	secret := `Ab+cd/ef=gh~"SECRET\123`
	for _, jsonFormat := range []bool{false, true} {
		var buf bytes.Buffer
		ev := &events{w: &buf, now: time.Now, json: jsonFormat, debug: true}
		ev.addSecret(secret)
		ev.Warn("auth_warning", "echo: client_secret=Ab%2Bcd%2Fef%3Dgh~%22SECRET%5C123")
		ev.Info(`{"client_secret":"Ab+cd/ef=gh~\"SECRET\\123"}`)
		ev.reportError(errors.Join(&codedError{code: "auth_failed", msg: "refused " + secret}))
		if out := buf.String(); strings.Contains(out, "SECRET") {
			t.Errorf("json=%v: a secret reached stderr:\n%s", jsonFormat, out)
		}
	}
}

func TestExitCodeForRegisteredFailure(t *testing.T) {
	var buf bytes.Buffer
	ev := &events{w: &buf, now: time.Now, json: true}
	code := ev.reportError(&registeredError{&codedError{code: "record_failed", msg: "disk full"}})
	if code != exitRegistered || !strings.Contains(buf.String(), `"registered":true`) || !strings.Contains(buf.String(), `"code":"record_failed"`) {
		t.Errorf("exit %d, %s; want 3 with registered and the original code", code, buf.String())
	}
	buf.Reset()
	if code := ev.reportError(errors.New("plain")); code != exitFailure || !strings.Contains(buf.String(), `"code":"internal"`) {
		t.Errorf("an uncoded error: exit %d, %s; want 1 and code internal", code, buf.String())
	}
}

// TestRegressionProgressLineForNoAnswer: a retry after a refused or reset connection
// says so, not "Graph answered 0" (security review 16).
func TestRegressionProgressLineForNoAnswer(t *testing.T) {
	var buf bytes.Buffer
	a := &app{events: &events{w: &buf, now: time.Now}}
	a.observeCall(graph.Call{Method: "POST", Path: "/v1.0/users/x/authentication/fido2Methods", Error: "connection refused", Wait: time.Second, Attempt: 1})
	if out := buf.String(); strings.Contains(out, "answered 0") || !strings.Contains(out, "no answer from Graph (connection refused) to POST") {
		t.Errorf("progress line %q", out)
	}
}

// TestRegressionPromptsEscapeControlCharacters: the key's product name and Graph's
// model reach the terminal in prompts and confirmations; they are escaped there too.
func TestRegressionPromptsEscapeControlCharacters(t *testing.T) {
	a := &app{ctx: context.Background()}
	var asked string
	_, _ = a.ask(func(q string) (string, error) { asked = q; return "", nil }, "delete the key \x1b[2Jmodel\r?\nreally? ")
	if strings.ContainsAny(asked, "\x1b\r") || !strings.Contains(asked, `\x1b[2Jmodel\x0d?`+"\nreally? ") {
		t.Errorf("asked %q", asked)
	}
}
