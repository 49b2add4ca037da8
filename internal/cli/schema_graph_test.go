//go:build !windows

package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// TestGraphDocumentsMatchSchemas runs the emulator command as the product does, then
// every Graph command against it with a software key, and checks each stdout document
// and stderr event against docs/schema.
func TestGraphDocumentsMatchSchemas(t *testing.T) {
	if !libfido2.Available {
		t.Skip("needs libfido2 (built without cgo)")
	}
	s := schemas(t)
	dir := t.TempDir()
	ready := filepath.Join(dir, "emulator.json")
	emuOut := make(chan string, 1)
	go func() {
		out, _, _ := run(t, "", nil, "emulator", "--ready-file", ready, "--quiet")
		emuOut <- out
	}()
	waitForFile(t, ready)
	defer func() {
		// The emulator command stops on SIGINT, as it does at a terminal.
		_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
		select {
		case out := <-emuOut:
			validate(t, s["emulator"], "emulator", out)
		case <-time.After(10 * time.Second):
			t.Error("the emulator command did not stop on SIGINT")
		}
		if _, err := os.Stat(ready); !os.IsNotExist(err) {
			t.Errorf("the ready file outlived the emulator: %v", err)
		}
	}()
	data, _ := os.ReadFile(ready)
	validate(t, s["emulator"], "ready file", string(data))

	keyPath := filepath.Join(dir, "key.json")
	if err := virtual.Configure(keyPath, func(st *virtual.State) error { return st.SetPIN("48151623") }); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PIN": "48151623"}
	graphFlags := []string{"--emulator", ready, "--cache-file", filepath.Join(dir, "cache.json"), "--token-cache", "file"}
	cmd := func(stdin string, args ...string) string {
		t.Helper()
		// The Graph flags go before a "--" (method ids may start with '-').
		var tail []string
		if i := slices.Index(args, "--"); i >= 0 {
			args, tail = args[:i:i], args[i:]
		}
		args = append(append(append([]string{"--log-format", "json"}, args...), graphFlags...), tail...)
		out, errOut, code := run(t, stdin, env, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, errOut)
		}
		for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
			if line != "" {
				validate(t, s["event"], "stderr event of "+args[2], line)
			}
		}
		return out
	}
	device := "virtual:" + keyPath

	validate(t, s["registration"], "register", cmd("", "register", "adele@contoso.example", "--device", device, "--pin-env", "PIN"))
	opts := cmd("", "get-options", "alex@contoso.example")
	validate(t, s["options"], "get-options", opts)
	credArgs := []string{"--log-format", "json", "make-credential", "--device", device, "--pin-env", "PIN"}
	cred, _, code := run(t, opts, env, credArgs...)
	mustOK(t, code)
	validate(t, s["credential"], "make-credential of get-options' document", cred)
	validate(t, s["registration"], "submit", cmd(cred, "submit"))
	list := cmd("", "methods", "list", "alex@contoso.example")
	validate(t, s["methods"], "methods list", list)
	id := regexp.MustCompile(`"id":"([A-Za-z0-9_-]+)"`).FindStringSubmatch(list)
	if id == nil {
		t.Fatalf("no method id in %s", list)
	}
	validate(t, s["methods"], "methods delete", cmd("", "methods", "delete", "--yes", "alex@contoso.example", "--", id[1]))
	// What the key holds (adele's, and alex's orphan), verification, deleting the orphan.
	creds := cmd("", "key", "credentials", "--device", device, "--pin-env", "PIN")
	validate(t, s["key-credentials"], "key credentials", creds)
	validate(t, s["confirmation"], "verify-registration", cmd("", "verify-registration", "adele@contoso.example", "--device", device, "--pin-env", "PIN"))
	orphan := regexp.MustCompile(`"credentialId":"([A-Za-z0-9_-]+)"[^}]*"status":"orphan"`).FindStringSubmatch(creds)
	if orphan == nil {
		t.Fatalf("no orphan in %s", creds)
	}
	deleted, _, code := run(t, "", env, "key", "credentials", "delete", "--yes", "--device", device, "--pin-env", "PIN", "--credential-id", orphan[1])
	mustOK(t, code)
	validate(t, s["key-credential-deleted"], "key credentials delete", deleted)
	// A recovery onto a second key: adele's method on the first is lost.
	adele := regexp.MustCompile(`"id":"([A-Za-z0-9_-]+)"`).FindStringSubmatch(cmd("", "methods", "list", "adele@contoso.example"))
	if adele == nil {
		t.Fatal("adele has no method")
	}
	second := filepath.Join(dir, "second.json")
	if err := virtual.Configure(second, func(st *virtual.State) error { return st.SetPIN("48151623") }); err != nil {
		t.Fatal(err)
	}
	validate(t, s["recovery"], "recover", cmd("", "recover", "adele@contoso.example", "--device", "virtual:"+second, "--pin-env", "PIN",
		"--lost", adele[1], "--revoke-sessions", "--tap-out", filepath.Join(dir, "tap.json"), "--yes"))
	fresh := filepath.Join(dir, "fresh.json")
	if err := virtual.Configure(fresh, func(*virtual.State) error { return nil }); err != nil {
		t.Fatal(err)
	}
	validate(t, s["registration"], "register with preparation", cmd("", "register", "helpdesk@contoso.example", "--device", "virtual:"+fresh,
		"--set-random-pin", "--pin-out", filepath.Join(dir, "helpdesk-pin.txt"), "--show-pin", "--min-pin-length", "10", "--force-pin-change"))
	// A rollout: the plan, a station's run (its JSON events checked above), the status,
	// and the report's lines, which are registration records.
	store := filepath.Join(dir, "job.db")
	handover := filepath.Join(dir, "handover")
	if err := os.Mkdir(handover, 0o700); err != nil {
		t.Fatal(err)
	}
	validate(t, s["bulk-plan"], "bulk plan", cmd("", "bulk", "plan", "--store", store, "--group", "Passkey rollout",
		"--set-random-pin", "--pin-out-dir", handover, "--pin-out-plain"))
	rolloutKey := filepath.Join(dir, "rollout.json")
	if err := virtual.Configure(rolloutKey, func(*virtual.State) error { return nil }); err != nil {
		t.Fatal(err)
	}
	validate(t, s["bulk-status"], "bulk run", cmd("", "bulk", "run", "--store", store, "--device", "virtual:"+rolloutKey, "--station", "desk"))
	status, _, code := run(t, "", nil, "bulk", "status", "--store", store)
	mustOK(t, code)
	validate(t, s["bulk-status"], "bulk status", status)
	report, _, code := run(t, "", nil, "bulk", "report", "--store", store)
	mustOK(t, code)
	if lines := strings.Split(strings.TrimSpace(report), "\n"); len(lines) != 4 {
		t.Errorf("report: %d lines, want one per user of the group (4)", len(lines))
	} else {
		for _, line := range lines {
			validate(t, s["registration"], "bulk report line", line)
		}
	}
	validate(t, s["policy"], "policy show", cmd("", "policy", "show"))
	validate(t, s["identity"], "whoami", cmd("", "whoami"))
	validate(t, s["identity"], "login", cmd("", "login", "--auth", "device-code"))
	validate(t, s["identity"], "logout", cmd("", "logout", "--auth", "device-code"))
}

func waitForFile(t *testing.T, path string) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("%s did not appear", path)
}
