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

// Locations lists the FIDO keys libfido2 sees, and the software keys registered with
// RegisterVirtual.
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
		Virtual:      IsVirtual(l.Path),
	}
}

// Open returns the key at path. A "virtual:<state-file>" path opens a software test key.
func (o *Opener) Open(ctx context.Context, path string) (fido.Device, error) {
	if path == "" {
		return nil, fido.New("device_not_found", "empty device path", nil)
	}
	loc := fido.Location{Path: path, Virtual: IsVirtual(path)}
	if loc.Virtual {
		loc.Manufacturer, loc.Product = virtualManufacturer, virtualProduct
	} else if locs, err := o.Locations(ctx); err == nil {
		for _, l := range locs {
			if l.Path == path {
				loc = l
			}
		}
	}
	d, err := gofido.NewDevice(path)
	if err != nil {
		return nil, fido.New("device_not_found", "", err)
	}
	return &device{dev: d, loc: loc}, nil
}
