package cli

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
)

// bulkObserver shows a station's run: prompts and progress lines for people, and with
// --log-format json the progress, prompt and task events the PowerShell module turns
// into Write-Progress.
//
// On a terminal (text format) the station also gets a live line, drawn by
// schollz/progressbar: done/total, rate, time left, the user at hand and what to do.
type bulkObserver struct {
	*events
	bar *progressbar.ProgressBar
	now func() time.Time
	// The first progress this run saw, for the rate and the time left.
	start     time.Time
	startDone int
	status    string
}

func newBulkObserver(a *app) *bulkObserver {
	o := &bulkObserver{events: a.events, now: a.Now}
	if !a.events.json && a.ErrTerminal {
		o.bar = progressbar.NewOptions(0, progressbar.OptionSetWriter(a.Err), progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(false), progressbar.OptionSetElapsedTime(false), progressbar.OptionSetWidth(20),
			progressbar.OptionSetRenderBlankState(true), progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionThrottle(100*time.Millisecond))
		a.events.live = o.bar
	}
	return o
}

// close leaves the live line.
func (o *bulkObserver) close() {
	if o.bar != nil {
		o.events.mu.Lock()
		o.events.live = nil
		o.events.mu.Unlock()
		o.bar.Exit()
	}
}

// Prompt tells the operator what to do next.
func (o *bulkObserver) Prompt(message string) {
	o.emit("prompt", message, map[string]any{"message": message})
	o.describe(message)
}

func (o *bulkObserver) describe(next string) {
	if o.bar != nil {
		o.bar.Describe(printable(o.status + next))
	}
}

// Step reports a recorded step of a task (JSON, or text with --debug).
func (o *bulkObserver) Step(t *bulk.Task, ev *bulk.Event) {
	if !o.json && !o.debug {
		return
	}
	text := fmt.Sprintf("%s: %s %s -> %s", t.Describe(), ev.Kind, ev.From, t.State)
	fields := map[string]any{"user": t.Describe(), "step": ev.Kind, "from": string(ev.From), "to": string(t.State)}
	if t.Facts.ErrorCode != "" && t.State == bulk.Failed {
		fields["code"] = t.Facts.ErrorCode
	}
	o.emit("task", text, fields)
}

// Progress reports done of total and the user at hand.
func (o *bulkObserver) Progress(done, total int, user string) {
	if o.bar != nil {
		now := o.now()
		if o.start.IsZero() {
			o.start, o.startDone = now, done
		}
		o.status = ""
		if n, d := done-o.startDone, now.Sub(o.start); n > 0 && d > 0 {
			rate := float64(n) / d.Hours()
			left := time.Duration(float64(total-done) / rate * float64(time.Hour))
			o.status = fmt.Sprintf("%.0f keys/h, %s left · ", rate, left.Round(time.Minute))
		}
		o.bar.ChangeMax(total)
		o.bar.Set(done)
		o.describe(user)
		return
	}
	text := fmt.Sprintf("%d/%d done; next: %s", done, total, user)
	o.emit("progress", text, map[string]any{"message": text, "done": done, "total": total, "user": user})
}

// Touch shows the touch prompt on the live line too.
func (o *bulkObserver) Touch(message string) {
	o.events.Touch(message)
	o.describe(message)
}
