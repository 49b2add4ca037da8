package cli

import (
	"context"
	"fmt"
)

// ResetCmd erases a key.
type ResetCmd struct {
	KeyFlags
	Yes bool `help:"Do not ask for confirmation (scripts): the reset erases every passkey on the key, its PIN and its settings."`
}

// Run resets the key after confirmation.
func (c *ResetCmd) Run(a *app) error {
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	dev, prep, info, err := c.openPrep(ctx, a)
	if err != nil {
		return err
	}
	label := dev.Location().Path
	if m := newPrepDoc("reset", dev, info).Key.Model; m != "" {
		label = m + " at " + label
	}
	a.events.Info("a reset erases every passkey on the key, its PIN and its settings; keys accept it only within about 10 seconds of being plugged in, and it needs a touch")
	if err := confirm(a, c.Yes, fmt.Sprintf("Reset %s, erasing every passkey on it?", label)); err != nil {
		return err
	}
	a.events.Touch("touch the security key to confirm the reset")
	if err := prep.Reset(ctx); err != nil {
		return err
	}
	doc := newPrepDoc("reset", dev, info)
	doc.Changed = true
	return a.finishPrep(ctx, dev, doc)
}
