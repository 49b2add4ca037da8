//go:build cgo

package libfido2

/*
#include <fido.h>
#include <stdlib.h>
#include "open.h"
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

// codeDeviceBusy is what the wrapped fido_dev_open returns for a key that another program
// keeps busy (see __wrap_fido_dev_open in virtual_io.c); go-libfido2 passes it on as
// gofido.Error{Code}.
const codeDeviceBusy = C.EP_ERR_DEVICE_BUSY

// busyRetryPause is how long a busy key gets before the one retry: long enough for a
// command that needs no touch (a getInfo, a PIN retry count) to end.
const busyRetryPause = 250 * time.Millisecond

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

// openDev opens the key at path with libfido2's timeout set to timeout, retrying once
// when it is busy. A device that is open but not FIDO2 is a U2F-only key (see
// __wrap_fido_dev_open). Close it with closeDev.
func openDev(ctx context.Context, path string, timeout time.Duration) (*C.fido_dev_t, error) {
	var dev *C.fido_dev_t
	err := retryBusy(ctx, func() error {
		var err error
		dev, err = openOnce(path, timeout)
		return err
	})
	return dev, err
}

func openOnce(path string, timeout time.Duration) (*C.fido_dev_t, error) {
	dev := C.fido_dev_new()
	if dev == nil {
		return nil, fido.New("device_error", "out of memory", nil)
	}
	if r := C.fido_dev_set_timeout(dev, C.int(timeout.Milliseconds())); r != C.FIDO_OK {
		C.fido_dev_free(&dev)
		return nil, codeError(int(r), "setting the timeout")
	}
	cPath := C.CString(path)
	defer C.free(unsafe.Pointer(cPath))
	if r := C.fido_dev_open(dev, cPath); r != C.FIDO_OK {
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
