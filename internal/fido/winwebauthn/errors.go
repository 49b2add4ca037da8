package winwebauthn

import (
	"context"
	"errors"
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// HRESULTs webauthn.dll returns (webauthn.h's WebAuthNGetErrorName table, winerror.h).
const (
	hrOK                    = 0
	nteExists               = 0x8009000F // InvalidStateError: an excluded credential is on the key
	nteNotFound             = 0x80090011 // NotAllowedError
	nteTokenKeysetFull      = 0x80090023 // ConstraintError
	nteInvalidParameter     = 0x80090027 // NotSupportedError
	nteNotSupported         = 0x80090029 // ConstraintError
	nteDeviceNotFound       = 0x80090035 // NotAllowedError
	nteUserCancelled        = 0x80090036 // NotAllowedError
	hrWin32NotSupported     = 0x80070032 // HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)
	hrWin32Cancelled        = 0x800704C7 // HRESULT_FROM_WIN32(ERROR_CANCELLED)
	hrWin32Timeout          = 0x800705B4 // HRESULT_FROM_WIN32(ERROR_TIMEOUT)
	hrWin32ProcNotFound     = 0x8007007F // HRESULT_FROM_WIN32(ERROR_PROC_NOT_FOUND)
	hrWin32ModuleNotFound   = 0x8007007E // HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND)
	hrWin32InvalidParameter = 0x80070057 // E_INVALIDARG
	hrNotImpl               = 0x80004001 // E_NOTIMPL: a stub webauthn.dll (Wine's)
)

// hresultError maps a failed call's HRESULT to a stable code; name is the DLL's
// WebAuthNGetErrorName for it ("" when unknown). A call that ended because ctx did
// says timeout or cancelled, whatever the DLL made of the cancellation.
func hresultError(ctx context.Context, hr uint32, name string) error {
	if ctx.Err() != nil {
		return contextError(ctx)
	}
	cause := fmt.Errorf("webauthn.dll error 0x%08X", hr)
	if name != "" {
		cause = fmt.Errorf("webauthn.dll error 0x%08X (%s)", hr, name)
	}
	switch hr {
	case nteExists:
		return fido.New("credential_excluded", "", cause)
	case nteTokenKeysetFull:
		return fido.New("key_full", "", cause)
	case nteNotSupported, hrWin32NotSupported:
		return fido.New("unsupported_by_key", "the key or Windows cannot make a credential with these options", cause)
	case nteInvalidParameter, hrWin32InvalidParameter:
		return fido.New("device_error", "webauthn.dll refused the request's parameters", cause)
	case nteUserCancelled, hrWin32Cancelled:
		return fido.New("cancelled", "the Windows security dialog was cancelled", cause)
	case hrWin32Timeout:
		return fido.New("action_timeout", "", cause)
	case nteDeviceNotFound:
		return fido.New("no_device", "Windows found no security key", cause)
	case nteNotFound:
		return fido.New("not_allowed", "Windows did not allow the operation (NotAllowedError)", cause)
	case hrWin32ProcNotFound, hrWin32ModuleNotFound, hrNotImpl:
		return fido.New("unsupported_by_backend", "this webauthn.dll does not implement what the backend needs (an old Windows, or Wine)", cause)
	}
	return fido.New("device_error", "webauthn.dll failed to make the credential", cause)
}

func contextError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fido.New("timeout", "", ctx.Err())
	}
	return fido.New("cancelled", "", ctx.Err())
}

// attestationError is a result from the DLL that does not hold together.
func attestationError(msg string, cause error) error {
	return fido.New("invalid_attestation", "webauthn.dll returned "+msg, cause)
}
