package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// Streams is all the I/O a command may do. Tests give buffers; main gives the process's.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// InTerminal and OutTerminal say whether stdin and stdout are terminals.
	InTerminal, OutTerminal bool
	// Prompt asks for a secret without echo on the controlling terminal; nil when there
	// is no terminal (a service, CI, a pipe from PowerShell).
	Prompt func(prompt string) (string, error)
	// Confirm asks a yes/no question on the terminal and returns the answer line; nil
	// when there is no terminal.
	Confirm func(question string) (string, error)
}

// StdStreams returns the process's streams, prompting on the controlling terminal.
func StdStreams() Streams {
	return Streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		Prompt:      terminalPrompt,
		Confirm:     terminalConfirm,
	}
}

// writeJSON writes v as the invocation's one JSON document: indented for a person at a
// terminal, compact otherwise, always newline-terminated.
func (s Streams) writeJSON(v any) error {
	enc := json.NewEncoder(s.Out)
	enc.SetEscapeHTML(false)
	if s.OutTerminal {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("writing the result: %w", err)
	}
	return nil
}

// maxInput bounds what a command reads from stdin or --in: creation options are a few
// KB, so anything near this is not what we expect.
const maxInput = 1 << 20

// readInput reads a command's JSON input from --in FILE or stdin.
func (s Streams) readInput(path, what string) ([]byte, error) {
	var r io.Reader = s.In
	if path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, &usageError{msg: fmt.Sprintf("cannot read %s: %v", what, errors.Unwrap(err))}
		}
		defer f.Close()
		r = f
	} else if s.InTerminal {
		return nil, &usageError{msg: fmt.Sprintf("expected %s on stdin", what),
			hint: "pipe them in (for example from `entra-passkey get-options`) or give --in FILE"}
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	if len(data) > maxInput {
		return nil, &codedError{code: "input_too_large", msg: fmt.Sprintf("%s are larger than %d bytes", what, maxInput)}
	}
	return data, nil
}
