//go:build !cgo

package libfido2

import (
	"context"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// Available reports whether this build can talk to keys.
const Available = false

// Opener is the stub backend: every call fails with fido.ErrUnsupported.
type Opener struct{}

// NewOpener returns the stub backend.
func NewOpener() *Opener { return &Opener{} }

// Locations fails: there is no libfido2 in this build.
func (*Opener) Locations(context.Context) ([]fido.Location, error) { return nil, fido.ErrUnsupported }

// Open fails: there is no libfido2 in this build.
func (*Opener) Open(context.Context, string) (fido.Device, error) { return nil, fido.ErrUnsupported }

// RegisterVirtual does nothing without libfido2.
func RegisterVirtual(string) {}
