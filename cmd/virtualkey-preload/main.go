//go:build cgo && linux

// Command virtualkey-preload is a shared library that lets libfido2's own tools
// (fido2-cred, fido2-token, from Debian's fido2-tools) use the project's software test
// keys, for benchmarks and for checking a software key against libfido2's reference
// client:
//
//	go build -buildmode=c-shared -o virtualkey.so ./cmd/virtualkey-preload
//	LD_PRELOAD=$PWD/virtualkey.so fido2-cred -M -i input virtual:/path/key.json
//
// It interposes fido_dev_open (preload.c): a "virtual:<state-file>" path gets io
// callbacks into the software key, as internal/fido/libfido2 does on its own handles;
// every other path goes to libfido2 untouched. It is never linked into entra-passkey.
package main

/*
#cgo pkg-config: libfido2
#cgo LDFLAGS: -ldl
#include <stdint.h>
*/
import "C"

import (
	"strings"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

var ports virtual.Ports

//export epPreloadOpen
func epPreloadOpen(path *C.char) C.uintptr_t {
	return C.uintptr_t(ports.Open(strings.TrimPrefix(C.GoString(path), fido.VirtualPrefix)))
}

//export epPreloadClose
func epPreloadClose(h C.uintptr_t) { ports.Close(uintptr(h)) }

//export epPreloadRead
func epPreloadRead(h C.uintptr_t, buf *C.uchar, n C.size_t, ms C.int) C.int {
	timeout := time.Duration(ms) * time.Millisecond
	if ms < 0 {
		timeout = -1
	}
	return C.int(ports.Read(uintptr(h), unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(n)), timeout))
}

//export epPreloadWrite
func epPreloadWrite(h C.uintptr_t, buf *C.uchar, n C.size_t) C.int {
	return C.int(ports.Write(uintptr(h), C.GoBytes(unsafe.Pointer(buf), C.int(n))))
}

func main() {}
