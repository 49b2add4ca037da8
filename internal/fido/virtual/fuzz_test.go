package virtual

import (
	"path/filepath"
	"testing"
	"time"
)

// FuzzCommand feeds arbitrary CTAP requests to the authenticator: every one must get a
// status byte back, never a panic.
func FuzzCommand(f *testing.F) {
	for _, seed := range [][]byte{
		{cmdGetInfo},
		{cmdClientPIN, 0xa2, 0x01, 0x02, 0x02, 0x01},
		{cmdClientPIN, 0xa2, 0x01, 0x02, 0x02, 0x02},
		{cmdMakeCredential, 0xa1, 0x01, 0x40},
		{cmdGetAssertion, 0xa2, 0x01, 0x61, 0x78, 0x02, 0x40},
		{cmdConfig, 0xa1, 0x01, 0x03},
		{cmdConfig, 0xa2, 0x01, 0x03, 0x02, 0xa1, 0x01, 0x08},
	} {
		f.Add(seed)
	}
	path := filepath.Join(f.TempDir(), "key.json")
	c, err := Open(path)
	if err != nil {
		f.Fatal(err)
	}
	defer c.Close()
	c.State().Faults.TouchTimeout = time.Nanosecond // touches time out at once
	f.Fuzz(func(t *testing.T, req []byte) {
		if len(req) == 0 || req[0] == cmdReset {
			return
		}
		c.State().Faults.NoTouch = true // never block on a touch
		resp := c.key.handle(req, make(chan struct{}), func() {})
		if len(resp) == 0 {
			t.Fatalf("no status for %x", req)
		}
	})
}
