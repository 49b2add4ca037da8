// Command virtualkey-preload is a shared library that lets libfido2's own tools
// (fido2-cred, fido2-token, from Debian's fido2-tools) use the project's software test
// keys, for benchmarks and for checking a software key against libfido2's reference
// client:
//
//	go build -buildmode=c-shared -o virtualkey.so ./cmd/virtualkey-preload
//	LD_PRELOAD=$PWD/virtualkey.so fido2-cred -M -i input virtual:/path/key.json
//
// It interposes fido_dev_open (preload_linux.c): a "virtual:<state-file>" path gets io
// callbacks into the software key, as internal/fido/libfido2 does on its own handles;
// every other path goes to libfido2 untouched. It is never linked into entra-passkey.
package main

// main is never run: the package is built with -buildmode=c-shared (Linux, cgo).
func main() {}
