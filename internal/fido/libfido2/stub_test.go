//go:build !cgo

package libfido2

import (
	"context"
	"errors"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

func TestStubSaysUnsupported(t *testing.T) {
	if _, err := NewOpener().Locations(context.Background()); !errors.Is(err, fido.ErrUnsupported) {
		t.Errorf("Locations: %v, want unsupported", err)
	}
	if _, err := NewOpener().Open(context.Background(), "/dev/hidraw0"); !errors.Is(err, fido.ErrUnsupported) {
		t.Errorf("Open: %v, want unsupported", err)
	}
}

func TestLibfido2(t *testing.T) {
	t.Skip("built without cgo: the libfido2 tests need cgo and libfido2's headers (apt-get install libfido2-dev)")
}
