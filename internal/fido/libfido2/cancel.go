//go:build cgo

package libfido2

/*
#include <stdlib.h>
int ep_cancel(const char *path);
*/
import "C"

import "unsafe"

// cancelOnKey sends CTAPHID_CANCEL to the devices open at path (see cancel.c); a key
// waiting for a touch then gives up. It is safe while another goroutine opens, uses or
// closes the device.
func cancelOnKey(path string) {
	cPath := C.CString(path)
	defer C.free(unsafe.Pointer(cPath))
	C.ep_cancel(cPath)
}
