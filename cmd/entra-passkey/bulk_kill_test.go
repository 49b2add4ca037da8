package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// asBinaryEnv makes this test binary run as entra-passkey (TestMain), so the rollout
// tests below start, kill and restart real entra-passkey processes.
const asBinaryEnv = "ENTRA_PASSKEY_TEST_AS_BINARY"

// killPoints are the steps a station is killed at, one user each in turn: each state it
// records, and the hand-over recorded before the PIN is written and set.
var killPoints = []string{"leased", "options", "pin_sink", "prepared", "made", "submitting", "registered", "verified", "done"}

// rollout is a job against an in-process emulator, worked by entra-passkey processes.
type rollout struct {
	t        testing.TB
	emu      *emulator.Server
	dir      string
	store    string
	pins     string
	identity *age.X25519Identity
	env      []string
	logs     bytes.Buffer // every process's stderr
	keysMade int
}

const rolloutGroupID = "bbbbbbbb-0000-4000-8000-00000000000b"

func rolloutUser(i int) (id, upn string) {
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", 5000+i), fmt.Sprintf("member%02d@contoso.example", i)
}

func newRollout(t testing.TB, n int) *rollout {
	if !libfido2.Available {
		t.Skip("needs libfido2 (cgo)")
	}
	dir := t.TempDir()
	cfg := emulator.DefaultConfig()
	var members []string
	for i := range n {
		id, upn := rolloutUser(i)
		cfg.Users = append(cfg.Users, emulator.User{ID: id, UserPrincipalName: upn, DisplayName: fmt.Sprint("Member ", i)})
		members = append(members, id)
	}
	// Nested: half the users are in a group inside the rollout group.
	inner := "bbbbbbbb-0000-4000-8000-0000000000cc"
	cfg.Groups = append(cfg.Groups, emulator.Group{ID: rolloutGroupID, DisplayName: "Rollout wave 1", Members: append(members[:n/2:n/2], inner)},
		emulator.Group{ID: inner, DisplayName: "Wave 1 nested", Members: members[n/2:]})
	cfg.PageSize = 999 // Graph's largest page
	if n <= 100 {
		cfg.PageSize = 20 // several pages even for a small test
	}
	cfg.CertDir = filepath.Join(dir, "certs")
	s, err := emulator.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ready := filepath.Join(dir, "emulator.json")
	if err := os.WriteFile(ready, s.Ready(nil).Marshal(), 0o600); err != nil {
		t.Fatal(err)
	}
	id, _ := age.GenerateX25519Identity()
	r := &rollout{t: t, emu: s, dir: dir, store: filepath.Join(dir, "job.db"), pins: filepath.Join(dir, "handover"), identity: id}
	if err := os.Mkdir(r.pins, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "id.txt"), []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.env = append(os.Environ(), asBinaryEnv+"=1", "ENTRA_PASSKEY_EMULATOR="+ready,
		"ENTRA_PASSKEY_CACHE_FILE="+filepath.Join(dir, "msal-cache.json"), "ENTRA_PASSKEY_TOKEN_CACHE=file",
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "ENTRA_PASSKEY_DEVICE=")
	return r
}

func (r *rollout) command(args ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		r.t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = r.env
	return cmd
}

// run runs entra-passkey to the end and returns stdout and the exit code.
func (r *rollout) run(args ...string) ([]byte, int) {
	cmd := r.command(args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &r.logs
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		r.t.Fatal(err)
	}
	return out.Bytes(), code
}

