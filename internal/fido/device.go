package fido

import "context"

// Location describes a key that is plugged in, as enumeration reports it, before it is
// opened.
type Location struct {
	Path         string `json:"path"`
	VendorID     uint16 `json:"vendorId"`
	ProductID    uint16 `json:"productId"`
	Manufacturer string `json:"manufacturer"`
	Product      string `json:"product"`
	// Virtual marks a software test key: never a real authenticator.
	Virtual bool `json:"virtual"`
}

// Opener finds and opens keys.
type Opener interface {
	// Locations lists the keys present.
	Locations(ctx context.Context) ([]Location, error)
	// Open returns the key at path. Nothing is sent to the key until an operation runs.
	Open(ctx context.Context, path string) (Device, error)
}

// Device is one security key. Every operation honours ctx: cancelling it (Ctrl-C, a
// timeout) cancels the operation on the key.
type Device interface {
	// Location says which key this is.
	Location() Location
	// Info returns what the key reports about itself (authenticatorGetInfo and the PIN
	// retry counter).
	Info(ctx context.Context) (*Info, error)
	// Holds reports whether the key holds one of the credentials ids for rpID. It asks
	// silently (no touch, no PIN), so a key that is already registered is found before
	// anyone is asked to touch it. A credential that needs user verification to be seen
	// (credProtect level 3) is not found.
	Holds(ctx context.Context, rpID string, ids [][]byte) (bool, error)
	// MakeCredential creates a credential (authenticatorMakeCredential).
	MakeCredential(ctx context.Context, req *CredentialRequest) (*Attestation, error)
}

// CloseDevice releases dev: a backend that keeps the key open for the whole command
// (one open, one getInfo, one PIN token) closes it here. Call it once the command is
// done with the key; a nil dev is fine.
func CloseDevice(dev Device) error {
	if c, ok := dev.(interface{ Close() error }); ok && dev != nil {
		return c.Close()
	}
	return nil
}
