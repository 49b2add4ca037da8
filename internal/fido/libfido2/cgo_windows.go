//go:build cgo

package libfido2

// Windows, cross-built with mingw-w64 (scripts/windows-cgo.sh): libfido2's headers and
// import library come from CGO_CFLAGS and CGO_LDFLAGS, pointed at the libfido2 that the
// script builds; cgo.go's -lfido2 links it. mingw-w64's C library has no explicit_bzero,
// which pin_free (makecred.go) calls: explicit_bzero_windows.h declares it for every C
// file of the package, and explicit_bzero_windows.c defines it over SecureZeroMemory.

/*
#cgo CFLAGS: -include ${SRCDIR}/explicit_bzero_windows.h
*/
import "C"
