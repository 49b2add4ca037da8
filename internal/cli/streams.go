package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
	"github.com/entra-passkey/entra-passkey/internal/textin"
)

// Streams is all the I/O a command may do. Tests give buffers; main gives the process's.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// InTerminal, OutTerminal and ErrTerminal say whether stdin, stdout and stderr are
	// terminals.
	InTerminal, OutTerminal, ErrTerminal bool
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
		ErrTerminal: term.IsTerminal(int(os.Stderr.Fd())),
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
		var jerr *json.UnsupportedValueError
		if errors.As(err, &jerr) {
			return fmt.Errorf("encoding the result: %w", err)
		}
		return &codedError{code: "output_failed", msg: fmt.Sprintf("writing the result to stdout: %v", unwrapPathError(err)),
			hint: "check where stdout goes (a full disk, a closed pipe); the result is lost, but what the command did stands (see --record)"}
	}
	return nil
}

// maxInput bounds what a command reads from stdin or --in: creation options are a few
// KB, so anything near this is not what we expect.
const maxInput = 1 << 20

// readInput reads a command's JSON input from --in FILE or stdin, bounded, decoded to
// UTF-8 (a byte-order mark dropped, UTF-16 transcoded: Windows PowerShell 5.1 writes
// both), and abandoned at once on Ctrl-C or SIGTERM.
func (a *app) readInput(path, what string) ([]byte, error) {
	var data []byte
	var err error
	switch {
	case path != "" && path != "-":
		// A regular file, a pipe or a descriptor (--in <(entra-passkey get-options ...)).
		data, _, err = safefile.ReadContext(a.ctx, path, fileRefusedCode, maxInput)
		var refused *safefile.Error
		if errors.As(err, &refused) && !errors.Is(err, safefile.ErrTooLarge) {
			return nil, refused
		}
	case a.InTerminal:
		return nil, &usageError{msg: fmt.Sprintf("expected %s on stdin", what),
			hint: "pipe them in (for example from `entra-passkey get-options`) or give --in FILE"}
	default:
		data, err = readContext(a.ctx, a.In, maxInput)
	}
	switch {
	case a.ctx.Err() != nil:
		return nil, fido.ErrCancelled
	case errors.Is(err, safefile.ErrTooLarge):
		return nil, &codedError{code: "input_too_large", msg: fmt.Sprintf("%s are larger than %d bytes", what, maxInput)}
	case err != nil:
		return nil, &codedError{code: "input_failed", msg: fmt.Sprintf("reading %s: %v", what, unwrapPathError(err))}
	}
	text, _, err := textin.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	return text, nil
}

// readContext reads r to the end (at most limit bytes) apart from the caller, which
// returns as soon as ctx ends: a read of stdin cannot be interrupted otherwise.
func readContext(ctx context.Context, r io.Reader, limit int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := safefile.ReadAll(r, limit)
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// maxCertFile bounds CA bundles, certificates and PEM roots: a system bundle is 200 KB.
const maxCertFile = 4 << 20

// readUserFile reads a file the user named (a regular file, a pipe or a descriptor),
// at most limit bytes, refusing one that other users can write: a CA file or the
// options decide what is trusted.
func (a *app) readUserFile(path, what string, limit int64) ([]byte, error) {
	data, _, err := safefile.ReadContext(a.ctx, path, fileRefusedCode, limit)
	if err != nil {
		if a.ctx.Err() != nil {
			return nil, fido.ErrCancelled
		}
		return nil, readError(err, what)
	}
	return data, nil
}
