// Package libfido2 is the key backend on Yubico's libfido2: go-libfido2 for the
// operations it offers, and a little cgo of our own for what it lacks (the whole of
// getInfo, timeouts) and for serving software test keys ("virtual:<state-file>" paths)
// to libfido2 through its io hooks. It is the project's only cgo package; without cgo
// it builds as a stub whose every call fails with fido.ErrUnsupported.
package libfido2
