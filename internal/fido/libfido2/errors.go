//go:build cgo

package libfido2

/*
#include <fido.h>
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// CTAP status codes (CTAP 2.1 §8.2), which libfido2 passes on, and libfido2's own
// (negative, fido/err.h).
const (
	fidoErrTX                = -1
	fidoErrRX                = -2
	fidoErrRXNotCBOR         = -3
	fidoErrRXInvalidCBOR     = -4
	ctapKeepaliveCancel      = 0x2d
	ctapPINInvalid           = 0x31
	ctapPINAuthInvalid       = 0x33
	ctapPINAuthBlocked       = 0x34
	ctapPINNotSet            = 0x35
	ctapPINPolicyViolation   = 0x37
	ctapOperationDenied      = 0x27
	ctapUnsupportedAlgorithm = 0x26
	ctapCredentialExcluded   = 0x19
	ctapKeyStoreFull         = 0x28
	ctapPINBlocked           = 0x32
	ctapPUATRequired         = 0x36
	ctapUserActionTimeout    = 0x2f
	ctapInvalidCommand       = 0x01
	ctapUnsupportedOption    = 0x2b
	ctapNotAllowed           = 0x30
)

// errClosed is a command on a device after Close.
var errClosed = fido.New("device_error", "the key was closed", nil)

// resultError turns a libfido2 result into a fido.Error with a stable code, or nil for
// FIDO_OK. A command that ended because ctx did says timeout or cancelled.
func resultError(ctx context.Context, r C.int, doing string) error {
	if r == C.FIDO_OK {
		return nil
	}
	if ctx.Err() != nil && (r == ctapKeepaliveCancel || r == fidoErrRX || r == fidoErrTX) {
		return contextError(ctx)
	}
	return codeError(int(r), doing)
}

// codeError maps a raw libfido2/CTAP status code.
func codeError(code int, doing string) error {
	cause := fmt.Errorf("libfido2 error %d (0x%02x) while %s", code, code&0xff, doing)
	switch code {
	case codeDeviceBusy:
		return busyError()
	case fidoErrTX, fidoErrRX:
		return fido.New("device_error", "lost contact with the key while "+doing, cause)
	case fidoErrRXNotCBOR, fidoErrRXInvalidCBOR:
		return fido.New("device_error", "the key sent an answer that is not valid CBOR while "+doing, cause)

	case ctapCredentialExcluded:
		return fido.New("credential_excluded", "", cause)
	case ctapKeyStoreFull:
		return fido.New("key_full", "", cause)
	case ctapPINBlocked:
		return fido.New("pin_blocked", "", cause)
	case ctapPUATRequired:
		return fido.New("pin_required", "", cause)
	case ctapUnsupportedAlgorithm:
		return fido.New("unsupported_algorithm", "", cause)
	case ctapUserActionTimeout:
		return fido.New("action_timeout", "", cause)
	case ctapPINInvalid:
		return fido.New("pin_invalid", "", cause)
	case ctapPINAuthBlocked:
		return fido.New("pin_auth_blocked", "", cause)
	case ctapPINNotSet:
		return fido.New("pin_not_set", "", cause)
	case ctapPINPolicyViolation:
		return fido.New("pin_policy_violation", "", cause)
	case ctapOperationDenied:
		return fido.New("operation_denied", "", cause)
	case ctapKeepaliveCancel:
		return fido.New("cancelled", "", cause)
	case ctapNotAllowed:
		return fido.New("not_allowed", "", cause)
	case ctapPINAuthInvalid: // PIN_AUTH_INVALID: a bad pinUvAuthParam (never from a wrong PIN, which is 0x31)
		return fido.New("pin_auth_invalid", "the key refused the PIN protocol's authentication while "+doing, cause)
	case ctapUnsupportedOption, ctapInvalidCommand:
		return fido.New("unsupported_by_key", "the key does not support "+doing, cause)
	}
	return fido.New("device_error", fmt.Sprintf("the key failed while %s (error 0x%02x)", doing, code&0xff), cause)
}

// openError explains a failed fido_dev_open: libfido2 only says it failed.
func openError(path string, code int) error {
	if code == codeDeviceBusy {
		return busyError()
	}
	cause := fmt.Errorf("fido_dev_open: libfido2 error %d", code)
	if IsVirtual(path) {
		if err := ports.LastError(); err != nil {
			cause = err
		}
		if errors.Is(cause, virtual.ErrBusy) {
			return fido.New("device_busy", "", cause)
		}
		var refused *safefile.Error
		if errors.As(cause, &refused) {
			return refused // the state file is a device, too large, a symlink...: say so
		}
		return fido.New("device_not_found", "cannot open the software key "+path, cause)
	}
	if _, err := os.Stat(path); err != nil {
		return fido.New("device_not_found", "no security key at "+path, cause)
	}
	return fido.New("device_error", "cannot open the key at "+path, cause)
}

// contextError says why ctx ended: the caller's --timeout or a cancellation.
func contextError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fido.New("timeout", "", ctx.Err())
	}
	return fido.New("cancelled", "", ctx.Err())
}
