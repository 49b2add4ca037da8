//go:build windows

package cli

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// terminalPrompt reads a secret from the console without echo, so it works while stdin
// carries JSON.
func terminalPrompt(prompt string) (string, error) {
	in, err := os.OpenFile("CONIN$", os.O_RDWR, 0)
	if err != nil {
		return "", errNoTerminal
	}
	defer in.Close()
	out, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return "", errNoTerminal
	}
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
	in, err := os.OpenFile("CONIN$", os.O_RDWR, 0)
	if err != nil {
		return "", errNoTerminal
	}
	defer in.Close()
	out, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return "", errNoTerminal
	}
	defer out.Close()
	return readAnswer(in, out, question)
}
