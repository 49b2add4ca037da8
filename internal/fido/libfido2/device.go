//go:build cgo

package libfido2

/*
#include <fido.h>
*/
import "C"

import (
	"context"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// device is one key, on a handle of our own that stays open until Close.
type device struct {
	h   handle
	loc fido.Location
	// info is the key's last getInfo answer, kept until a command that may change it
	// (a PIN, a setting, a reset, a resident credential): a command reads getInfo once.
	info *fido.Info
}

var (
	_ fido.Device       = (*device)(nil)
	_ fido.InfoReader   = (*device)(nil)
	_ fido.Prober       = (*device)(nil)
	_ fido.RetryCounter = (*device)(nil)
	_ fido.Preparer     = (*device)(nil)
)

func (d *device) Location() fido.Location { return d.loc }

// Close closes the key; a command still running on it (one that ignored a cancel)
// closes it when it ends.
func (d *device) Close() error {
	d.h.close()
	return nil
}

// retriesTimeout bounds the PIN retry counter's read: it needs no touch.
const retriesTimeout = 5 * time.Second

// PINRetries asks the key how many PIN attempts are left.
func (d *device) PINRetries(ctx context.Context) (int, error) {
	var n C.int
	err := d.h.run(ctx, "reading the PIN retry counter", retriesTimeout, func(dev *C.fido_dev_t) C.int {
		return C.fido_dev_get_retry_count(dev, &n)
	})
	return int(n), err
}

// changed forgets the cached getInfo after a command that may have changed it.
func (d *device) changed() { d.info = nil }

// withRetries adds the PIN retry counter to a pin_invalid error.
func (d *device) withRetries(ctx context.Context, err error) error {
	if e, ok := err.(*fido.Error); ok && e.Code == "pin_invalid" {
		e.Retries = -1
		if n, rerr := d.PINRetries(context.WithoutCancel(ctx)); rerr == nil {
			e.Retries = n
		}
	}
	return err
}
