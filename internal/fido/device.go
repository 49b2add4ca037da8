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
// timeout) cancels the operation on the key. What only some backends can do is an
// optional interface (InfoReader, Prober, RetryCounter, Preparer): webauthn.dll, for one,
// reads no getInfo and handles the PIN itself. Callers use ReadInfo and the other
// helpers, which say unsupported_by_backend rather than fake an answer.
type Device interface {
	// Location says which key this is.
	Location() Location
	// MakeCredential creates a credential (authenticatorMakeCredential).
	MakeCredential(ctx context.Context, req *CredentialRequest) (*Attestation, error)
	// Close releases the key. A backend may keep it open from its first command to
	// Close, so that a command opens it, reads getInfo and gets a PIN token once.
	Close() error
}

// InfoReader is a device that says what the key reports about itself
// (authenticatorGetInfo). The answer is read once and kept until a command that may
// change it.
type InfoReader interface {
	Info(ctx context.Context) (*Info, error)
}

// RetryCounter is a device that can read the key's PIN retry counter.
type RetryCounter interface {
	PINRetries(ctx context.Context) (int, error)
}

// Prober is a device that can look for credentials without asking anyone.
type Prober interface {
	// Holds reports whether the key holds one of the credentials ids for rpID. It asks
	// silently (no touch, no PIN), so a key that is already registered is found before
	// anyone is asked to touch it. A credential that needs user verification to be seen
	// (credProtect level 3) is not found.
	Holds(ctx context.Context, rpID string, ids [][]byte) (bool, error)
}

// ErrNoInfo is what ReadInfo says for a backend that cannot read getInfo.
var ErrNoInfo = New("unsupported_by_backend", "this key backend cannot read what the key reports about itself (getInfo)", nil)

// ReadInfo returns what dev reports about itself, ErrNoInfo when its backend cannot say.
func ReadInfo(ctx context.Context, dev Device) (*Info, error) {
	r, ok := dev.(InfoReader)
	if !ok {
		return nil, ErrNoInfo
	}
	return r.Info(ctx)
}

// ReadInfoWithRetries is ReadInfo with the PIN retry counter, for a key that supports a
// PIN, in PINRetries (left nil when the backend cannot read it). It costs a command more
// than ReadInfo: the ceremony itself does without.
func ReadInfoWithRetries(ctx context.Context, dev Device) (*Info, error) {
	info, err := ReadInfo(ctx, dev)
	if err != nil || !info.SupportsPIN() {
		return info, err
	}
	if r, ok := dev.(RetryCounter); ok {
		n, err := r.PINRetries(ctx)
		if err != nil {
			return nil, err
		}
		withRetries := *info
		withRetries.PINRetries = &n
		return &withRetries, nil
	}
	return info, nil
}

// Holds asks dev whether it holds one of ids for rpID; a backend that cannot ask
// silently says no, and the key itself refuses an excluded credential at makeCredential.
func Holds(ctx context.Context, dev Device, rpID string, ids [][]byte) (bool, error) {
	if p, ok := dev.(Prober); ok {
		return p.Holds(ctx, rpID, ids)
	}
	return false, nil
}

// CloseDevice releases dev; a nil dev is fine.
func CloseDevice(dev Device) error {
	if dev == nil {
		return nil
	}
	return dev.Close()
}
