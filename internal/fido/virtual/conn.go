package virtual

import (
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// CTAPHID commands and errors (CTAP 2.1 §11.2.9).
const (
	hidPing      = 0x01
	hidMsg       = 0x03
	hidInit      = 0x06
	hidWink      = 0x08
	hidCBOR      = 0x10
	hidCancel    = 0x11
	hidKeepalive = 0x3b
	hidError     = 0x3f

	hidErrInvalidCmd = 0x01
	hidErrInvalidLen = 0x03
	hidErrInvalidSeq = 0x04
	hidErrBusy       = 0x06
	hidErrInvalidCID = 0x0b

	keepaliveUPNeeded = 0x02

	broadcastCID = 0xffffffff
	packetLen    = 64
	initData     = packetLen - 7
	contData     = packetLen - 5
	maxMessage   = initData + 128*contData
	capWink      = 0x01
	capCBOR      = 0x04
	capNMSG      = 0x08

	// asmTimeout is how long a half-sent message holds the key before others may talk.
	asmTimeout = 3 * time.Second
)

// ErrTimeout is returned by Read when no packet came in time.
var ErrTimeout = errors.New("virtual key: read timed out")

var errClosed = errors.New("virtual key: closed")

// Conn is one open connection to a virtual key: 64-byte CTAPHID packets in and out.
// Connections made with Join share one key, as programs that open the same USB key do.
type Conn struct {
	*hidKey

	out    chan []byte
	closed chan struct{}
	once   sync.Once
}

// hidKey is the key behind the connections: its CTAPHID state and its authenticator.
type hidKey struct {
	path   string
	unlock func()
	rnd    randSource
	now    func() time.Time
	// caps are the capability flags the key's INIT answer carries.
	caps byte
	// version is the INIT answer's device version; deviceInfo answers YubiKey's
	// READ_CONFIG vendor command, nil when the key refuses vendor commands.
	version    [3]byte
	deviceInfo []byte

	// outMu guards hosts and makes each message's packets contiguous in every queue.
	outMu sync.Mutex
	hosts []*Conn

	// io guards the framing state and the running command.
	io      sync.Mutex
	nextCID uint32
	asm     *assembly
	running *running

	// key holds the authenticator; commands run one at a time under its lock.
	key *authenticator
}

type assembly struct {
	cid   uint32
	cmd   byte
	total int
	data  []byte
	seq   byte
	start time.Time
}

type running struct {
	cid    uint32
	cancel chan struct{}
	once   sync.Once
}

func (r *running) stop() { r.once.Do(func() { close(r.cancel) }) }

// Options tune a key for tests.
type Options struct {
	// Rand replaces crypto/rand for keys, ids and nonces.
	Rand randSource
	// Now replaces the clock.
	Now func() time.Time
}

// Open loads the key whose state lives in statePath, creating a fresh key (no PIN, a new
// attestation CA) when the file does not exist. The key is locked until Close, as a USB
// key serves one program at a time. Opening is not a power-up: see Replug.
func Open(statePath string) (*Conn, error) { return OpenWith(statePath, Options{}) }

// OpenWith is Open with test options.
func OpenWith(statePath string, o Options) (*Conn, error) {
	if o.Rand == nil {
		o.Rand = defaultRand
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if st, err := os.Lstat(statePath); err == nil && !st.Mode().IsRegular() {
		// Checked before the lock file is made beside it (never /dev/zero.lock).
		return nil, &safefile.Error{Code: "file_refused", Path: statePath, Reason: "it is not a regular file",
			Hint: "give the software key's state file (entra-passkey virtual-key create FILE)"}
	}
	unlock, err := lockKey(statePath)
	if err != nil {
		return nil, err
	}
	st, err := loadOrCreate(statePath, o.Rand, o.Now())
	if err != nil {
		unlock()
		return nil, err
	}
	k := &hidKey{path: statePath, unlock: unlock, rnd: o.Rand, now: o.Now, nextCID: 1,
		caps: capWink | capCBOR | capNMSG}
	if st.Faults.U2FOnly {
		k.caps = capWink
	}
	k.version = [3]byte{1, 0, 0}
	if rec, ver := st.YubiKey.deviceInfoRecord(); rec != nil {
		k.deviceInfo, k.version = rec, ver
	}
	k.key = newAuthenticator(st, statePath, o.Rand, o.Now)
	c := newHost(k)
	k.hosts = []*Conn{c}
	return c, nil
}

func newHost(k *hidKey) *Conn {
	return &Conn{hidKey: k, out: make(chan []byte, 1024), closed: make(chan struct{})}
}

// Join returns another connection to the key, as a second program that opens a USB key
// gets one: it reads every packet the key sends (each reader of a HID device gets every
// input report) and talks on channels of its own, so the key answers it
// ERR_CHANNEL_BUSY while a command runs for another channel. The key stays open until
// its last connection closes. Join fails once that has happened.
func (c *Conn) Join() (*Conn, error) {
	k := c.hidKey
	k.outMu.Lock()
	defer k.outMu.Unlock()
	if len(k.hosts) == 0 {
		return nil, errClosed
	}
	h := newHost(k)
	k.hosts = append(k.hosts, h)
	return h, nil
}

// State returns the key's state; callers must not use it while a command runs.
func (c *Conn) State() *State { return c.key.st }

// Close closes this connection. The key's last connection stops the running command,
// persists the state and releases the key; others leave it running, as a program that
// closes a USB key does.
func (c *Conn) Close() error {
	var err error
	c.once.Do(func() {
		k := c.hidKey
		k.outMu.Lock()
		k.hosts = slices.DeleteFunc(k.hosts, func(h *Conn) bool { return h == c })
		last := len(k.hosts) == 0
		k.outMu.Unlock()
		if last {
			k.io.Lock()
			if k.running != nil {
				k.running.stop()
			}
			k.io.Unlock()
		}
		close(c.closed)
		if !last {
			return
		}
		k.key.mu.Lock()
		err = k.key.st.save(k.path)
		k.key.mu.Unlock()
		k.unlock()
	})
	return err
}

// Read returns the next packet from the key; timeout < 0 waits for ever.
func (c *Conn) Read(timeout time.Duration) ([]byte, error) {
	if timeout < 0 {
		select {
		case p := <-c.out:
			return p, nil
		case <-c.closed:
			return nil, errClosed
		}
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case p := <-c.out:
		return p, nil
	case <-c.closed:
		return nil, errClosed
	case <-t.C:
		return nil, ErrTimeout
	}
}

// Write hands the key one packet. A CANCEL for the running command is handled at once.
func (c *Conn) Write(packet []byte) error {
	select {
	case <-c.closed:
		return errClosed
	default:
	}
	if len(packet) != packetLen {
		return errors.New("virtual key: a CTAPHID packet is 64 bytes")
	}
	c.io.Lock()
	defer c.io.Unlock()
	cid := binary.BigEndian.Uint32(packet)
	if packet[4]&0x80 == 0 {
		c.continuation(cid, packet)
		return nil
	}
	cmd := packet[4] & 0x7f
	n := int(binary.BigEndian.Uint16(packet[5:7]))
	if cmd == hidCancel {
		if c.running != nil && c.running.cid == cid {
			c.running.stop()
		}
		return nil
	}
	if cmd == hidInit && n != 8 {
		c.sendError(cid, hidErrInvalidLen)
		return nil
	}
	// A command running, or another channel's message half received, makes the key busy
	// for everything but INIT: ERR_CHANNEL_BUSY.
	other := c.asm != nil && c.asm.cid != cid && c.now().Sub(c.asm.start) < asmTimeout
	if (c.running != nil || other) && cmd != hidInit {
		c.sendError(cid, hidErrBusy)
		return nil
	}
	if n > maxMessage {
		c.sendError(cid, hidErrInvalidLen)
		return nil
	}
	if cid == 0 || (cid == broadcastCID && cmd != hidInit) {
		c.sendError(cid, hidErrInvalidCID)
		return nil
	}
	first := min(n, initData)
	a := &assembly{cid: cid, cmd: cmd, total: n, data: append(make([]byte, 0, n), packet[7:7+first]...), start: c.now()}
	if !other {
		c.asm = nil // a new message on the same channel resyncs it
	}
	if len(a.data) == n {
		c.dispatch(a)
		return nil
	}
	c.asm = a
	return nil
}

func (c *Conn) continuation(cid uint32, packet []byte) {
	a := c.asm
	if a == nil || a.cid != cid {
		return // spurious continuation: ignored, as keys do
	}
	if packet[4] != a.seq {
		c.asm = nil
		c.sendError(cid, hidErrInvalidSeq)
		return
	}
	a.seq++
	a.data = append(a.data, packet[5:5+min(contData, a.total-len(a.data))]...)
	if len(a.data) == a.total {
		c.asm = nil
		c.dispatch(a)
	}
}

// dispatch runs a whole message; called with c.io held.
func (c *Conn) dispatch(a *assembly) {
	trace(a.cmd, a.data)
	switch a.cmd {
	case hidInit:
		if len(a.data) != 8 {
			c.sendError(a.cid, hidErrInvalidLen)
			return
		}
		cid := a.cid
		if cid == broadcastCID {
			cid = c.nextCID
			c.nextCID++
		}
		resp := make([]byte, 17)
		copy(resp, a.data)
		binary.BigEndian.PutUint32(resp[8:], cid)
		resp[12] = 2 // CTAPHID protocol version
		copy(resp[13:16], c.version[:])
		resp[16] = c.caps
		c.send(a.cid, hidInit, resp)
	case hidPing:
		c.send(a.cid, hidPing, a.data)
	case hidWink:
		c.send(a.cid, hidWink, nil)
	case hidYubiKeyReadConfig:
		c.readConfig(a)
	case hidCBOR:
		if len(a.data) == 0 {
			c.sendError(a.cid, hidErrInvalidLen)
			return
		}
		r := &running{cid: a.cid, cancel: make(chan struct{})}
		c.running = r
		go c.runCBOR(r, a.data)
	default:
		c.sendError(a.cid, hidErrInvalidCmd)
	}
}

// readConfig answers YubiKey's READ_CONFIG: page 0 is the whole record, later pages
// are empty (a record that fits one page carries no TAG_MORE_DATA).
func (c *Conn) readConfig(a *assembly) {
	switch {
	case c.deviceInfo == nil:
		c.sendError(a.cid, hidErrInvalidCmd)
	case len(a.data) > 1:
		c.sendError(a.cid, hidErrInvalidLen)
	case len(a.data) == 1 && a.data[0] > 0:
		c.send(a.cid, hidYubiKeyReadConfig, []byte{0})
	default:
		c.send(a.cid, hidYubiKeyReadConfig, c.deviceInfo)
	}
}

func (c *Conn) runCBOR(r *running, req []byte) {
	keepalive := func() { c.send(r.cid, hidKeepalive, []byte{keepaliveUPNeeded}) }
	resp := c.key.handle(req, r.cancel, keepalive)
	c.io.Lock()
	defer c.io.Unlock()
	c.running = nil
	c.send(r.cid, hidCBOR, resp)
}

func (k *hidKey) sendError(cid uint32, code byte) { k.send(cid, hidError, []byte{code}) }

// send frames a response into packets: an init packet, then continuations, and queues
// them for every connection. When a connection's unread packets leave no room it drops
// the whole message there, as a host that stopped reading would lose it anyway: blocking
// here would hold io and hang Write and Close.
func (k *hidKey) send(cid uint32, cmd byte, data []byte) {
	p := make([]byte, packetLen)
	binary.BigEndian.PutUint32(p, cid)
	p[4] = cmd | 0x80
	binary.BigEndian.PutUint16(p[5:], uint16(len(data)))
	n := copy(p[7:], data)
	packets := [][]byte{p}
	for seq := byte(0); n < len(data); seq++ {
		p = make([]byte, packetLen)
		binary.BigEndian.PutUint32(p, cid)
		p[4] = seq
		n += copy(p[5:], data[n:])
		packets = append(packets, p)
	}
	k.outMu.Lock()
	defer k.outMu.Unlock()
	for i, h := range k.hosts {
		if cap(h.out)-len(h.out) < len(packets) {
			continue
		}
		for _, p := range packets {
			if i > 0 {
				p = slices.Clone(p) // each reader owns what it reads
			}
			h.out <- p // cannot block: only send fills out, under outMu
		}
	}
}
