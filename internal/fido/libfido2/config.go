//go:build cgo

package libfido2

/*
#include <fido.h>
#include <fido/config.h>
#include <stdlib.h>
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

var _ fido.Preparer = (*device)(nil)

// configTimeout bounds an authenticatorConfig command: none needs a touch.
const configTimeout = 10 * time.Second

// withDev runs an authenticatorConfig or clientPIN command, op, with the PIN as a C
// string that is zeroed and freed afterwards, and forgets the cached getInfo, which the
// command may change. A wrong PIN's error carries the retry counter.
func (d *device) withDev(ctx context.Context, pin fido.PIN, doing string, op func(dev *C.fido_dev_t, cpin *C.char) C.int) error {
	cpin := cPIN(pin)
	defer freePIN(cpin)
	d.changed()
	err := d.h.run(ctx, doing, configTimeout, func(dev *C.fido_dev_t) C.int { return op(dev, cpin) })
	return d.withRetries(ctx, err)
}

// SetMinPINLength raises the key's minimum PIN length (authenticatorConfig
// setMinPINLength), optionally letting rpIDs read it through the minPinLength extension.
func (d *device) SetMinPINLength(ctx context.Context, n int, rpIDs []string, pin fido.PIN) error {
	if n < 4 || n > 63 {
		return fido.New("pin_policy_violation", fmt.Sprintf("a minimum PIN length of %d is outside CTAP's 4 to 63", n), nil)
	}
	// The relying parties go first: raising the minimum above the current PIN's length
	// makes the key demand a PIN change, after which it issues no token for a second call.
	if len(rpIDs) > 0 {
		err := d.withDev(ctx, pin, "setting the relying parties that may read the minimum PIN length", func(dev *C.fido_dev_t, cpin *C.char) C.int {
			cids := make([]*C.char, len(rpIDs))
			for i, id := range rpIDs {
				cids[i] = C.CString(id)
			}
			defer func() {
				for _, c := range cids {
					C.free(unsafe.Pointer(c))
				}
			}()
			arr := (**C.char)(C.malloc(C.size_t(len(cids)) * C.size_t(unsafe.Sizeof(cids[0]))))
			defer C.free(unsafe.Pointer(arr))
			copy(unsafe.Slice(arr, len(cids)), cids)
			return C.fido_dev_set_pin_minlen_rpid(dev, arr, C.size_t(len(cids)), cpin)
		})
		if err != nil {
			return err
		}
	}
	return d.withDev(ctx, pin, "setting the minimum PIN length", func(dev *C.fido_dev_t, cpin *C.char) C.int {
		return C.fido_dev_set_pin_minlen(dev, C.size_t(n), cpin)
	})
}

// ForcePINChange makes the key refuse use until its PIN is changed.
func (d *device) ForcePINChange(ctx context.Context, pin fido.PIN) error {
	return d.withDev(ctx, pin, "forcing a PIN change", func(dev *C.fido_dev_t, cpin *C.char) C.int {
		return C.fido_dev_force_pin_change(dev, cpin)
	})
}

// ToggleAlwaysUV flips the key's alwaysUv option.
func (d *device) ToggleAlwaysUV(ctx context.Context, pin fido.PIN) error {
	return d.withDev(ctx, pin, "toggling alwaysUv", func(dev *C.fido_dev_t, cpin *C.char) C.int {
		return C.fido_dev_toggle_always_uv(dev, cpin)
	})
}

// SetPIN sets a PIN on a key that has none (clientPIN setPIN).
func (d *device) SetPIN(ctx context.Context, pin fido.PIN) error {
	err := d.withDev(ctx, "", "setting the PIN", func(dev *C.fido_dev_t, _ *C.char) C.int {
		cnew := cPIN(pin)
		defer freePIN(cnew)
		return C.fido_dev_set_pin(dev, cnew, nil)
	})
	// A key with a PIN refuses setPIN: CTAP 2.1 §6.5.5.5 says PIN_AUTH_INVALID, and some
	// keys answer NOT_ALLOWED.
	return recode(recode(err, "not_allowed", "pin_already_set", ""), "pin_auth_invalid", "pin_already_set", "")
}

// Reset erases the key (authenticatorReset, CTAP 2.1 §6.6). It waits for a touch, so it
// runs until ctx ends, which cancels it on the key.
func (d *device) Reset(ctx context.Context) error {
	d.changed()
	err := d.h.run(ctx, "resetting the key", noTimeout, func(dev *C.fido_dev_t) C.int { return C.fido_dev_reset(dev) })
	// Keys allow a reset only soon after power-up (YubiKeys: 5 s, most: 10 s) and say
	// CTAP2_ERR_NOT_ALLOWED after that.
	return recode(err, "not_allowed", "reset_not_allowed", "")
}

// recode gives a key's refusal the code that fits the command it answered.
func recode(err error, from, to, message string) error {
	var fe *fido.Error
	if errors.As(err, &fe) && fe.Code == from {
		return fido.New(to, message, fe.Err)
	}
	return err
}

// ChangePIN changes the PIN (clientPIN changePIN).
func (d *device) ChangePIN(ctx context.Context, oldPIN, newPIN fido.PIN) error {
	return d.withDev(ctx, oldPIN, "changing the PIN", func(dev *C.fido_dev_t, cold *C.char) C.int {
		cnew := cPIN(newPIN)
		defer freePIN(cnew)
		return C.fido_dev_set_pin(dev, cnew, cold)
	})
}
