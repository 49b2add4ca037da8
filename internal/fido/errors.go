package fido

import (
	"errors"
	"fmt"
)

// Error is a key's refusal or a failure to reach it, with a stable code.
//
// Codes: no_device, multiple_devices, device_not_found, device_busy, device_error,
// unsupported, not_fido2, pin_required, pin_invalid, pin_auth_blocked, pin_blocked,
// pin_not_set, pin_policy_violation, uv_unsupported, credential_excluded, key_full,
// unsupported_algorithm, action_timeout, operation_denied, cancelled, timeout,
// not_allowed, unsupported_by_key, pin_already_set, reset_not_allowed, credential_not_on_key.
type Error struct {
	Code string
	// Message is a short lower-case description, never holding a PIN.
	Message string
	// Retries is the number of PIN attempts left, -1 when unknown.
	Retries int
	// Err is the backend's underlying error, for --debug output.
	Err error
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = messages[e.Code]
	}
	if e.Retries >= 0 && e.Code == "pin_invalid" {
		msg = fmt.Sprintf("%s (%d %s left)", msg, e.Retries, plural(e.Retries, "attempt", "attempts"))
	}
	return msg
}

// Unwrap returns the backend's error.
func (e *Error) Unwrap() error { return e.Err }

// Is matches errors by code, so errors.Is(err, fido.ErrPINInvalid) holds for any
// pin_invalid error whatever its retry count.
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Code == e.Code && t.Message == "" && t.Err == nil
}

// ErrorCode returns the stable code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorHint says what to do about it.
func (e *Error) ErrorHint() string {
	if e.Code == "pin_invalid" && e.Retries >= 0 && e.Retries <= 3 {
		return fmt.Sprintf("check the PIN carefully: after %d more wrong %s the key locks and must be reset", e.Retries, plural(e.Retries, "PIN", "PINs"))
	}
	return hints[e.Code]
}

// PINRetries returns the attempts left, -1 when unknown.
func (e *Error) PINRetries() int { return e.Retries }

// New returns an error with code and an optional message and cause.
func New(code, message string, cause error) *Error {
	return &Error{Code: code, Message: message, Retries: -1, Err: cause}
}

func sentinel(code string) *Error { return &Error{Code: code, Retries: -1} }

// Sentinels for errors.Is.
var (
	ErrNoDevice             = sentinel("no_device")
	ErrMultipleDevices      = sentinel("multiple_devices")
	ErrDeviceNotFound       = sentinel("device_not_found")
	ErrDeviceBusy           = sentinel("device_busy")
	ErrDevice               = sentinel("device_error")
	ErrUnsupported          = sentinel("unsupported")
	ErrNotFIDO2             = sentinel("not_fido2")
	ErrPINRequired          = sentinel("pin_required")
	ErrPINInvalid           = sentinel("pin_invalid")
	ErrPINAuthBlocked       = sentinel("pin_auth_blocked")
	ErrPINBlocked           = sentinel("pin_blocked")
	ErrPINNotSet            = sentinel("pin_not_set")
	ErrPINPolicyViolation   = sentinel("pin_policy_violation")
	ErrUVUnsupported        = sentinel("uv_unsupported")
	ErrCredentialExcluded   = sentinel("credential_excluded")
	ErrKeyFull              = sentinel("key_full")
	ErrUnsupportedAlgorithm = sentinel("unsupported_algorithm")
	ErrActionTimeout        = sentinel("action_timeout")
	ErrOperationDenied      = sentinel("operation_denied")
	ErrCancelled            = sentinel("cancelled")
	ErrTimeout              = sentinel("timeout")
	ErrNotAllowed           = sentinel("not_allowed")
	ErrUnsupportedByKey     = sentinel("unsupported_by_key")
	ErrPINAlreadySet        = sentinel("pin_already_set")
	ErrResetNotAllowed      = sentinel("reset_not_allowed")
)