// runUntil starts a station on key and SIGKILLs it as soon as it reports step: the
// kill lands right after that step was recorded, wherever the station then is.
func (r *rollout) runUntil(key, step string) (killed bool) {
	cmd := r.command("--log-format", "json", "--debug", "bulk", "run", "--store", r.store, "--device", "virtual:"+key,
		"--station", "desk-1", "--max-tasks", "1", "--pin-identity-file", filepath.Join(r.dir, "id.txt"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		r.logs.Write(append(line, '\n'))
		var ev struct{ Event, Step, To string }
		if json.Unmarshal(line, &ev) == nil && ev.Event == "task" && !killed &&
			(ev.Step == step || (ev.Step == "state" || ev.Step == "leased") && ev.To == step) {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
		}
	}
	io.Copy(&r.logs, stderr)
	cmd.Wait()
	return killed
}

func (r *rollout) key(i int) string {
	path := filepath.Join(r.dir, fmt.Sprintf("key%02d.json", i))
	if err := virtual.Configure(path, func(*virtual.State) error { return nil }); err != nil {
		r.t.Fatal(err)
	}
	return path
}

// A rollout whose station is SIGKILLed at every step of the state machine in turn (one
// user each), with one Graph request in ten failing, then restarted under the same name:
// every user ends with exactly one method, every random PIN is in its sealed hand-over
// and on its key, the report holds every user, and no PIN is anywhere else.
func TestBulkRolloutSurvivesSIGKILLAtEveryStep(t *testing.T) {
	n := 50
	if testing.Short() {
		n = len(killPoints)
	}
	r := newRollout(t, n)
	out, code := r.run("bulk", "plan", "--store", r.store, "--group", "Rollout wave 1", "--set-random-pin",
		"--pin-out-dir", r.pins, "--pin-out-age", r.identity.Recipient().String(), "--min-pin-length", "8",
		"--force-pin-change", "--remove-from-group")
	var plan struct {
		Total  int            `json:"total"`
		Counts map[string]int `json:"counts"`
	}
	if code != 0 || json.Unmarshal(out, &plan) != nil || plan.Total != n || plan.Counts["planned"] != n {
		t.Fatalf("plan (exit %d): %s\n%s", code, out, r.logs.String())
	}
	rng := rand.New(rand.NewPCG(12, 3))
	faults := r.emu.Faults()
	routes := []emulator.Route{emulator.RouteCreationOptions, emulator.RouteRegister, emulator.RouteList, emulator.RouteGet, emulator.RouteToken, emulator.RouteRemoveMember}
	injectFaults := func() { faults.Sprinkle(rng, 8, routes, "0.05") } // about eight Graph requests a run
	keys := map[int]string{}
	notKilled := 0
	for i := range n {
		keys[i] = r.key(i)
		injectFaults()
		if !r.runUntil(keys[i], killPoints[i%len(killPoints)]) {
			notKilled++
		}
		// Restarted under its name, the station takes its own task back at once (unless
		// it was killed after recording done: then the next user needs a new key).
		for attempt := 0; !r.done(rolloutUserUPN(i)); attempt++ {
			injectFaults()
			out, code := r.run("bulk", "run", "--store", r.store, "--device", "virtual:"+keys[i], "--station", "desk-1",
				"--max-tasks", "1", "--pin-identity-file", filepath.Join(r.dir, "id.txt"))
			if code == 0 {
				break
			}
			if attempt == 3 {
				t.Fatalf("user %d: bulk run exit %d: %s\n%s", i, code, out, tail(r.logs.String(), 4000))
			}
			r.run("bulk", "retry", "--store", r.store) // a recorded failure, resumed where it stopped
		}
	}
	if notKilled > n/10 {
		t.Errorf("%d of %d stations finished before the kill", notKilled, n)
	}
	faults.Clear()
	r.checkOutcome(n, keys)
}

func rolloutUserUPN(i int) string { _, upn := rolloutUser(i); return upn }

// done reports whether the report says the user's task is done.
func (r *rollout) done(upn string) bool {
	out, code := r.run("bulk", "report", "--store", r.store, "--format", "jsonl")
	if code != 0 {
		r.t.Fatalf("report exit %d", code)
	}
	for _, line := range bytes.Split(out, []byte("\n")) {
		var rec struct{ UserPrincipalName, Outcome string }
		if json.Unmarshal(line, &rec) == nil && rec.UserPrincipalName == upn {
			return rec.Outcome == "done"
		}
	}
	return false
}

func (r *rollout) checkOutcome(n int, keys map[int]string) {
	t := r.t
	out, _ := r.run("bulk", "status", "--store", r.store)
	var status struct {
		Counts   map[string]int `json:"counts"`
		Finished bool           `json:"finished"`
	}
	if json.Unmarshal(out, &status) != nil || status.Counts["done"] != n || !status.Finished {
		t.Fatalf("status: %s", out)
	}
	// Running the finished job again does nothing and says so.
	if out, code := r.run("bulk", "run", "--store", r.store, "--device", "virtual:"+keys[0], "--station", "desk-2"); code != 0 ||
		!strings.Contains(r.logs.String(), "nothing to do") {
		t.Errorf("a finished job: exit %d, %s", code, out)
	}
	report, code := r.run("bulk", "report", "--store", r.store, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("report exit %d", code)
	}
	records := map[string]map[string]any{}
	for _, line := range bytes.Split(bytes.TrimSpace(report), []byte("\n")) {
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatalf("report line %q: %v", line, err)
		}
		records[rec["userPrincipalName"].(string)] = rec
	}
	var pins []string
	for i := range n {
		id, upn := rolloutUser(i)
		methods := r.emu.Methods(id)
		if len(methods) != 1 {
			t.Errorf("%s has %d methods, want exactly 1", upn, len(methods))
			continue
		}
		rec := records[upn]
		if rec == nil || rec["outcome"] != "done" || rec["methodId"] != methods[0].ID || rec["station"] != "desk-1" {
			t.Errorf("%s: report %v, want done with method %s", upn, rec, methods[0].ID)
		}
		pin := r.openHandover(upn)
		st, err := virtual.ReadState(keys[i])
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256([]byte(pin))
		if !bytes.Equal(st.PINHash, h[:16]) {
			t.Errorf("%s: the key's PIN is not the one in the hand-over", upn)
		}
		if !st.ForcePINChange || st.MinPINLength < 8 {
			t.Errorf("%s: the key was not finished (forcePinChange %v, minPinLength %d)", upn, st.ForcePINChange, st.MinPINLength)
		}
		pins = append(pins, pin)
	}
	events, _ := r.run("bulk", "events", "--store", r.store)
	store, _ := os.ReadFile(r.store)
	wal, _ := os.ReadFile(r.store + "-wal")
	var requests bytes.Buffer
	json.NewEncoder(&requests).Encode(r.emu.Requests())
	for _, pin := range pins {
		for name, b := range map[string][]byte{"store": store, "store WAL": wal, "report": report, "events": events,
			"stderr (--debug)": r.logs.Bytes(), "emulator log": requests.Bytes()} {
			if bytes.Contains(b, []byte(pin)) {
				t.Errorf("a PIN is in the %s", name)
			}
		}
	}
	statuses := map[int]int{}
	for _, req := range r.emu.Requests() {
		statuses[req.Status]++
	}
	if statuses[429] == 0 || statuses[503] == 0 || !strings.Contains(r.logs.String(), "registration_reconciled") {
		t.Errorf("the faults did not all fire: statuses %v, reconciled %v", statuses, strings.Contains(r.logs.String(), "registration_reconciled"))
	}
}

