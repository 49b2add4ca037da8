//go:build windows

package cli

import (
	"os"
	"os/signal"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// openConsoleInput opens the console's input buffer, or skips: a test run without a
// console (CI's redirected handles) has none to restore.
func openConsoleInput(t *testing.T) windows.Handle {
	t.Helper()
	in, err := os.OpenFile("CONIN$", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no console: %v", err)
	}
	t.Cleanup(func() { in.Close() })
	h := windows.Handle(in.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		t.Skipf("CONIN$ is no console: %v", err)
	}
	t.Cleanup(func() { windows.SetConsoleMode(h, mode) })
	return h
}

// noEcho is the mode term.ReadPassword reads a PIN in.
func noEcho(t *testing.T, h windows.Handle, mode uint32) uint32 {
	t.Helper()
	off := mode&^(windows.ENABLE_ECHO_INPUT|windows.ENABLE_LINE_INPUT) | windows.ENABLE_PROCESSED_INPUT
	if err := windows.SetConsoleMode(h, off); err != nil {
		t.Fatal(err)
	}
	var got uint32
	if err := windows.GetConsoleMode(h, &got); err != nil || got&windows.ENABLE_ECHO_INPUT != 0 {
		t.Skipf("the console keeps echo on (mode %#x, %v): nothing to restore", got, err)
	}
	return off
}

// TestConsoleModeRestoredOnCtrlC: a Ctrl-C during a no-echo read puts the console's
// mode back from the console's own handler, before the interrupt reaches the command.
func TestConsoleModeRestoredOnCtrlC(t *testing.T) {
	h := openConsoleInput(t)
	var before uint32
	windows.GetConsoleMode(h, &before)
	release := guardConsole(h)
	defer release()
	noEcho(t, h, before)

	interrupted := make(chan os.Signal, 1)
	signal.Notify(interrupted, os.Interrupt)
	defer signal.Stop(interrupted)
	if err := windows.GenerateConsoleCtrlEvent(windows.CTRL_C_EVENT, 0); err != nil {
		t.Fatalf("GenerateConsoleCtrlEvent: %v", err)
	}
	select {
	case <-interrupted:
	case <-time.After(10 * time.Second):
		t.Fatal("no interrupt within 10s of Ctrl-C")
	}
	var after uint32
	if err := windows.GetConsoleMode(h, &after); err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("console mode after Ctrl-C = %#x, want %#x (as before the prompt)", after, before)
	}
}

// TestConsoleGuardReleased: once the read returned, a later Ctrl-C leaves the console
// alone (ReadPassword restored it, and the user may have changed it since).
func TestConsoleGuardReleased(t *testing.T) {
	h := openConsoleInput(t)
	var before uint32
	windows.GetConsoleMode(h, &before)
	guardConsole(h)()
	off := noEcho(t, h, before)
	onConsoleCtrl(windows.CTRL_C_EVENT)
	var after uint32
	windows.GetConsoleMode(h, &after)
	if after != off {
		t.Errorf("console mode = %#x after a Ctrl-C with no prompt armed, want %#x untouched", after, off)
	}

	// Armed, the handler restores at once, whichever thread calls it.
	windows.SetConsoleMode(h, before)
	release := guardConsole(h)
	defer release()
	noEcho(t, h, before)
	onConsoleCtrl(windows.CTRL_C_EVENT)
	windows.GetConsoleMode(h, &after)
	if after != before {
		t.Errorf("console mode = %#x after the armed handler, want %#x", after, before)
	}
}
