package fido

import "context"

// Preparer is a key that can be prepared before it is handed out: its PIN, its
// authenticatorConfig settings (CTAP 2.1 §6.11) and a reset. Backends implement it
// beside Device; callers check with a type assertion.
type Preparer interface {
	// SetPIN sets the first PIN of a key that has none (clientPIN setPIN).
	SetPIN(ctx context.Context, pin PIN) error
	// ChangePIN replaces the PIN (clientPIN changePIN); it also ends a forced change.
	ChangePIN(ctx context.Context, oldPIN, newPIN PIN) error
	// SetMinPINLength raises the minimum PIN length to n and lets rpIDs read it through
	// the minPinLength extension. Keys never lower it.
	SetMinPINLength(ctx context.Context, n int, rpIDs []string, pin PIN) error
	// ForcePINChange makes the key refuse use until its PIN is changed.
	ForcePINChange(ctx context.Context, pin PIN) error
	// ToggleAlwaysUV flips the alwaysUv option.
	ToggleAlwaysUV(ctx context.Context, pin PIN) error
	// Reset erases the key (authenticatorReset): credentials, PIN and settings. Keys
	// allow it only within seconds of power-up, and with a touch.
	Reset(ctx context.Context) error
}
