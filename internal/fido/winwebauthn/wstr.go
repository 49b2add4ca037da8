package winwebauthn

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unsafe"
)

// wstr is s as a NUL-terminated UTF-16 string; s may not hold a NUL.
func wstr(s string) (*uint16, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, errors.New("string holds a NUL character")
	}
	w := utf16.Encode([]rune(s + "\x00"))
	return &w[0], nil
}

// maxWString bounds how far goWString reads: the DLL's strings are short names.
const maxWString = 256

// goWString reads a NUL-terminated UTF-16 string the DLL wrote, "" for nil.
func goWString(p *uint16) string {
	if p == nil {
		return ""
	}
	var w []uint16
	for n := 0; n < maxWString; n++ {
		c := *(*uint16)(unsafe.Add(unsafe.Pointer(p), 2*n))
		if c == 0 {
			break
		}
		w = append(w, c)
	}
	return string(utf16.Decode(w))
}

// goBytes copies n bytes the DLL wrote at p; nil when there are none.
func goBytes(p *byte, n uint32) []byte {
	if p == nil || n == 0 {
		return nil
	}
	return append([]byte(nil), unsafe.Slice(p, n)...)
}

// bytesPtr is a pointer to b's first byte, nil for an empty b (never &b[0] of nothing).
func bytesPtr(b []byte) (*byte, uint32) {
	if len(b) == 0 {
		return nil, 0
	}
	return &b[0], uint32(len(b))
}
