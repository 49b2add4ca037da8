package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"golang.org/x/term"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// A prompt in progress: Ctrl-C is caught to cancel the command, so the terminal read
// itself would wait for Enter; ask gives up at once instead, and the terminal's echo
// must then be restored by hand.
var activePrompt struct {
	sync.Mutex
	fd    int
	out   io.Writer
	state *term.State
}

// promptStarted records the terminal's state before a no-echo read.
func promptStarted(fd int, out io.Writer) {
	st, err := term.GetState(fd)
	activePrompt.Lock()
	defer activePrompt.Unlock()
	if err == nil {
		activePrompt.fd, activePrompt.out, activePrompt.state = fd, out, st
	}
}

// promptEnded forgets it once the read returned (ReadPassword restored it).
func promptEnded() {
	activePrompt.Lock()
	defer activePrompt.Unlock()
	activePrompt.state = nil
}

// restorePrompt puts back the echo of a read that was abandoned.
func restorePrompt() {
	activePrompt.Lock()
	defer activePrompt.Unlock()
	if activePrompt.state != nil {
		_ = term.Restore(activePrompt.fd, activePrompt.state)
		fmt.Fprintln(activePrompt.out)
		activePrompt.state = nil
	}
}

// ask runs a terminal question; Ctrl-C or SIGTERM ends it with cancelled.
func (a *app) ask(question func(string) (string, error), text string) (string, error) {
	type answer struct {
		s   string
		err error
	}
	ch := make(chan answer, 1)
	// The question may carry the key's product name or Graph's model: escape control
	// characters line by line, as events do on stderr.
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = printable(lines[i])
	}
	text = strings.Join(lines, "\n")
	go func() {
		s, err := question(text)
		ch <- answer{s, err}
	}()
	select {
	case r := <-ch:
		return r.s, r.err
	case <-a.ctx.Done():
		restorePrompt()
		return "", fido.ErrCancelled
	}
}
