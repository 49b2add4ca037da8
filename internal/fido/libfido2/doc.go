// Package libfido2 is the key backend on Yubico's libfido2. Each device owns one
// fido_dev_t, opened by its first command and kept until Close (one CTAPHID INIT and one
// getInfo per command line, however many commands follow), on which every operation runs
// through libfido2's C API: makeCredential, the silent exclusion probe, getInfo (all of
// it), clientPIN, authenticatorConfig, reset and cancel. Software test keys
// ("virtual:<state-file>" paths) get io callbacks on that same handle
// (fido_dev_set_io_functions); nothing renames a libfido2 symbol, so the binary links on
// any platform libfido2 builds on. go-libfido2 lists the hardware keys. It is the
// project's only cgo package; without cgo it builds as a stub whose every call fails
// with fido.ErrUnsupported.
package libfido2
