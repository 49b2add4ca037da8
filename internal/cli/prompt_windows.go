//go:build windows

package cli

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// openConsole opens the console for reading and writing, apart from stdin and stdout
// (which may carry JSON).
func openConsole() (in, out *os.File, err error) {
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
