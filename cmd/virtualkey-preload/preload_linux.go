//go:build cgo

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
