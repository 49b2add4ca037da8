// Package backends is the composition of the key backends this build has, behind one
// fido.Mux: the only place that names a backend package, so commands stay neutral.
package backends

import (
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
)

// Default returns the backends in order of preference: libfido2 (every HID key, and the
// software test key through its io hooks).
func Default() *fido.Mux { return fido.NewMux(libfido2.NewOpener()) }
