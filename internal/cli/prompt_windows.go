//go:build windows

package cli

import (
	"fmt"
	"os"
	"sync"

	"golang.org/x/sys/windows"
	"golang.org/x/term"
)

// noPromptEnv, set to anything, says the caller asks for secrets itself and a prompt
// here would be one nobody sees: the PowerShell module starts the binary on a hidden
// console (CreateNoWindow) and sets it, after asking its host for the PIN.
const noPromptEnv = "ENTRA_PASSKEY_NO_PROMPT"

var (
	kernel32              = windows.NewLazySystemDLL("kernel32.dll")
	getConsoleWindow      = kernel32.NewProc("GetConsoleWindow")
	setConsoleCtrlHandler = kernel32.NewProc("SetConsoleCtrlHandler")
)

// hiddenConsole reports a console nobody can type into: the caller said so, or the
// process was started without a console window (CREATE_NO_WINDOW), where CONIN$ opens
// and a read waits for ever. A pseudoconsole (Windows Terminal, ssh) has a window handle.
func hiddenConsole() bool {
	if os.Getenv(noPromptEnv) != "" {
		return true
	}
	if getConsoleWindow.Find() != nil {
		return false
	}
	hwnd, _, _ := getConsoleWindow.Call()
	return hwnd == 0
}

// openConsole opens the console for reading and writing, apart from stdin and stdout
// (which may carry JSON). A hidden console is no terminal: the PIN is then
// pin_required, a confirmation confirmation_required, never a wait nobody sees.
func openConsole() (in, out *os.File, err error) {
	if hiddenConsole() {
		return nil, nil, errNoTerminal
	}
	if in, err = os.OpenFile("CONIN$", os.O_RDWR, 0); err != nil {
		return nil, nil, errNoTerminal
	}
	if out, err = os.OpenFile("CONOUT$", os.O_RDWR, 0); err != nil {
		in.Close()
		return nil, nil, errNoTerminal
	}
	return in, out, nil
}

// terminalPrompt reads a secret from the console without echo, so it works while stdin
// carries JSON.
func terminalPrompt(prompt string) (string, error) {
	in, out, err := openConsole()
	if err != nil {
		return "", err
	}
	defer in.Close()
	defer out.Close()
	fmt.Fprint(out, prompt)
	release := guardConsole(windows.Handle(in.Fd()))
	promptStarted(int(in.Fd()), out)
	b, err := term.ReadPassword(int(in.Fd()))
	promptEnded()
	release()
	fmt.Fprintln(out)
	if err != nil {
		return "", fmt.Errorf("reading from the console: %w", err)
	}
	return string(b), nil
}

// terminalConfirm asks a question on the console and reads one line.
func terminalConfirm(question string) (string, error) {
	in, out, err := openConsole()
	if err != nil {
		return "", err
	}
	defer in.Close()
	defer out.Close()
	return readAnswer(in, out, question)
}

// consoleGuard is the console input mode to put back if the process is interrupted
// during a no-echo read. The console's mode belongs to the console, not the process:
// left without echo, the shell the user returns to shows nothing they type.
var consoleGuard struct {
	sync.Mutex
	armed bool
	in    windows.Handle
	mode  uint32
}

// registerCtrlHandler installs onConsoleCtrl once, for the life of the process (a
// callback cannot be freed); guardConsole arms and disarms it.
var registerCtrlHandler = sync.OnceValue(func() error {
	if err := setConsoleCtrlHandler.Find(); err != nil {
		return err
	}
	if r, _, err := setConsoleCtrlHandler.Call(windows.NewCallback(onConsoleCtrl), 1); r == 0 {
		return err
	}
	return nil
})

// guardConsole saves in's mode before a no-echo read, to be put back by the console's
// Ctrl-C handler; release disarms it once the read returned (ReadPassword restored
// the mode itself). Handlers run last registered first, so the mode is back before
// the Go runtime's own handler turns the event into the interrupt that cancels the
// command (restorePrompt then restores it once more, harmlessly).
func guardConsole(in windows.Handle) (release func()) {
	var mode uint32
	if windows.GetConsoleMode(in, &mode) != nil || registerCtrlHandler() != nil {
		return func() {}
	}
	consoleGuard.Lock()
	consoleGuard.armed, consoleGuard.in, consoleGuard.mode = true, in, mode
	consoleGuard.Unlock()
	return func() {
		consoleGuard.Lock()
		consoleGuard.armed = false
		consoleGuard.Unlock()
	}
}

// onConsoleCtrl runs on a thread of the console's for Ctrl-C, Ctrl-Break and the
// window closing. It returns FALSE so that the next handler (the runtime's) still
// gets the event.
func onConsoleCtrl(event uint32) uintptr {
	consoleGuard.Lock()
	defer consoleGuard.Unlock()
	if consoleGuard.armed {
		_ = windows.SetConsoleMode(consoleGuard.in, consoleGuard.mode)
		consoleGuard.armed = false
	}
	return 0
}
