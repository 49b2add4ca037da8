package cli

// Exit codes: few, so scripts can branch on them; the error code says the rest.
// README.md's "Exit codes" and "Error codes" tables document exactly these, and
// TestEveryCodeIsDocumented keeps them in step with the code.
const (
	exitOK           = 0
	exitFailure      = 1
	exitRegistered   = 3 // the method is registered (stdout holds it), a later step failed
	exitUsage        = 80
	exitPrecondition = 82
	exitForbidden    = 83
	exitUnavailable  = 101
	exitCancelled    = 130
)

// fileRefusedCode is a file a flag names that is refused for what it is (a symlink, not
// a regular file, too large, another user's), before anything else happens.
const fileRefusedCode = "file_refused"

// exitCodes maps every error code to its exit code. A code produced anywhere in the
// program must be listed here (TestEveryCodeIsDocumented finds them in the source).
var exitCodes = map[string]int{
	// Usage: the command line or an input cannot work as given; nothing was done.
	"usage":                     exitUsage,
	"file_refused":              exitUsage,
	"invalid_user":              exitUsage,
	"invalid_method_id":         exitUsage,
	"invalid_challenge_timeout": exitUsage,
	"pin_destination_required":  exitUsage,
	"invalid_recipient":         exitUsage,
	"pin_length_invalid":        exitUsage,
	"pin_whitespace":            exitUsage,
	"pin_not_text":              exitUsage,
	"pin_control_character":     exitUsage,
	"pin_too_short":             exitUsage,
	"pin_too_long":              exitUsage,
	"invalid_profile":           exitUsage,
	"invalid_group":             exitUsage,
	"invalid_format":            exitUsage,
	"invalid_identity":          exitUsage,
	"invalid_letter_template":   exitUsage,
	"roster_encoding":           exitUsage,
	"roster_too_large":          exitUsage,
	"invalid_tap_lifetime":      exitUsage,
	"lost_method_not_found":     exitUsage,
	"recovery_invalid":          exitUsage,

	// Precondition: the key, the user or the tenant is not in a state to do it.
	"no_device":              exitPrecondition,
	"multiple_devices":       exitPrecondition,
	"device_not_found":       exitPrecondition,
	"device_busy":            exitPrecondition,
	"pin_not_set":            exitPrecondition,
	"pin_blocked":            exitPrecondition,
	"pin_change_required":    exitPrecondition,
	"pin_already_set":        exitPrecondition,
	"uv_unsupported":         exitPrecondition,
	"unsupported_algorithm":  exitPrecondition,
	"credential_excluded":    exitPrecondition,
	"key_full":               exitPrecondition,
	"challenge_expired":      exitPrecondition,
	"software_key_refused":   exitPrecondition,
	"pin_out_exists":         exitPrecondition,
	"min_pin_length_lower":   exitPrecondition,
	"unsupported_by_key":     exitPrecondition,
	"unsupported_by_backend": exitPrecondition,
	"elevation_required":     exitPrecondition,
	"reset_not_allowed":      exitPrecondition,
	"graph_unauthorized":     exitPrecondition,
	"login_required":         exitPrecondition,
	"token_expired":          exitPrecondition,
	"confirmation_required":  exitPrecondition,
	"emulator_not_running":   exitPrecondition,
	"emulator_untrusted":     exitPrecondition,
	"file_exists":            exitPrecondition,
	"credential_not_on_key":  exitPrecondition,
	"serial_mismatch":        exitPrecondition,

	// Recovery: the tenant's policy or the plan refuses a step.
	"tap_lifetime_refused": exitPrecondition,
	"tap_not_allowed":      exitPrecondition,
	"lost_method_on_key":   exitPrecondition,
	"lost_is_replacement":  exitPrecondition,

	// Rollouts (bulk): the store, the job, the key at the station, the tenant.
	"store_not_found":          exitPrecondition,
	"store_invalid":            exitPrecondition,
	"store_too_new":            exitPrecondition,
	"job_not_found":            exitPrecondition,
	"job_exists":               exitPrecondition,
	"group_not_found":          exitPrecondition,
	"group_ambiguous":          exitPrecondition,
	"key_not_fresh":            exitPrecondition,
	"key_mismatch":             exitPrecondition,
	"model_not_allowed":        exitPrecondition,
	"pin_unavailable":          exitPrecondition,
	"pin_not_recoverable":      exitPrecondition,
	"pin_out_missing":          exitPrecondition,
	"fido2_disabled":           exitPrecondition,
	"self_service_disabled":    exitPrecondition,
	"model_restricted":         exitPrecondition,
	"policy_unreadable":        exitPrecondition,
	"policy_target_unreadable": exitPrecondition,
	"source_differs":           exitPrecondition,

	"graph_forbidden":          exitForbidden,
	"self_delete_mfa_required": exitForbidden,

	// Unavailable: worth retrying later, unchanged.
	"graph_throttled":       exitUnavailable,
	"graph_unavailable":     exitUnavailable,
	"graph_outcome_unknown": exitUnavailable,
	"tap_outcome_unknown":   exitUnavailable,
	"auth_unavailable":      exitUnavailable,

	"cancelled":      exitCancelled,
	"auth_cancelled": exitCancelled,

	// Failure (1): the error code says which.
	"unsupported":                 exitFailure,
	"invalid_encoding":            exitFailure,
	"input_too_large":             exitFailure,
	"invalid_json":                exitFailure,
	"not_fido2":                   exitFailure,
	"device_error":                exitFailure,
	"not_allowed":                 exitFailure,
	"pin_required":                exitFailure,
	"pin_invalid":                 exitFailure,
	"pin_auth_blocked":            exitFailure,
	"pin_auth_invalid":            exitFailure,
	"pin_policy_violation":        exitFailure,
	"unsupported_extension":       exitFailure,
	"action_timeout":              exitFailure,
	"operation_denied":            exitFailure,
	"timeout":                     exitFailure,
	"invalid_options":             exitFailure,
	"unsupported_rp":              exitFailure,
	"invalid_display_name":        exitFailure,
	"display_name_too_long":       exitFailure,
	"invalid_credential":          exitFailure,
	"invalid_attestation":         exitFailure,
	"verification_failed":         exitFailure,
	"replacement_unknown":         exitFailure,
	"tap_not_delivered":           exitFailure,
	"invalid_credential_document": exitFailure,
	"invalid_body":                exitFailure,
	"invalid_registration":        exitFailure,
	"record_failed":               exitFailure,
	"input_failed":                exitFailure,
	"output_failed":               exitFailure,
	"redirect_refused":            exitFailure,
	"user_not_found":              exitFailure,
	"method_not_found":            exitFailure,
	"policy_not_found":            exitFailure,
	"graph_bad_request":           exitFailure,
	"graph_conflict":              exitFailure,
	"graph_request_failed":        exitFailure,
	"graph_server_error":          exitFailure,
	"graph_tls_failed":            exitFailure,
	"graph_invalid_response":      exitFailure,
	"graph_config_invalid":        exitFailure,
	"auth_config_invalid":         exitFailure,
	"auth_failed":                 exitFailure,
	"auth_tls_failed":             exitFailure,
	"token_invalid":               exitFailure,
	"cache_failed":                exitFailure,
	"declined":                    exitFailure,
	"new_pin_required":            exitFailure,
	"pin_mismatch":                exitFailure,
	"pin_out_failed":              exitFailure,
	"random_failure":              exitFailure,
	"seed_invalid":                exitFailure,
	"emulator_start_failed":       exitFailure,
	"store_failed":                exitFailure,
	"lease_lost":                  exitFailure,
	"task_state_invalid":          exitFailure,
	"verify_failed":               exitFailure,
	"invalid_record":              exitFailure,
	"internal":                    exitFailure,
}

// exitCode is the exit code for an error code; an unknown code (a bug: the test
// above finds them) exits 1.
func exitCode(code string) int {
	if c, ok := exitCodes[code]; ok {
		return c
	}
	return exitFailure
}