// openHandover decrypts a user's hand-over with the job's identity.
func (r *rollout) openHandover(upn string) string {
	f, err := os.Open(filepath.Join(r.pins, upn+".age"))
	if err != nil {
		r.t.Fatalf("%s: no hand-over: %v", upn, err)
	}
	defer f.Close()
	plain, err := age.Decrypt(armor.NewReader(f), r.identity)
	if err != nil {
		r.t.Fatal(err)
	}
	b, _ := io.ReadAll(plain)
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(line)
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// station runs `bulk run` in its station loop (software keys are "inserted" as files in
// a directory) and answers its prompts: a new key when asked for one, the key taken out
// when asked to remove it. onStep may signal the process; it returns the exit code.
func (r *rollout) station(keyDir string, onStep func(cmd *exec.Cmd, step, to, user string)) int {
	cmd := r.command("--log-format", "json", "bulk", "run", "--store", r.store, "--station", "desk-9",
		"--virtual-key-dir", keyDir, "--poll", "20ms", "--pin-identity-file", filepath.Join(r.dir, "id.txt"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		r.t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inserted := 0
	for sc.Scan() {
		line := sc.Bytes()
		r.logs.Write(append(line, '\n'))
		var ev struct{ Event, Message, Step, To, User string }
		if json.Unmarshal(line, &ev) != nil {
			continue
		}
		switch {
		case ev.Event == "prompt" && strings.HasPrefix(ev.Message, "insert a key"):
			if present, _ := filepath.Glob(filepath.Join(keyDir, "*.json")); len(present) > 0 {
				continue // the interrupted task's key is still in the reader
			}
			inserted++
			r.keysMade++
			path := filepath.Join(keyDir, fmt.Sprintf("station-key-%02d.json", r.keysMade))
			if err := virtual.Configure(path, func(st *virtual.State) error {
				st.Faults.TouchDelay = time.Second // a person takes a moment to touch (and Ctrl-C lands meanwhile)
				return nil
			}); err != nil {
				r.t.Fatal(err)
			}
		case ev.Event == "prompt" && strings.HasPrefix(ev.Message, "remove the key"):
			files, _ := filepath.Glob(filepath.Join(keyDir, "*.json"))
			for _, f := range files {
				os.Rename(f, f+".removed")
			}
		case ev.Event == "task" && onStep != nil:
			onStep(cmd, ev.Step, ev.To, ev.User)
		}
	}
	cmd.Wait()
	return cmd.ProcessState.ExitCode()
}

// The station loop at a desk: it asks for a key, works the task, asks for the key to be
// removed and waits; the first Ctrl-C finishes the step under way and stops (exit 130),
// the second cancels a touch being waited for; started again, the station resumes.
func TestBulkStationLoopAndCtrlC(t *testing.T) {
	const n = 4
	r := newRollout(t, n)
	if _, code := r.run("bulk", "plan", "--store", r.store, "--group", rolloutGroupID, "--set-random-pin",
		"--pin-out-dir", r.pins, "--pin-out-age", r.identity.Recipient().String()); code != 0 {
		t.Fatalf("plan: %s", r.logs.String())
	}
	keyDir := filepath.Join(r.dir, "desk")
	os.Mkdir(keyDir, 0o700)
	// One Ctrl-C once the second user's key has its PIN: the station makes the
	// credential (the step under way), records it, and stops.
	signalled := false
	code := r.station(keyDir, func(cmd *exec.Cmd, step, to, user string) {
		if !signalled && to == "prepared" && strings.Contains(user, "member01") {
			cmd.Process.Signal(os.Interrupt)
			signalled = true
		}
	})
	if code != 130 || !strings.Contains(r.logs.String(), "stopping after the step under way") {
		t.Fatalf("first Ctrl-C: exit %d\n%s", code, tail(r.logs.String(), 3000))
	}
	if !strings.Contains(r.logs.String(), `"to":"made","user":"Member 1 (member01@contoso.example)"`) {
		t.Errorf("the step under way (the credential) was not finished and recorded")
	}
	// Two Ctrl-Cs while the third user's touch is awaited: the key operation is
	// cancelled, nothing past the recorded step happens.
	var second bool
	mark := r.logs.Len()
	code = r.station(keyDir, func(cmd *exec.Cmd, step, to, user string) {
		if !second && to == "prepared" && strings.Contains(user, "member02") {
			cmd.Process.Signal(os.Interrupt)
			time.Sleep(50 * time.Millisecond)
			cmd.Process.Signal(os.Interrupt)
			second = true
		}
	})
	if code != 130 {
		t.Fatalf("second Ctrl-C: exit %d\n%s", code, tail(r.logs.String(), 3000))
	}
	if run := r.logs.String()[mark:]; strings.Contains(run, `"to":"made","user":"Member 2`) || !strings.Contains(run, `"code":"cancelled"`) {
		t.Errorf("the second Ctrl-C did not cancel the touch (%d bytes):\n%s", len(run), tail(run, 3000))
	}
	// Started again: it finishes the interrupted task on the key still in the reader
	// and works the rest.
	if code := r.station(keyDir, nil); code != 0 {
		t.Fatalf("resumed station: exit %d\n%s", code, tail(r.logs.String(), 3000))
	}
	for i := range n {
		id, upn := rolloutUser(i)
		if m := r.emu.Methods(id); len(m) != 1 {
			t.Errorf("%s has %d methods, want 1", upn, len(m))
		}
	}
}
