package fido

import "context"

// Identity is which physical key this is, as far as the key itself tells: CTAP has no
// serial number, so it comes from a vendor command (YubiKey's device-info record over
// CTAPHID) when the key answers one.
type Identity struct {
	// Serial is nil when the key does not tell (another vendor, a YubiKey whose serial
	// is hidden, a backend that cannot send vendor commands).
	Serial *string `json:"serial"`
	// Firmware is the vendor's firmware version ("5.4.3"), empty when unknown.
	Firmware string `json:"firmware,omitempty"`
	// Source names where Serial came from: "yubikey" (YubiKey's device-info vendor
	// command), "nitrokey" (the Nitrokey 3's UUID command), "operator" (given with
	// --serial or a roster column), "" when there is none.
	Source string `json:"serialSource,omitempty"`
}

// Identifier is a device that can ask the key which one it is.
type Identifier interface {
	// Identity asks the key over the same device the credential is made on. A key that
	// refuses or ignores the vendor command gives an Identity with a nil Serial and no
	// error; an error is a failure to reach the key.
	Identity(ctx context.Context) (*Identity, error)
}

// ReadIdentity asks dev which key it is; a backend that cannot send vendor commands
// gives an empty Identity (serial null), never a guess.
func ReadIdentity(ctx context.Context, dev Device) (*Identity, error) {
	if i, ok := dev.(Identifier); ok {
		return i.Identity(ctx)
	}
	return &Identity{}, nil
}
