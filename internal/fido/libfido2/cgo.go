//go:build cgo

package libfido2

// The package's own link flags, per OS: pkg-config where libfido2 installs a .pc file
// (Linux distributions, Homebrew, the BSDs), the plain library elsewhere. Nothing
// renames or replaces libfido2's symbols: the binary links the library as it is.

/*
#cgo linux darwin freebsd openbsd netbsd pkg-config: libfido2
#cgo windows LDFLAGS: -lfido2
*/
import "C"
