package libfido2

import "github.com/entra-passkey/entra-passkey/internal/fido"

// VirtualPrefix starts the path of a software test key (fido.VirtualPrefix).
const VirtualPrefix = fido.VirtualPrefix

// IsVirtual reports whether path names a software test key.
func IsVirtual(path string) bool { return fido.IsVirtual(path) }

// Name names the backend.
func (*Opener) Name() string { return "libfido2" }

// Available reports whether this build has libfido2.
func (*Opener) Available() bool { return Available }

// Handles reports that libfido2 opens every path: HID keys and, through its io hooks,
// software keys.
func (*Opener) Handles(string) bool { return true }

// ListVirtual lists the software key at statePath among the keys present.
func (*Opener) ListVirtual(statePath string) { RegisterVirtual(statePath) }
