package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"
)

// events writes what people read to stderr: prompts, progress, warnings, debug lines
// and the final error. With --log-format json each is one JSON line, so the PowerShell
// module can show progress and raise typed errors.
type events struct {
	mu    sync.Mutex
	w     io.Writer
	json  bool
	debug bool
	now   func() time.Time
}

const prefix = "entra-passkey: "

func (e *events) emit(event string, text string, fields map[string]any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.json {
		fmt.Fprintln(e.w, prefix+text)
		return
	}
	line := map[string]any{"event": event, "time": e.now().UTC().Format(time.RFC3339Nano)}
	for k, v := range fields {
		line[k] = v
	}
	writeJSONLine(e.w, line)
}

// Touch tells the user the key waits for a touch.
func (e *events) Touch(message string) {
	e.emit("touch", message, map[string]any{"message": message})
}

// Warn reports something done differently from what was asked.
func (e *events) Warn(code, message string) {
	e.emit("warning", "warning: "+message, map[string]any{"code": code, "message": message})
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
