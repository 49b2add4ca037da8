//go:build cgo

package libfido2

/*
#include <fido.h>
#include <stdlib.h>
#include "dev.h"
*/
import "C"

import (
	"context"
	"errors"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// codeDeviceBusy is what ep_dev_open (dev.c) returns for a key that another program
// keeps busy.
const codeDeviceBusy = C.EP_ERR_DEVICE_BUSY

// busyRetryPause is how long a busy key gets before the one retry: long enough for a
// command that needs no touch (a getInfo, a PIN retry count) to end.
const busyRetryPause = 250 * time.Millisecond

// openTimeout bounds the open: CTAPHID INIT and getInfo need no touch, so a key that
// does not answer within it is stuck.
const openTimeout = 5 * time.Second

// retryBusy runs open, and once more after busyRetryPause when the key was busy
// (device_busy). open must be safe to repeat after a device_busy: the key refused it
// before anything was sent. ctx ending during the pause ends the wait. A software key
// that another program holds is not retried: opening it has waited for its lock already.
func retryBusy(ctx context.Context, open func() error) error {
	err := open()
	if !errors.Is(err, fido.ErrDeviceBusy) || errors.Is(err, virtual.ErrBusy) {
		return err
	}
	t := time.NewTimer(busyRetryPause)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return contextError(ctx)
	case <-t.C:
	}
	return open()
}

// openDev opens the key at path, retrying once when it is busy. A U2F-only key is
// not_fido2. Close it with closeDev.
func openDev(ctx context.Context, path string) (*C.fido_dev_t, error) {
	var dev *C.fido_dev_t
	err := retryBusy(ctx, func() error {
		var err error
		dev, err = openOnce(path)
		return err
	})
	if err == nil && !C.fido_dev_is_fido2(dev) {
		closeDev(dev)
		return nil, fido.ErrNotFIDO2
	}
	return dev, err
}

func openOnce(path string) (*C.fido_dev_t, error) {
	dev := C.fido_dev_new()
	if dev == nil {
		return nil, fido.New("device_error", "out of memory", nil)
	}
	if r := C.fido_dev_set_timeout(dev, C.int(openTimeout.Milliseconds())); r != C.FIDO_OK {
		C.fido_dev_free(&dev)
		return nil, codeError(int(r), "setting the timeout")
	}
	cPath := C.CString(path)
	defer C.free(unsafe.Pointer(cPath))
	if r := C.ep_dev_open(dev, cPath); r != C.FIDO_OK {
		C.fido_dev_free(&dev)
		return nil, openError(path, int(r))
	}
	return dev, nil
}

func closeDev(dev *C.fido_dev_t) {
	C.fido_dev_close(dev)
	C.fido_dev_free(&dev)
}

// busyError is device_busy for a key that refused the open's getInfo.
func busyError() error {
	return fido.New("device_busy", "", errors.New("the key speaks CTAP2 but refused authenticatorGetInfo when opened "+
		"(libfido2 would have taken it for a U2F key): another program's command is running on it (CTAPHID ERR_CHANNEL_BUSY)"))
}
