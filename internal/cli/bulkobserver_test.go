package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// On a terminal, bulk run's progress is one line redrawn in place (done/total, rate,
// time left, the user), and the lines printed meanwhile erase it first.
func TestBulkLiveLine(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	a := &app{Streams: Streams{Err: &buf, ErrTerminal: true}, Deps: Deps{Now: func() time.Time { return clock }},
		events: &events{w: &buf, now: time.Now}}
	o := newBulkObserver(a)
	o.Progress(2, 10, "Adele Vance (adele@contoso.example)")
	clock = clock.Add(30 * time.Minute)
	o.Progress(4, 10, "Alex Wilber (alex@contoso.example)")
	o.Info("registered method m1")
	o.close()
	out := buf.String()
	for _, want := range []string{"4/10", "4 keys/h, 1h30m0s left · Alex Wilber", "\r\x1b[2Kentra-passkey: registered method m1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the live line lacks %q:\n%q", want, out)
		}
	}
	// Not a terminal, or JSON: plain events only.
	buf.Reset()
	a.ErrTerminal = false
	o = newBulkObserver(a)
	o.Progress(4, 10, "Alex")
	if got := buf.String(); got != "entra-passkey: 4/10 done; next: Alex\n" {
		t.Errorf("without a terminal: %q", got)
	}
}
