//go:build cgo

package libfido2

import (
	"context"
	"time"

	gofido "github.com/keys-pub/go-libfido2"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// device is one key. go-libfido2 opens and closes the key around every call.
type device struct {
	dev  *gofido.Device
	loc  fido.Location
	info *fido.Info // from the last Info call, for limits such as the allow-list size
}

func (d *device) Location() fido.Location { return d.loc }

func (d *device) Info(ctx context.Context) (*fido.Info, error) {
	info, err := readInfo(ctx, d.loc.Path)
	if err != nil {
		return nil, err
	}
	info.Location = d.loc
	d.info = info
	return info, nil
}

// cancelGrace is how long a cancelled operation may take to stop on the key before we
// give up on it; libfido2 holds the key until then.
const cancelGrace = 2 * time.Second

// run calls op, which talks to the key, and cancels it on the key when ctx ends
// (Ctrl-C or --timeout): CTAPHID_CANCEL makes a key that waits for a touch give up.
// go-libfido2 opens the key in every op: a key busy with another program refuses that
// open (device_busy) before op has sent a command, so op gets one retry then.
func (d *device) run(ctx context.Context, doing string, op func() error) error {
	return retryBusy(ctx, func() error { return d.runOnce(ctx, doing, op) })
}

func (d *device) runOnce(ctx context.Context, doing string, op func() error) error {
	if ctx.Err() != nil {
		return contextError(ctx)
	}
	done := make(chan error, 1)
	go func() { done <- op() }()
	select {
	case err := <-done:
		return mapError(ctx, err, doing)
	case <-ctx.Done():
	}
	// The key may not be open yet when ctx ends: keep cancelling until op returns.
	deadline := time.After(cancelGrace)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		cancelOnKey(d.loc.Path)
		select {
		case <-done:
			return contextError(ctx)
		case <-deadline:
			return contextError(ctx)
		case <-tick.C:
		}
	}
}

// pinRetries asks the key how many PIN attempts are left, -1 when it cannot say.
func (d *device) pinRetries() int {
	n, err := d.dev.RetryCount()
	if err != nil {
		return -1
	}
	return n
}

// withRetries adds the PIN retry counter to a pin_invalid error.
func (d *device) withRetries(err error) error {
	if e, ok := err.(*fido.Error); ok && e.Code == "pin_invalid" {
		e.Retries = d.pinRetries()
	}
	return err
}
