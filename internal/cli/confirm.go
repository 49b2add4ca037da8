package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// confirm asks a yes/no question on the terminal; yes (--yes) skips it. Without a
// terminal and without --yes nothing destructive happens.
func confirm(a *app, yes bool, question string) error {
	if yes {
		return nil
	}
	if a.Confirm == nil {
		return &codedError{code: "confirmation_required", msg: "confirmation needed and there is no terminal to ask on",
			hint: "give --yes to confirm in a script"}
	}
	answer, err := a.ask(a.Confirm, question+" [y/N] ")
	if errors.Is(err, errNoTerminal) {
		return &codedError{code: "confirmation_required", msg: "confirmation needed and there is no terminal to ask on",
			hint: "give --yes to confirm in a script"}
	}
	if err != nil {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return nil
	}
	return &codedError{code: "declined", msg: "not confirmed: nothing was changed"}
}

// readAnswer writes question to w and reads one line from r.
func readAnswer(r io.Reader, w io.Writer, question string) (string, error) {
	fmt.Fprint(w, question)
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading from the terminal: %w", err)
	}
	return line, nil
}
