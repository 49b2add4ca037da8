package graph

import (
	"errors"
	"strings"
)

// selfDeleteRefusal gives Graph's refusal to let a delegated sign-in delete its own
// FIDO2 method ("MFA is required for a 'RemoveKey' operation, but was not performed")
// its own code: the fix is a different sign-in, not a permission or a retry.
func selfDeleteRefusal(err error) error {
	var ge *Error
	if !errors.As(err, &ge) || ge.Status == 0 {
		return err
	}
	text := strings.ToLower(ge.GraphCode + " " + ge.Message)
	if strings.Contains(text, "mfa is required") || strings.Contains(text, "'removekey' operation") {
		ge.Op = "deleting your own FIDO2 method"
		ge.code = "self_delete_mfa_required"
		ge.hint = "Graph refuses a delegated sign-in deleting its own passkey without fresh MFA: " +
			"delete it signed in as another admin, or with an app-only token (client secret or certificate)"
	}
	return err
}
