//go:build cgo

package libfido2

import (
	"context"
	"errors"
	"fmt"
	"os"

	gofido "github.com/keys-pub/go-libfido2"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// CTAP status codes that go-libfido2 has no sentinel for (CTAP 2.1 §8.2).
const (
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

// mapError turns a go-libfido2 error into a fido.Error with a stable code. The
// original stays reachable through Unwrap for --debug.
func mapError(ctx context.Context, err error, doing string) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil && errors.Is(err, gofido.ErrKeepaliveCancel) {
		return contextError(ctx)
	}
	var code string
	switch {
	case errors.Is(err, gofido.ErrPinRequired):
		code = "pin_required"
	case errors.Is(err, gofido.ErrPinInvalid):
		code = "pin_invalid"
	case errors.Is(err, gofido.ErrPinAuthBlocked):
		code = "pin_auth_blocked"
	case errors.Is(err, gofido.ErrPinNotSet):
		code = "pin_not_set"
	case errors.Is(err, gofido.ErrPinPolicyViolation):
		code = "pin_policy_violation"
	case errors.Is(err, gofido.ErrActionTimeout):
		code = "action_timeout"
	case errors.Is(err, gofido.ErrOperationDenied):
		code = "operation_denied"
	case errors.Is(err, gofido.ErrKeepaliveCancel):
		code = "cancelled"
	case errors.Is(err, gofido.ErrNotFIDO2):
		code = "not_fido2"
	case errors.Is(err, gofido.ErrNotAllowed):
		code = "not_allowed"
	case errors.Is(err, gofido.ErrUnsupportedOption), errors.Is(err, gofido.ErrInvalidCommand):
		code = "unsupported_by_key"
	case errors.Is(err, gofido.ErrTX), errors.Is(err, gofido.ErrRX):
		return fido.New("device_error", "lost contact with the key while "+doing, err)
	default:
		var ce gofido.Error
		if errors.As(err, &ce) {
			return codeError(ce.Code, doing)
		}
		return fido.New("device_error", fmt.Sprintf("the key failed while %s", doing), err)
	}
	e := fido.New(code, "", err)
	return e
}

// codeError maps a raw libfido2/CTAP status code.
func codeError(code int, doing string) error {
	cause := fmt.Errorf("libfido2 error %d (0x%02x) while %s", code, code&0xff, doing)
	switch code {
	case codeDeviceBusy: // from the open of a go-libfido2 call
		return busyError()
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
	case 0x31:
		return fido.New("pin_invalid", "", cause)
	case 0x34:
		return fido.New("pin_auth_blocked", "", cause)
	case 0x35:
		return fido.New("pin_not_set", "", cause)
	case 0x37:
		return fido.New("pin_policy_violation", "", cause)
	case 0x27:
		return fido.New("operation_denied", "", cause)
	case 0x2d:
		return fido.New("cancelled", "", cause)
	case ctapNotAllowed:
		return fido.New("not_allowed", "", cause)
	case 0x33: // PIN_AUTH_INVALID: a bad pinUvAuthParam (never from a wrong PIN, which is 0x31)
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
		if err := lastVirtualOpenError.Load(); err != nil {
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
