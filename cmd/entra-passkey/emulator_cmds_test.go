package main

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
)

// cmdEmulator runs a Graph emulator inside the test process for one script, so the
// entra-passkey processes talk to it over real TLS and MSAL, and the script can inject
// faults and read the request log:
//
//	emulator start [SEED]              start it; sets ENTRA_PASSKEY_EMULATOR to its ready file
//	emulator fault ROUTE STATUS [N] [RETRY-AFTER]   answer the next N requests with STATUS
//	emulator fault ROUTE delay DURATION [N]         delay the next N requests
//	emulator fault register reset                   reset the connection after the next stored POST
//	emulator log                       print the request log (JSON lines) on stdout
//	emulator skew DURATION             shift the emulator's clock (e.g. -1h issues expired challenges)
//	emulator token VAR USER            put an app-only (USER "") or delegated access token in $VAR
func cmdEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: emulator start|fault|log|skew|token ...")
	}
	switch args[0] {
	case "start":
		startEmulator(ts, args[1:])
	case "fault":
		addFault(ts, scriptEmulator(ts), args[1:])
	case "log":
		for _, r := range scriptEmulator(ts).server.Requests() {
			b, err := json.Marshal(r)
			ts.Check(err)
			_, _ = ts.Stdout().Write(append(b, '\n'))
		}
	case "skew":
		if len(args) != 2 {
			ts.Fatalf("usage: emulator skew DURATION")
		}
		d, err := time.ParseDuration(args[1])
		ts.Check(err)
		scriptEmulator(ts).skew.Store(int64(d))
	case "token":
		if len(args) != 3 {
			ts.Fatalf("usage: emulator token VAR USER")
		}
		client := emulator.DemoClientID // app-only
		if args[2] != "" {
			client = emulator.DemoPublicClientID // delegated, as Graph Command Line Tools
		}
		tok, err := scriptEmulator(ts).server.Token(client, args[2])
		ts.Check(err)
		ts.Setenv(args[1], tok)
	default:
		ts.Fatalf("unknown emulator subcommand %q", args[0])
	}
}

// runningEmulator is the script's emulator; Setup puts an empty one in env.Values.
type runningEmulator struct {
	server *emulator.Server
	skew   atomic.Int64 // added to the emulator's clock
}

func scriptEmulator(ts *testscript.TestScript) *runningEmulator {
	e, ok := ts.Value("emulator").(*runningEmulator)
	if !ok || e.server == nil {
		ts.Fatalf("no emulator: run `emulator start` first")
	}
	return e
}

func startEmulator(ts *testscript.TestScript, args []string) {
	cfg := emulator.DefaultConfig()
	if len(args) == 1 {
		var err error
		cfg, err = emulator.Load(ts.MkAbs(args[0]))
		ts.Check(err)
	}
	e := ts.Value("emulator").(*runningEmulator)
	if e.server != nil {
		ts.Fatalf("the emulator is already running")
	}
	skew := &e.skew
	cfg.Now = func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	cfg.CertDir = ts.MkAbs(".emulator")
	s, err := emulator.Start(cfg)
	ts.Check(err)
	ts.Defer(func() { s.Close() })
	path := ts.MkAbs("emulator.json")
	ts.Check(os.WriteFile(path, s.Ready(cfg.Users).Marshal(), 0o600))
	ts.Setenv("ENTRA_PASSKEY_EMULATOR", path)
	ts.Setenv("EMULATOR_URL", s.URL())
	ts.Setenv("EMULATOR_CA", s.CAFile())
	ts.Setenv("EMULATOR_AUTHORITY", s.Authority())
	ts.Setenv("DEMO_CLIENT_ID", emulator.DemoClientID)
	ts.Setenv("DEMO_CLIENT_SECRET", emulator.DemoClientSecret)
	ts.Setenv("ENTRA_PASSKEY_CACHE_FILE", ts.MkAbs(".msal-cache.json"))
	e.server = s
}

func addFault(ts *testscript.TestScript, e *runningEmulator, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: emulator fault ROUTE STATUS|delay|reset ...")
	}
	route := emulator.Route(args[0])
	n := func(i int) int {
		if len(args) > i {
			v, err := strconv.Atoi(args[i])
			ts.Check(err)
			return v
		}
		return 1
	}
	switch args[1] {
	case "reset":
		e.server.Faults().ResetAfterStore()
	case "delay":
		if len(args) < 3 {
			ts.Fatalf("usage: emulator fault ROUTE delay DURATION [N]")
		}
		d, err := time.ParseDuration(args[2])
		ts.Check(err)
		e.server.Faults().Delay(route, n(3), d)
	default:
		status, err := strconv.Atoi(args[1])
		ts.Check(err)
		f := emulator.Fault{Route: route, Times: n(2), Status: status}
		if len(args) > 3 {
			f.RetryAfter = strings.TrimSpace(args[3])
		}
		e.server.Faults().Add(f)
	}
}
