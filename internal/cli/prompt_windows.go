//go:build windows

package cli

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
	"golang.org/x/term"
)

// noPromptEnv, set to anything, says the caller asks for secrets itself and a prompt
// here would be one nobody sees: the PowerShell module starts the binary on a hidden
// console (CreateNoWindow) and sets it, after asking its host for the PIN.
const noPromptEnv = "ENTRA_PASSKEY_NO_PROMPT"

var getConsoleWindow = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleWindow")

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
	promptStarted(int(in.Fd()), out)
	b, err := term.ReadPassword(int(in.Fd()))
	promptEnded()
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
