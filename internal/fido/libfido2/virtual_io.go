//go:build cgo

package libfido2

/*
#include <stdint.h>
#include <stdlib.h>
*/
import "C"

import (
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// ports are the software keys open through libfido2's io callbacks (dev.c).
var ports virtual.Ports

// listed holds the state files that enumeration shows besides the hardware keys.
var listed struct {
	sync.Mutex
	paths []string
}

// RegisterVirtual makes enumeration (Locations) list the software key whose state lives
// in statePath, as "virtual:<statePath>".
func RegisterVirtual(statePath string) {
	listed.Lock()
	defer listed.Unlock()
	for _, p := range listed.paths {
		if p == statePath {
			return
		}
	}
	listed.paths = append(listed.paths, statePath)
}

func listedVirtual() []string {
	listed.Lock()
	defer listed.Unlock()
	return append([]string(nil), listed.paths...)
}

//export goVirtualOpen
func goVirtualOpen(path *C.char) C.uintptr_t {
	return C.uintptr_t(ports.Open(strings.TrimPrefix(C.GoString(path), VirtualPrefix)))
}

//export goVirtualClose
func goVirtualClose(h C.uintptr_t) { ports.Close(uintptr(h)) }

//export goVirtualRead
func goVirtualRead(h C.uintptr_t, buf *C.uchar, n C.size_t, ms C.int) C.int {
	timeout := time.Duration(ms) * time.Millisecond
	if ms < 0 {
		timeout = -1
	}
	return C.int(ports.Read(uintptr(h), unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(n)), timeout))
}

//export goVirtualWrite
func goVirtualWrite(h C.uintptr_t, buf *C.uchar, n C.size_t) C.int {
	// A copy: the key may keep the packet after the callback returns.
	return C.int(ports.Write(uintptr(h), C.GoBytes(unsafe.Pointer(buf), C.int(n))))
}

const (
	virtualManufacturer = virtual.Manufacturer
	virtualProduct      = virtual.Product
)
