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
	// MakeCredential creates a credential (authenticatorMakeCredential). Credentials in
	// req.ExcludeList are looked for first, without a touch, so a key that is already
	// registered fails with ErrCredentialExcluded before the user is asked to touch it.
	MakeCredential(ctx context.Context, req *CredentialRequest) (*Attestation, error)
}
