package virtual

import (
	"bytes"
	"os"
	"testing"
)

// A wrong PIN spends a retry at once: the state file must show it even though the
// command failed, or a crash (or a second program) would get the retry back.
func TestFailedCommandStillPersistsState(t *testing.T) {
	p := newClient(t)
	if st := p.setPIN("123456"); st != 0 {
		t.Fatalf("setPIN %#x", st)
	}
	st, _ := p.tokenRequest("999999", map[int]any{9: permMakeCredential, 10: "x.example"})
	if st != ctapPINInvalid {
		t.Fatalf("wrong PIN: %#x, want PIN_INVALID", st)
	}
	s, err := ReadState(p.path)
	if err != nil {
		t.Fatal(err)
	}
	if s.PINRetries != maxPINRetries-1 || s.Boot.PINFailures != 1 {
		t.Errorf("state file: retries %d failures %d, want %d and 1", s.PINRetries, s.Boot.PINFailures, maxPINRetries-1)
	}
}

// Requests over maxMsgSize (getInfo 0x05) are refused whole, whatever the command.
func TestRequestOverMaxMsgSize(t *testing.T) {
	p := newClient(t)
	for _, tt := range []struct {
		size int
		want byte
	}{{maxMsgSize, ctapOK}, {maxMsgSize + 1, ctapRequestTooLarge}, {3000, ctapRequestTooLarge}} {
		body := append([]byte{cmdGetInfo}, bytes.Repeat([]byte{0}, tt.size-1)...)
		if _, resp := exchange(t, p.c, p.cid, hidCBOR, body); resp[0] != tt.want {
			t.Errorf("request of %d bytes: %#x, want %#x", tt.size, resp[0], tt.want)
		}
	}
	if got := p.c.key.handle(make([]byte, maxMsgSize+1), nil, func() {}); !bytes.Equal(got, []byte{ctapRequestTooLarge}) {
		t.Errorf("handle, oversize: %x", got)
	}
}

// Commands that change nothing do not rewrite the state file (each write is an fsync).
func TestUnchangedStateNotRewritten(t *testing.T) {
	p := newClient(t)
	before, err := os.Stat(p.path)
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range [][]byte{{cmdGetInfo}, {0x42}, {cmdMakeCredential, 0xff}} {
		p.c.key.handle(req, nil, func() {})
	}
	if after, err := os.Stat(p.path); err != nil || !os.SameFile(before, after) {
		t.Errorf("state file rewritten by commands that changed nothing (%v)", err)
	}
	p.setPIN("123456")
	if after, _ := os.Stat(p.path); os.SameFile(before, after) {
		t.Error("setPIN did not write the state file")
	}
}
