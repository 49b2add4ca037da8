package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/entra-passkey/entra-passkey/internal/redact"
)

// events writes what people read to stderr: prompts, progress, warnings, debug lines
// and the final error. With --log-format json each is one JSON line, so the PowerShell
// module can show progress and raise typed errors.
//
// Two rules hold for every line, whoever wrote its words: a secret the process has read
// (a client secret, a token) is replaced by [redacted] in whatever form an echo carries
// it, and in text mode control characters are escaped, so a string from Graph or from
// a document can neither clear the screen nor forge a line of its own.
type events struct {
	mu      sync.Mutex
	w       io.Writer
	json    bool
	debug   bool
	now     func() time.Time
	secrets []string
	// live is a display redrawn in place on the terminal (bulk run's progress bar): it
	// is cleared before a line is written and drawn again after.
	live liveDisplay
}

// liveDisplay is a line the terminal redraws in place.
type liveDisplay interface {
	RenderBlank() error
}

const prefix = "entra-passkey: "

// addSecret registers a secret value that must never appear on stderr.
func (e *events) addSecret(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(s) >= redact.MinLength {
		e.secrets = append(e.secrets, s)
	}
}

// redact replaces every registered secret in s, raw, URL- and JSON-encoded.
func (e *events) redact(s string) string { return redact.String(s, e.secrets) }

func (e *events) emit(event string, text string, fields map[string]any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.json {
		if e.live != nil {
			// The bar's own Clear skips a line it has not measured yet: erase the
			// line outright (ANSI "erase line", which Windows terminals also honour).
			fmt.Fprint(e.w, "\r\x1b[2K")
		}
		fmt.Fprintln(e.w, prefix+printable(e.redact(text)))
		if e.live != nil {
			e.live.RenderBlank()
		}
		return
	}
	line := map[string]any{"event": event, "time": e.now().UTC().Format(time.RFC3339Nano)}
	for k, v := range fields {
		if s, ok := v.(string); ok {
			v = e.redact(s)
		}
		line[k] = v
	}
	writeJSONLine(e.w, line)
}

// printable escapes control characters (C0, DEL, C1: ESC, CR, LF, BEL...) and invalid
// UTF-8 as \xNN or \uNNNN, so one event is one line of plain text.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Touch tells the user the key waits for a touch.
func (e *events) Touch(message string) {
	e.emit("touch", message, map[string]any{"message": message})
}

// Warn reports something done differently from what was asked.
func (e *events) Warn(code, message string) {
	e.emit("warning", "warning: "+message, map[string]any{"code": code, "message": message})
}

// Notice says something the user should know about how the command runs (the
// emulator in use), once.
func (e *events) Notice(message string) {
	e.emit("notice", "notice: "+message, map[string]any{"message": message})
}

// Info reports progress.
func (e *events) Info(message string) {
	e.emit("progress", message, map[string]any{"message": message})
}

// Debugf writes a diagnostic line when --debug is on. Callers never pass secrets: PINs
// are fido.PIN values, which print as [redacted].
func (e *events) Debugf(format string, args ...any) {
	if !e.debug {
		return
	}
	msg := fmt.Sprintf(format, args...)
	e.emit("debug", "debug: "+msg, map[string]any{"message": msg})
}

// writeJSONLine writes v as one line, without HTML escaping (people read these).
func writeJSONLine(w io.Writer, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		b.Reset()
		b.WriteString(`{"event":"error","error":{"code":"internal","message":"unencodable event"}}` + "\n")
	}
	_, _ = w.Write(b.Bytes())
}

// DeviceCode shows the device code sign-in instructions (URL and code: not secrets,
// they are useless without the person signing in).
func (e *events) DeviceCode(message string) {
	e.emit("device_code", message, map[string]any{"message": message})
}
