package bulk

import (
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
)

// Error is a rollout failure with a stable code: the ceremony's error type, since a
// rollout's failures are the ceremony's failures and read the same way.
type Error = enroll.Error

func errorf(code, format string, a ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, a...)}
}
