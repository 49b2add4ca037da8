//go:build cgo

package libfido2

import (
	"context"
	"strings"

	gofido "github.com/keys-pub/go-libfido2"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// Available reports whether this build can talk to keys.
const Available = true

// Opener finds keys through libfido2.
type Opener struct{}

// NewOpener returns the libfido2 backend.
func NewOpener() *Opener { return &Opener{} }

// Locations lists the FIDO keys libfido2 sees (go-libfido2's enumeration), then the
// software keys registered with RegisterVirtual.
func (*Opener) Locations(ctx context.Context) ([]fido.Location, error) {
	if ctx.Err() != nil {
		return nil, contextError(ctx)
	}
	locs, err := gofido.DeviceLocations()
	if err != nil {
		return nil, fido.New("device_error", "listing security keys failed", err)
	}
	out := make([]fido.Location, 0, len(locs))
	for _, l := range locs {
		out = append(out, location(l))
	}
	for _, state := range listedVirtual() {
		out = append(out, virtualLocation(VirtualPrefix+state))
	}
	return out, nil
}

func location(l *gofido.DeviceLocation) fido.Location {
	return fido.Location{
		Path: l.Path,
		// go-libfido2 hands USB ids out as int16: they are unsigned.
		VendorID:     uint16(l.VendorID),
		ProductID:    uint16(l.ProductID),
		Manufacturer: strings.TrimSpace(l.Manufacturer),
		Product:      strings.TrimSpace(l.Product),
	}
}

func virtualLocation(path string) fido.Location {
	return fido.Location{Path: path, Manufacturer: virtualManufacturer, Product: virtualProduct, Virtual: true}
}

// Open returns the key at path. A "virtual:<state-file>" path opens a software test key.
// Nothing is sent to the key until its first command, which opens it for good.
func (o *Opener) Open(ctx context.Context, path string) (fido.Device, error) {
	if path == "" {
		return nil, fido.New("device_not_found", "empty device path", nil)
	}
	loc := fido.Location{Path: path}
	if IsVirtual(path) {
		loc = virtualLocation(path)
	} else if locs, err := o.Locations(ctx); err == nil {
		for _, l := range locs {
			if l.Path == path {
				loc = l
			}
		}
	}
	return &device{h: handle{path: path}, loc: loc}, nil
}
