//go:build linux

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// BenchmarkBulkPlanGroup plans a job from a 10,000-user group (nested, paged 999 at a
// time, as Graph pages) with the policy check, in an entra-passkey process against the
// emulator over TLS. It reports the wall time and the process's peak RSS.
func BenchmarkBulkPlanGroup(b *testing.B) {
	for range b.N {
		b.StopTimer()
		r := newRollout(b, 10000)
		b.StartTimer()
		start := time.Now()
		cmd := r.command("--debug", "bulk", "plan", "--store", r.store, "--group", "Rollout wave 1", "--set-random-pin",
			"--pin-out-dir", r.pins, "--pin-out-age", r.identity.Recipient().String())
		var errOut strings.Builder
		cmd.Stderr = &errOut
		out, err := cmd.Output()
		wall := time.Since(start)
		if err != nil || !strings.Contains(string(out), `"total":10000`) {
			b.Fatalf("plan: %v %s\n%s", err, out, errOut.String())
		}
		b.ReportMetric(wall.Seconds(), "wall-s")
		if os.Getenv("BULK_BENCH_DEBUG") != "" {
			b.Log(errOut.String())
		}
		b.ReportMetric(float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)/1024, "peak-RSS-MB")
	}
}

// BenchmarkBulkRunStation runs a 1,000-user job in one station process (the station
// loop, software keys inserted as files when it asks for one, removed when it says so),
// and reports the time per user and where it goes: the Graph calls and the key work
// between the recorded steps.
func BenchmarkBulkRunStation(b *testing.B) {
	users := 1000
	if s := os.Getenv("BULK_BENCH_USERS"); s != "" {
		fmt.Sscan(s, &users)
	}
	for range b.N {
		b.StopTimer()
		r := newRollout(b, users)
		if out, err := r.command("bulk", "plan", "--store", r.store, "--group", "Rollout wave 1", "--set-random-pin",
			"--pin-out-dir", r.pins, "--pin-out-age", r.identity.Recipient().String(), "--min-pin-length", "8",
			"--force-pin-change").Output(); err != nil {
			b.Fatalf("plan: %v %s", err, out)
		}
		keyDir := filepath.Join(r.dir, "desk")
		os.Mkdir(keyDir, 0o700)
		cmd := r.command("--log-format", "json", "bulk", "run", "--store", r.store, "--station", "bench",
			"--virtual-key-dir", keyDir, "--poll", "1ms")
		stderr, _ := cmd.StderrPipe()
		b.StartTimer()
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		// Each interval between two events is charged to the later one: a step's time
		// is the work that ended in its record (a Graph call, key work, the store write).
		spent := map[string]time.Duration{}
		var last time.Time
		keys := 0
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var ev struct {
				Event, Message, Step, To string
				Time                     time.Time
			}
			if json.Unmarshal(sc.Bytes(), &ev) != nil || ev.Time.IsZero() {
				continue
			}
			label := ""
			switch {
			case ev.Event == "prompt" && strings.HasPrefix(ev.Message, "insert a key"):
				label = "lease, progress (before the prompt)"
				keys++
				virtual.Configure(filepath.Join(keyDir, fmt.Sprintf("k%05d.json", keys)), func(*virtual.State) error { return nil })
			case ev.Event == "prompt" && strings.HasPrefix(ev.Message, "remove the key"):
				label = "done -> removal prompt"
				files, _ := filepath.Glob(filepath.Join(keyDir, "*.json"))
				for _, f := range files {
					os.Remove(f)
				}
			case ev.Event == "task":
				label = stepLabel(ev.Step, ev.To)
			}
			if label != "" && !last.IsZero() {
				spent[label] += ev.Time.Sub(last)
			}
			if label != "" {
				last = ev.Time
			}
		}
		if err := cmd.Wait(); err != nil {
			b.Fatalf("bulk run: %v", err)
		}
		wall := time.Since(start)
		var work time.Duration
		for k, d := range spent {
			if !strings.HasPrefix(k, "waiting") {
				work += d
			}
		}
		b.ReportMetric(float64(wall.Milliseconds())/float64(users), "wall-ms/user")
		b.ReportMetric(float64(work.Microseconds())/1000/float64(users), "station-ms/user")
		var names []string
		for k := range spent {
			names = append(names, k)
		}
		sort.Slice(names, func(i, j int) bool { return spent[names[i]] > spent[names[j]] })
		for _, k := range names {
			b.Logf("%-26s %6.2f ms/user", k, float64(spent[k].Microseconds())/1000/float64(users))
		}
	}
}

// stepLabel names what ends in a recorded step.
func stepLabel(step, to string) string {
	switch {
	case step == "leased":
		return "key removal seen + lease"
	case step == "pin_sink":
		return "getInfo, then the hand-over intent (synced)"
	case to == "options":
		return "key inserted: open, getInfo, check + creation options (Graph GET)"
	case to == "prepared":
		return "random PIN: hand-over (age, fsync) + setPIN"
	case to == "made":
		return "makeCredential (key) + local verification"
	case to == "submitting":
		return "intent record (synced)"
	case to == "registered":
		return "POST fido2Methods (Graph)"
	case to == "verified" && step == "state":
		return "verify: GET method + probe, or configure the key"
	case to == "done":
		return "finish (store)"
	}
	return step + " -> " + to
}
