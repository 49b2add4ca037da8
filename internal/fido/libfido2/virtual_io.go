//go:build cgo

package libfido2

/*
#cgo LDFLAGS: -lfido2 -Wl,--wrap=fido_dev_open -Wl,--wrap=fido_dev_close -Wl,--wrap=fido_dev_info_manifest -lpthread
#include <stdint.h>
#include <stdlib.h>
*/
import "C"

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// virtualConns maps the handles libfido2 holds to open software keys. Handles are small
// integers, never Go pointers, because C keeps them.
var virtualConns = struct {
	sync.Mutex
	next  uintptr
	conns map[uintptr]openConn
	// listed holds the state files enumeration shows besides the hardware keys.
	listed []string
}{conns: map[uintptr]openConn{}}

type openConn struct {
	conn      *virtual.Conn
	statePath string
}

// joinOpenKeys, which tests set, makes an open of a software key that this process
// already has open join it (virtual.Conn.Join), as a second program joins a USB key that
// another one uses, instead of waiting for its lock and failing with virtual.ErrBusy.
var joinOpenKeys atomic.Bool

// RegisterVirtual makes enumeration (Locations) list the software key whose state lives
// in statePath, as "virtual:<statePath>".
func RegisterVirtual(statePath string) {
	virtualConns.Lock()
	defer virtualConns.Unlock()
	for _, p := range virtualConns.listed {
		if p == statePath {
			return
		}
	}
	virtualConns.listed = append(virtualConns.listed, statePath)
}

func lookupConn(h C.uintptr_t) *virtual.Conn {
	virtualConns.Lock()
	defer virtualConns.Unlock()
	return virtualConns.conns[uintptr(h)].conn
}

//export goVirtualOpen
func goVirtualOpen(path *C.char) C.uintptr_t {
	statePath := strings.TrimPrefix(C.GoString(path), VirtualPrefix)
	conn := joinOpen(statePath)
	if conn == nil {
		var err error
		if conn, err = virtual.Open(statePath); err != nil {
			lastVirtualOpenError.Store(err)
			return 0
		}
	}
	virtualConns.Lock()
	defer virtualConns.Unlock()
	virtualConns.next++
	virtualConns.conns[virtualConns.next] = openConn{conn, statePath}
	return C.uintptr_t(virtualConns.next)
}

// joinOpen joins the key at statePath when joinOpenKeys is set and it is open here.
func joinOpen(statePath string) *virtual.Conn {
	if !joinOpenKeys.Load() {
		return nil
	}
	virtualConns.Lock()
	defer virtualConns.Unlock()
	for _, o := range virtualConns.conns {
		if o.statePath == statePath {
			if c, err := o.conn.Join(); err == nil {
				return c
			}
		}
	}
	return nil
}

// lastVirtualOpenError keeps why the last software key failed to open, since libfido2
// only reports a generic error.
var lastVirtualOpenError errorValue

type errorValue struct {
	mu  sync.Mutex
	err error
}

func (v *errorValue) Store(err error) { v.mu.Lock(); v.err = err; v.mu.Unlock() }
func (v *errorValue) Load() error     { v.mu.Lock(); defer v.mu.Unlock(); return v.err }

//export goVirtualClose
func goVirtualClose(h C.uintptr_t) {
	virtualConns.Lock()
	conn := virtualConns.conns[uintptr(h)].conn
	delete(virtualConns.conns, uintptr(h))
	virtualConns.Unlock()
	if conn != nil {
		_ = conn.Close()
	}
}

// reportLen is the CTAPHID packet size; libfido2 writes it behind a one-byte report id.
const reportLen = 64

//export goVirtualRead
func goVirtualRead(h C.uintptr_t, buf *C.uchar, n C.size_t, ms C.int) C.int {
	conn := lookupConn(h)
	if conn == nil || n < reportLen {
		return -1
	}
	timeout := time.Duration(ms) * time.Millisecond
	if ms < 0 {
		timeout = -1
	}
	packet, err := conn.Read(timeout)
	if err != nil || len(packet) != reportLen {
		return -1
	}
	copy(unsafe.Slice((*byte)(unsafe.Pointer(buf)), reportLen), packet)
	return reportLen
}

//export goVirtualWrite
func goVirtualWrite(h C.uintptr_t, buf *C.uchar, n C.size_t) C.int {
	conn := lookupConn(h)
	if conn == nil || n != reportLen+1 {
		return -1
	}
	report := C.GoBytes(unsafe.Pointer(buf), C.int(n))
	if err := conn.Write(report[1:]); err != nil {
		return -1
	}
	return C.int(n)
}

//export goVirtualCount
func goVirtualCount() C.size_t {
	virtualConns.Lock()
	defer virtualConns.Unlock()
	return C.size_t(len(virtualConns.listed))
}

// goVirtualPath returns a C string the caller frees.
//
//export goVirtualPath
func goVirtualPath(i C.size_t) *C.char {
	virtualConns.Lock()
	defer virtualConns.Unlock()
	if int(i) >= len(virtualConns.listed) {
		return nil
	}
	return C.CString(VirtualPrefix + virtualConns.listed[i])
}

var (
	cManufacturer = C.CString(virtual.Manufacturer)
	cProduct      = C.CString(virtual.Product)
)

//export goVirtualManufacturer
func goVirtualManufacturer() *C.char { return cManufacturer }

//export goVirtualProduct
func goVirtualProduct() *C.char { return cProduct }

const (
	virtualManufacturer = virtual.Manufacturer
	virtualProduct      = virtual.Product
)
