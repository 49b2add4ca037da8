//go:build !windows

package cli

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// terminalPrompt reads a secret from the controlling terminal without echo, so it works
// while stdin carries JSON.
func terminalPrompt(prompt string) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", errNoTerminal
	}
	defer tty.Close()
	fmt.Fprint(tty, prompt)
	promptStarted(int(tty.Fd()), tty)
	b, err := term.ReadPassword(int(tty.Fd()))
	promptEnded()
	fmt.Fprintln(tty)
	if err != nil {
		return "", fmt.Errorf("reading from the terminal: %w", err)
	}
	return string(b), nil
}

// terminalConfirm asks a question on the controlling terminal and reads one line.
func terminalConfirm(question string) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", errNoTerminal
	}
	defer tty.Close()
	return readAnswer(tty, tty, question)
}
