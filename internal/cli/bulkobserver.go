package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
)

// decodeStrict reads one JSON document, refusing unknown fields (a typo in a profile
// must not be silently ignored).
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// bulkObserver shows a station's run: prompts and progress lines for people, and with
// --log-format json the progress, prompt and task events the PowerShell module turns
// into Write-Progress.
type bulkObserver struct {
	*events
}

func newBulkObserver(a *app) *bulkObserver { return &bulkObserver{events: a.events} }

// Prompt tells the operator what to do next.
func (o *bulkObserver) Prompt(message string) {
	o.emit("prompt", message, map[string]any{"message": message})
}

// Step reports a recorded step of a task (JSON, or text with --debug).
func (o *bulkObserver) Step(t *bulk.Task, ev *bulk.Event) {
	if !o.json && !o.debug {
		return
	}
	text := fmt.Sprintf("%s: %s %s -> %s", describeTask(t), ev.Kind, ev.From, t.State)
	fields := map[string]any{"user": describeTask(t), "step": ev.Kind, "from": string(ev.From), "to": string(t.State)}
	if t.Facts.ErrorCode != "" && t.State == bulk.Failed {
		fields["code"] = t.Facts.ErrorCode
	}
	o.emit("task", text, fields)
}

// Progress reports done of total and the user at hand.
func (o *bulkObserver) Progress(done, total int, user string) {
	o.emit("progress", fmt.Sprintf("%d/%d done; next: %s", done, total, user),
		map[string]any{"done": done, "total": total, "user": user})
}