var messages = map[string]string{
	"no_device":             "no FIDO2 security key found",
	"multiple_devices":      "more than one security key is plugged in",
	"device_not_found":      "no security key at that path",
	"device_busy":           "the security key is in use by another program",
	"device_error":          "the security key reported an error",
	"unsupported":           "this build has no FIDO2 support (built without cgo and libfido2)",
	"not_fido2":             "the key is not a FIDO2 key (U2F only)",
	"pin_required":          "the key has a PIN and none was given",
	"pin_invalid":           "wrong PIN",
	"pin_auth_blocked":      "too many wrong PINs in a row",
	"pin_blocked":           "the key's PIN is blocked",
	"pin_not_set":           "the key has no PIN, and Entra ID requires user verification",
	"pin_policy_violation":  "the key refused the PIN: it breaks the key's PIN policy",
	"uv_unsupported":        "the key cannot verify the user (no PIN support)",
	"credential_excluded":   "the key already holds a passkey for this user",
	"key_full":              "the key has no room for another passkey",
	"unsupported_algorithm": "the key supports none of the requested algorithms",
	"action_timeout":        "the key was not touched in time",
	"operation_denied":      "the operation was declined on the key",
	"cancelled":             "cancelled",
	"timeout":               "the operation on the key timed out",
	"not_allowed":           "the key does not allow that now",
	"unsupported_by_key":    "the key does not support that command or option",
	"credential_not_on_key": "the key holds no such credential",
	"pin_already_set":       "the key already has a PIN",
	"reset_not_allowed":     "the key refused the reset: it allows one only within seconds of being plugged in",
}

var hints = map[string]string{
	"no_device":             "plug in a FIDO2 security key, or name one with --device (see `entra-passkey devices`)",
	"multiple_devices":      "choose one with --device PATH (see `entra-passkey devices`)",
	"device_not_found":      "list the keys with `entra-passkey devices` and check --device",
	"device_busy":           "close the other program using the key (a browser's passkey prompt, another entra-passkey) and try again; if nothing else uses it, unplug and replug the key",
	"device_error":          "unplug and replug the key, then retry; --debug shows libfido2's error",
	"unsupported":           "install a build made with libfido2 (see README: Building)",
	"not_fido2":             "use a FIDO2 (CTAP2) security key: Entra ID passkeys need one",
	"pin_required":          "give the PIN at the prompt, in a \"pin\" field on stdin, with --pin-file FILE or --pin-env NAME",
	"pin_invalid":           "check the PIN and retry",
	"pin_auth_blocked":      "unplug and replug the key, then retry with the right PIN",
	"pin_blocked":           "the key must be reset, which erases all its credentials: `entra-passkey reset`",
	"pin_not_set":           "set a PIN on the key first: `entra-passkey pin set` (or `fido2-token -S DEVICE`)",
	"pin_policy_violation":  "use a longer PIN, or change the PIN first if the key demands a change",
	"uv_unsupported":        "use a key that supports a PIN (clientPin)",
	"credential_excluded":   "remove the user's existing method for this key first, or use another key",
	"key_full":              "delete unused passkeys from the key or reset it",
	"unsupported_algorithm": "use a key that supports ES256",
	"action_timeout":        "retry and touch the key when asked",
	"operation_denied":      "retry and confirm on the key",
	"cancelled":             "",
	"timeout":               "retry, or give a longer --timeout",
	"not_allowed":           "unplug and replug the key, then retry",
	"pin_auth_invalid":      "unplug and replug the key, then retry; if it persists, the key's PIN protocol is not supported",
	"unsupported_by_key":    "check what the key supports with `entra-passkey key-info` (supports); a CTAP 2.1 key or newer firmware may be needed",
	"credential_not_on_key": "list what the key holds with `entra-passkey key credentials`",
	"pin_already_set":       "change it with `entra-passkey pin change` instead",
	"reset_not_allowed":     "unplug and replug the key, then run reset within 10 seconds and touch it",
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
