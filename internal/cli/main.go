package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/alecthomas/kong"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/backends"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// Deps are what commands need from outside; tests replace them.
type Deps struct {
	Getenv func(string) string
	Now    func() time.Time
	// Opener returns the key backend; it is called only by commands that use keys. Nil
	// means the backends --backend selects (backends.Select).
	Opener func() fido.Opener
}

// DefaultDeps are the real process's dependencies.
func DefaultDeps() Deps {
	return Deps{Getenv: os.Getenv, Now: time.Now}
}

// useBackend makes a.Opener the backends choice selects, unless a test gave its own.
// The choice is made on first use, so a command that touches no key does not load
// webauthn.dll or read its token's elevation. kong's enum has checked choice.
func (a *app) useBackend(choice string) {
	var (
		once sync.Once
		mux  *fido.Mux
		c    backends.Choice
	)
	sel := func() {
		var err error
		if mux, c, err = backends.Select(choice); err != nil {
			mux, c = fido.NewMux(), backends.Choice{Backend: "none", Reason: err.Error()}
		}
	}
	a.backend = func() backends.Choice { once.Do(sel); return c }
	if a.Deps.Opener == nil {
		a.Deps.Opener = func() fido.Opener { once.Do(sel); return mux }
	}
}

// app is bound into every command's Run.
type app struct {
	Streams
	Deps
	events *events
	ctx    context.Context
	// devices are the keys the command opened; Main closes them when it ends, so a
	// command opens each key once however many commands it sends.
	devices []fido.Device
	// stopping is closed by the first Ctrl-C of a command that stops between steps
	// (bulk run); ctx is cancelled by the second. For other commands both come at once.
	stopping <-chan struct{}
	// backend says which key backend serves first, and why (chosen on first use).
	backend func() backends.Choice
	// callObservers also receive every Graph attempt (a rollout collects request ids).
	callObservers []func(graph.Call)
	// keyPIN is the key's PIN once a command has asked for it: stdin and the terminal
	// are asked once per process, however many key commands need it.
	keyPIN *enroll.KeyPIN
}

// keep makes Main close dev when the command ends.
func (a *app) keep(dev fido.Device) fido.Device {
	a.devices = append(a.devices, dev)
	return dev
}

func (a *app) closeDevices() {
	for _, dev := range a.devices {
		if err := fido.CloseDevice(dev); err != nil {
			a.events.Debugf("closing %s: %v", dev.Location().Path, err)
		}
	}
	a.devices = nil
}

// commandGroups head the command list in --help: production commands by task, the
// test tools apart.
var commandGroups = []kong.Group{
	{Key: "register", Title: "Register a key for a user:"},
	{Key: "keys", Title: "Keys (inventory and preparation):"},
	{Key: "graph", Title: "Entra ID methods and policy:"},
	{Key: "signin", Title: "Sign-in:"},
	{Key: "bulk", Title: "Rollouts (many users, many keys):"},
	{Key: "test", Title: "Test tools (software keys, the Graph emulator; never for production):"},
}

// exitRequest carries kong's exit (after --help) out of the parser without os.Exit.
type exitRequest struct{ code int }

// Main runs the command line and returns the process's exit code. Nothing below it
// exits the process.
func Main(args []string, streams Streams, deps Deps) (code int) {
	grammar := grammarFor(args)
	ev := &events{w: streams.Err, now: deps.Now}
	defer func() {
		if r := recover(); r != nil {
			req, ok := r.(exitRequest)
			if !ok {
				panic(r)
			}
			code = req.code
		}
	}()
	parser, err := kong.New(grammar,
		kong.Name("entra-passkey"),
		kong.Description("Register FIDO2 security keys (device-bound passkeys) in Microsoft Entra ID."),
		kong.Writers(streams.Out, streams.Err),
		kong.Exit(func(c int) { panic(exitRequest{c}) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		kong.ExplicitGroups(commandGroups),
		kong.Vars{"version": Version},
	)
	if err != nil {
		return ev.reportError(err)
	}
	kctx, err := parser.Parse(args)
	if err != nil {
		// Kong leaves the flags unset when parsing fails; the error still has to come out
		// in the format the caller asked for.
		ev.json, ev.debug = requestedFormat(args, deps.Getenv)
		return ev.reportError(&usageError{msg: err.Error()})
	}
	g := globalsOf(grammar)
	ev.json = g.LogFormat == "json"
	ev.debug = g.Debug
	ctx, stopping, stop := interrupts(stopsBetweenSteps(kctx))
	defer stop()
	a := &app{Streams: streams, Deps: deps, events: ev, ctx: ctx, stopping: stopping}
	a.useBackend(g.Backend)
	kctx.Bind(a)
	err = kctx.Run()
	a.closeDevices()
	if err != nil {
		var reg *registeredError
		if ctx.Err() != nil && !isCoded(err) && !errors.As(err, &reg) {
			err = fido.ErrCancelled
		}
		return ev.reportError(err)
	}
	return exitOK
}

// requestedFormat reads --log-format and --debug from raw arguments.
func requestedFormat(args []string, getenv func(string) string) (jsonFormat, debug bool) {
	jsonFormat = getenv("ENTRA_PASSKEY_LOG_FORMAT") == "json"
	for i, a := range args {
		switch {
		case a == "--":
			return jsonFormat, debug
		case a == "--log-format" && i+1 < len(args):
			jsonFormat = args[i+1] == "json"
		case strings.HasPrefix(a, "--log-format="):
			jsonFormat = strings.TrimPrefix(a, "--log-format=") == "json"
		case a == "--debug":
			debug = true
		}
	}
	return jsonFormat, debug
}

func isCoded(err error) bool {
	var c coder
	return errors.As(err, &c)
}

// stepper is a command that finishes its current step on the first Ctrl-C.
type stepper interface{ stopsBetweenSteps() }

func stopsBetweenSteps(kctx *kong.Context) bool {
	sel := kctx.Selected()
	if sel == nil || !sel.Target.IsValid() || !sel.Target.CanAddr() {
		return false
	}
	_, ok := sel.Target.Addr().Interface().(stepper)
	return ok
}

// interrupts turns Ctrl-C and SIGTERM into the command's contexts: the first signal
// cancels ctx (for a stepper it only closes stopping, and the second cancels ctx);
// after that the default disposition returns, so one more signal ends the process at
// once, whatever it is waiting on.
func interrupts(stepper bool) (ctx context.Context, stopping <-chan struct{}, stop func()) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	soft := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer signal.Stop(sigs)
		select {
		case <-sigs:
		case <-done:
			return
		}
		close(soft)
		if stepper {
			select {
			case <-sigs:
			case <-done:
				return
			}
		}
		cancel()
	}()
	var once sync.Once
	return ctx, soft, func() { once.Do(func() { close(done); cancel() }) }
}
