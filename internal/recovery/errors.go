package recovery

import (
	"context"
	"errors"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// Error is a recovery's own refusal, with a stable code: the ceremony's error type,
// as bulk's is.
//
// Codes: lost_method_not_found, lost_method_on_key, lost_is_replacement,
// confirmation_required, recovery_invalid, replacement_unknown, file_exists,
// tap_not_delivered.
type Error = enroll.Error

// errorCode is err's stable code: its own, "cancelled" for a cancelled context,
// "internal" when it has none.
func errorCode(err error) string {
	var c interface{ ErrorCode() string }
	switch {
	case errors.As(err, &c):
		return c.ErrorCode()
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return "internal"
}

func errorHint(err error) string {
	var h interface{ ErrorHint() string }
	if errors.As(err, &h) {
		return h.ErrorHint()
	}
	return ""
}

// requestIDOf is Graph's request-id of a failed call, when it answered.
func requestIDOf(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) {
		return ge.RequestID
	}
	return ""
}
