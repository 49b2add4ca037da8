//go:build cgo

package libfido2

// The package's own link flags, per OS: pkg-config where libfido2 installs a .pc file
// (Linux distributions, Homebrew, the BSDs), the plain library elsewhere. Nothing
// renames or replaces libfido2's symbols: the binary links the library as it is.

/*
#cgo linux darwin freebsd openbsd netbsd pkg-config: libfido2
#cgo windows LDFLAGS: -lfido2
#include <fido.h>
*/
import "C"

// libfido2 wants fido_init before any other call. Its settings (FIDO_DEBUG's trace
// included) are per thread, and cgo calls run on whichever thread Go picks: the software
// key's own trace (ENTRA_PASSKEY_VIRTUAL_TRACE, see fido/virtual) is the one to read.
func init() { C.fido_init(0) }
