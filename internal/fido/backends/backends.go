// Package backends is the composition of the key backends this build has, behind one
// fido.Mux: the only place that names a backend package, so commands stay neutral.
package backends

import (
	"fmt"
	"runtime"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
	"github.com/entra-passkey/entra-passkey/internal/fido/winwebauthn"
)

// Choice is which backend serves hardware keys first, and why (`version`, `devices`).
type Choice struct {
	Backend string `json:"backend"`
	Reason  string `json:"reason"`
}

// errElevation is libfido2 finding no key on Windows without elevation, where raw FIDO
// HID access needs Administrator.
var errElevation = fido.New("elevation_required",
	"no security key is visible to libfido2: on Windows it needs Administrator to reach FIDO keys; run elevated, or use --backend webauthn (Windows' own dialogs)", nil)

// Choices are --backend's values.
var Choices = []string{"auto", "libfido2", "webauthn"}

// Default returns the backends as auto chooses them.
func Default() *fido.Mux {
	m, _, _ := Select("auto")
	return m
}

// Select returns the backends for --backend choice, in order of preference. auto picks
// webauthn.dll on Windows when the process is not elevated (raw FIDO HID access needs
// Administrator there since Windows 10 1903) and libfido2 otherwise. Software keys
// (virtual:...) are libfido2's in every case but webauthn.
func Select(choice string) (*fido.Mux, Choice, error) {
	lib, win := libfido2.NewOpener(), winwebauthn.New()
	switch choice {
	case "libfido2":
		m := fido.NewMux(lib)
		if runtime.GOOS == "windows" && !elevated() {
			m.WhenNoKeys(errElevation)
		}
		return m, Choice{"libfido2", "asked for (--backend libfido2)"}, nil
	case "webauthn":
		return fido.NewMux(win), Choice{"webauthn", "asked for (--backend webauthn)"}, nil
	case "auto", "":
	default:
		return nil, Choice{}, fmt.Errorf("unknown key backend %q (auto, libfido2 or webauthn)", choice)
	}
	if runtime.GOOS == "windows" && win.Available() && !elevated() {
		return fido.NewMux(win, lib), Choice{"webauthn", "Windows, not elevated: webauthn.dll (raw FIDO HID access needs Administrator)"}, nil
	}
	switch {
	case lib.Available() && runtime.GOOS == "windows":
		return fido.NewMux(lib, win), Choice{"libfido2", "Windows, elevated: libfido2 (raw CTAP: PIN, config, reset)"}, nil
	case lib.Available():
		return fido.NewMux(lib, win), Choice{"libfido2", "libfido2 is the backend on " + runtime.GOOS}, nil
	case win.Available():
		return fido.NewMux(win, lib), Choice{"webauthn", "this build has no libfido2 (no cgo): webauthn.dll"}, nil
	}
	return fido.NewMux(lib, win), Choice{"none", "no key backend: built without cgo, and no webauthn.dll"}, nil
}
