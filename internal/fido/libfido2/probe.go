//go:build cgo

package libfido2

/*
#include <fido.h>
#include <stdlib.h>
*/
import "C"

import (
	"context"
	"errors"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// probeTimeout bounds a silent assertion: it needs no touch.
const probeTimeout = 10 * time.Second

// Holds looks for credentials with a silent assertion (up=false, no PIN), in batches of
// the key's maxCredentialCountInList, so an already registered key is reported before
// the user is asked to touch it.
func (d *device) Holds(ctx context.Context, rpID string, excluded [][]byte) (bool, error) {
	if len(excluded) == 0 || rpID == "" {
		return false, nil
	}
	info, err := d.Info(ctx)
	if err != nil {
		return false, err
	}
	ids := usableIDs(excluded, info)
	batch := max(1, int(info.MaxCredentialCountInList))
	for start := 0; start < len(ids); start += batch {
		err := d.probe(ctx, rpID, ids[start:min(start+batch, len(ids))])
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, fido.ErrCancelled), errors.Is(err, fido.ErrTimeout), errors.Is(err, fido.ErrDeviceBusy):
			return false, err
		}
		// No credentials, or a key that will not answer silently (alwaysUv): go on.
		// Graph refuses a duplicate registration in any case.
	}
	return false, nil
}

// probe sends one silent getAssertion allowing ids; nil means the key holds one.
func (d *device) probe(ctx context.Context, rpID string, ids [][]byte) error {
	assert := C.fido_assert_new()
	if assert == nil {
		return fido.New("device_error", "out of memory", nil)
	}
	defer C.fido_assert_free(&assert)
	cRP := C.CString(rpID)
	defer C.free(unsafe.Pointer(cRP))
	zero, zeroLen := cBytes(make([]byte, 32))
	defer C.free(unsafe.Pointer(zero))
	for _, r := range []C.int{
		C.fido_assert_set_rp(assert, cRP),
		C.fido_assert_set_clientdata_hash(assert, zero, zeroLen),
		C.fido_assert_set_up(assert, C.FIDO_OPT_FALSE),
	} {
		if r != C.FIDO_OK {
			return codeError(int(r), "preparing the search for existing credentials")
		}
	}
	for _, id := range ids {
		p, n := cBytes(id)
		r := C.fido_assert_allow_cred(assert, p, n)
		C.free(unsafe.Pointer(p))
		if r != C.FIDO_OK {
			return codeError(int(r), "preparing the search for existing credentials")
		}
	}
	return d.h.run(ctx, "looking for existing credentials", probeTimeout, func(dev *C.fido_dev_t) C.int {
		return C.fido_dev_get_assert(dev, assert, nil)
	})
}

// usableIDs drops ids the key could never have issued (empty, or longer than it allows).
func usableIDs(ids [][]byte, info *fido.Info) [][]byte {
	out := make([][]byte, 0, len(ids))
	for _, id := range ids {
		if len(id) == 0 {
			continue
		}
		if info != nil && info.MaxCredentialIDLength > 0 && uint64(len(id)) > info.MaxCredentialIDLength {
			continue
		}
		out = append(out, id)
	}
	return out
}
