package virtual

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// These tests speak raw CTAPHID to the key; the CTAP commands themselves are exercised
// through the real libfido2 in internal/fido/libfido2.

func openTest(t *testing.T) (*Conn, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key.json")
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, path
}

// frame splits a message into CTAPHID packets.
func frame(cid uint32, cmd byte, data []byte) [][]byte {
	var out [][]byte
	p := make([]byte, packetLen)
	binary.BigEndian.PutUint32(p, cid)
	p[4] = cmd | 0x80
	binary.BigEndian.PutUint16(p[5:], uint16(len(data)))
	n := copy(p[7:], data)
	out = append(out, p)
	for seq := byte(0); n < len(data); seq++ {
		p = make([]byte, packetLen)
		binary.BigEndian.PutUint32(p, cid)
		p[4] = seq
		n += copy(p[5:], data[n:])
		out = append(out, p)
	}
	return out
}

// exchange sends a message and reads the reply, skipping keepalives.
func exchange(t *testing.T, c *Conn, cid uint32, cmd byte, data []byte) (byte, []byte) {
	t.Helper()
	for _, p := range frame(cid, cmd, data) {
		if err := c.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	return readMessage(t, c)
}

func readMessage(t *testing.T, c *Conn) (byte, []byte) {
	t.Helper()
	for {
		p, err := c.Read(2 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		cmd := p[4] &^ 0x80
		if cmd == hidKeepalive {
			continue
		}
		n := int(binary.BigEndian.Uint16(p[5:7]))
		data := append([]byte{}, p[7:7+min(n, initData)]...)
		for len(data) < n {
			q, err := c.Read(2 * time.Second)
			if err != nil {
				t.Fatal(err)
			}
			data = append(data, q[5:5+min(contData, n-len(data))]...)
		}
		return cmd, data
	}
}

func initChannel(t *testing.T, c *Conn) uint32 {
	t.Helper()
	nonce := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	cmd, resp := exchange(t, c, broadcastCID, hidInit, nonce)
	if cmd != hidInit || len(resp) != 17 || !bytes.Equal(resp[:8], nonce) {
		t.Fatalf("INIT reply %#x %x", cmd, resp)
	}
	if resp[16]&capCBOR == 0 || resp[16]&capNMSG == 0 {
		t.Errorf("capabilities %#x: want CBOR and NMSG", resp[16])
	}
	return binary.BigEndian.Uint32(resp[8:12])
}

func TestFraming(t *testing.T) {
	c, _ := openTest(t)
	cid := initChannel(t, c)
	for _, size := range []int{0, 1, initData, initData + 1, 1000, maxMessage} {
		data := bytes.Repeat([]byte{0xa5}, size)
		cmd, got := exchange(t, c, cid, hidPing, data)
		if cmd != hidPing || !bytes.Equal(got, data) {
			t.Errorf("PING of %d bytes: got cmd %#x, %d bytes", size, cmd, len(got))
		}
	}
	tests := []struct {
		name    string
		packets [][]byte
		want    byte
	}{
		{"MSG is not supported", frame(cid, hidMsg, []byte{0}), hidErrInvalidCmd},
		{"unknown command", frame(cid, 0x2a, nil), hidErrInvalidCmd},
		{"broadcast channel for PING", frame(broadcastCID, hidPing, []byte{1}), hidErrInvalidCID},
		{"too long", func() [][]byte {
			p := frame(cid, hidPing, nil)[0]
			binary.BigEndian.PutUint16(p[5:], maxMessage+1)
			return [][]byte{p}
		}(), hidErrInvalidLen},
		{"wrong sequence", func() [][]byte {
			ps := frame(cid, hidPing, make([]byte, 200))
			ps[1][4] = 5
			return ps[:2]
		}(), hidErrInvalidSeq},
	}
	for _, tt := range tests {
		for _, p := range tt.packets {
			if err := c.Write(p); err != nil {
				t.Fatal(err)
			}
		}
		cmd, data := readMessage(t, c)
		if cmd != hidError || len(data) != 1 || data[0] != tt.want {
			t.Errorf("%s: got %#x %x, want ERROR %#x", tt.name, cmd, data, tt.want)
		}
	}
}

func TestGetInfoAndUnknownCommand(t *testing.T) {
	c, _ := openTest(t)
	cid := initChannel(t, c)
	cmd, resp := exchange(t, c, cid, hidCBOR, []byte{cmdGetInfo})
	if cmd != hidCBOR || resp[0] != ctapOK {
		t.Fatalf("getInfo: %#x %x", cmd, resp[:1])
	}
	var info map[int]any
	if err := dec.Unmarshal(resp[1:], &info); err != nil {
		t.Fatal(err)
	}
	if aaguid, _ := info[3].([]byte); !bytes.Equal(aaguid, AAGUID[:]) {
		t.Errorf("aaguid %x", aaguid)
	}
	if opts, _ := info[4].(map[any]any); opts["clientPin"] != false || opts["rk"] != true {
		t.Errorf("options %v", opts)
	}
	if info[0x14] != uint64(defaultMaxRK) {
		t.Errorf("remaining discoverable credentials %v", info[0x14])
	}
	for _, req := range [][]byte{{0x42}, {cmdMakeCredential, 0xff}, {cmdClientPIN, 0xa0}} {
		_, resp := exchange(t, c, cid, hidCBOR, req)
		if resp[0] == ctapOK {
			t.Errorf("request %x accepted", req)
		}
	}
}

func TestCancelDuringTouch(t *testing.T) {
	c, _ := openTest(t)
	c.State().Faults.TouchDelay = 10 * time.Second
	c.State().Credentials = nil
	cid := initChannel(t, c)
	// authenticatorReset waits for a touch; CANCEL must end it with KEEPALIVE_CANCEL.
	for _, p := range frame(cid, hidCBOR, []byte{cmdReset}) {
		_ = c.Write(p)
	}
	p, err := c.Read(time.Second)
	if err != nil || p[4] != hidKeepalive|0x80 || p[7] != keepaliveUPNeeded {
		t.Fatalf("want a keepalive UPNEEDED first, got %x %v", p[:8], err)
	}
	_ = c.Write(frame(cid, hidCancel, nil)[0])
	cmd, resp := readMessage(t, c)
	if cmd != hidCBOR || resp[0] != ctapKeepaliveCancel {
		t.Errorf("after CANCEL: %#x %x, want CBOR 0x2d", cmd, resp)
	}
}

func TestStateFileIsPrivateAndSurvives(t *testing.T) {
	c, path := openTest(t)
	if err := c.State().SetPIN("2468"); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %o, want 600", st.Mode().Perm())
	}
	s, err := ReadState(path)
	if err != nil || !s.PINSet() || s.PINRetries != maxPINRetries {
		t.Fatalf("reloaded: %v %+v", err, s)
	}
	if err := s.SetPIN("12"); err == nil {
		t.Error("a PIN under the minimum length was accepted")
	}
}

func TestSecondOpenWaitsForTheLock(t *testing.T) {
	_, path := openTest(t)
	start := time.Now()
	if _, err := Open(path); err != ErrBusy {
		t.Fatalf("second Open: %v, want ErrBusy", err)
	}
	if time.Since(start) < 4*time.Second {
		t.Errorf("gave up after %v, want about 5s of retries", time.Since(start))
	}
}

func TestResetWindow(t *testing.T) {
	now := time.Now()
	path := filepath.Join(t.TempDir(), "key.json")
	c, err := OpenWith(path, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.State().SetPIN("2468")
	cid := initChannel(t, c)
	now = now.Add(11 * time.Second)
	if _, resp := exchange(t, c, cid, hidCBOR, []byte{cmdReset}); resp[0] != ctapNotAllowed {
		t.Errorf("reset after the window: %#x, want NOT_ALLOWED", resp[0])
	}
	c.State().Boot.PoweredAt = now
	if _, resp := exchange(t, c, cid, hidCBOR, []byte{cmdReset}); resp[0] != ctapOK {
		t.Errorf("reset in the window: %#x", resp[0])
	}
	if c.State().PINSet() {
		t.Error("reset kept the PIN")
	}
}

// A host that stops reading must not wedge the key: replies that do not fit are dropped,
// and Write and Close return.
func TestUnreadRepliesNeverBlock(t *testing.T) {
	c, err := Open(filepath.Join(t.TempDir(), "key.json")) // no cleanup Close: it could hang
	if err != nil {
		t.Fatal(err)
	}
	cid := initChannel(t, c)
	done := make(chan error, 1)
	go func() {
		for range 100 { // 100 × 21 reply packets, far more than the buffer holds
			for _, p := range frame(cid, hidPing, make([]byte, 1200)) {
				if err := c.Write(p); err != nil {
					done <- err
					return
				}
			}
		}
		done <- c.Close()
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Write or Close blocked on unread replies")
	}
	// What was kept is whole messages: every init packet is followed by its continuations.
	for {
		select {
		case p := <-c.out:
			if p[4]&0x80 == 0 {
				t.Fatalf("stray continuation packet %x", p[:8])
			}
			for n := int(binary.BigEndian.Uint16(p[5:7])) - initData; n > 0; n -= contData {
				if q := <-c.out; q[4]&0x80 != 0 {
					t.Fatalf("message cut short")
				}
			}
		default:
			return
		}
	}
}

// While one channel is half-way through a message, another gets ERR_CHANNEL_BUSY, and
// the first message still completes.
func TestOtherChannelBusyDuringMessage(t *testing.T) {
	c, _ := openTest(t)
	a, b := initChannel(t, c), initChannel(t, c)
	data := bytes.Repeat([]byte{0x5a}, 200)
	ps := frame(a, hidPing, data)
	_ = c.Write(ps[0])
	if cmd, resp := exchange(t, c, b, hidPing, []byte{1}); cmd != hidError || !bytes.Equal(resp, []byte{hidErrBusy}) {
		t.Errorf("PING on another channel mid-message: %#x %x, want ERROR busy", cmd, resp)
	}
	// INIT is always answered, without disturbing the message.
	if cmd, resp := exchange(t, c, b, hidInit, make([]byte, 8)); cmd != hidInit || len(resp) != 17 {
		t.Errorf("INIT mid-message: %#x %x", cmd, resp)
	}
	for _, p := range ps[1:] {
		_ = c.Write(p)
	}
	if cmd, got := readMessage(t, c); cmd != hidPing || !bytes.Equal(got, data) {
		t.Errorf("first channel's PING: %#x, %d bytes", cmd, len(got))
	}
}

// readOn reads the next message on channel cid, skipping keepalives and the packets of
// other channels, as a host reading a shared HID device does.
func readOn(t *testing.T, c *Conn, cid uint32) (byte, []byte) {
	t.Helper()
	for {
		p, err := c.Read(2 * time.Second)
		if err != nil {
			t.Fatalf("reading channel %#x: %v", cid, err)
		}
		cmd := p[4] &^ 0x80
		if binary.BigEndian.Uint32(p) != cid || p[4]&0x80 == 0 || cmd == hidKeepalive {
			continue
		}
		n := int(binary.BigEndian.Uint16(p[5:7]))
		data := append([]byte{}, p[7:7+min(n, initData)]...)
		for len(data) < n {
			q, err := c.Read(2 * time.Second)
			if err != nil {
				t.Fatal(err)
			}
			data = append(data, q[5:5+min(contData, n-len(data))]...)
		}
		return cmd, data
	}
}

func write(t *testing.T, c *Conn, cid uint32, cmd byte, data []byte) {
	t.Helper()
	for _, p := range frame(cid, cmd, data) {
		if err := c.Write(p); err != nil {
			t.Fatal(err)
		}
	}
}

// A joined connection is a second program on the same key: it sees the first one's
// packets, gets INIT answered but ERR_CHANNEL_BUSY for anything else while the first
// one's command runs, and closing it leaves that command running.
func TestJoinedConnectionSharesTheKey(t *testing.T) {
	c, _ := openTest(t)
	c.State().Faults = Faults{NoTouch: true, TouchTimeout: 10 * time.Second}
	a := initChannel(t, c)
	j, err := c.Join()
	if err != nil {
		t.Fatal(err)
	}
	write(t, c, a, hidCBOR, []byte{cmdReset}) // waits for a touch that never comes
	for {
		p, err := j.Read(2 * time.Second)
		if err != nil {
			t.Fatalf("no keepalive of the first channel reached the joined connection: %v", err)
		}
		if binary.BigEndian.Uint32(p) == a && p[4] == hidKeepalive|0x80 {
			break
		}
	}
	nonce := []byte{8, 7, 6, 5, 4, 3, 2, 1}
	write(t, j, broadcastCID, hidInit, nonce)
	cmd, resp := readOn(t, j, broadcastCID)
	if cmd != hidInit || len(resp) != 17 || !bytes.Equal(resp[:8], nonce) {
		t.Fatalf("INIT while busy: %#x %x", cmd, resp)
	}
	b := binary.BigEndian.Uint32(resp[8:12])
	if b == a {
		t.Fatalf("the joined connection got the first one's channel %#x", a)
	}
	write(t, j, b, hidCBOR, []byte{cmdGetInfo})
	if cmd, resp := readOn(t, j, b); cmd != hidError || !bytes.Equal(resp, []byte{hidErrBusy}) {
		t.Errorf("getInfo while another channel's command runs: %#x %x, want ERROR busy", cmd, resp)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	write(t, c, a, hidCancel, nil)
	if cmd, resp := readOn(t, c, a); cmd != hidCBOR || !bytes.Equal(resp, []byte{ctapKeepaliveCancel}) {
		t.Errorf("the first channel's command after the joined one closed: %#x %x, want it running until cancelled", cmd, resp)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Join(); err == nil {
		t.Error("Join succeeded on a closed key")
	}
}

// A U2FOnly key's INIT answer leaves CAPABILITY_CBOR out.
func TestU2FOnlyLeavesCBOROutOfINIT(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key.json")
	if err := Configure(path, func(s *State) error { s.Faults.U2FOnly = true; return nil }); err != nil {
		t.Fatal(err)
	}
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cmd, resp := exchange(t, c, broadcastCID, hidInit, []byte{1, 2, 3, 4, 5, 6, 7, 8})
	if cmd != hidInit || len(resp) != 17 || resp[16]&capCBOR != 0 {
		t.Errorf("INIT reply %#x %x: want no CAPABILITY_CBOR", cmd, resp)
	}
}
