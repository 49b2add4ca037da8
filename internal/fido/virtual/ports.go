package virtual

import (
	"sync"
	"sync/atomic"
	"time"
)

// Ports hands C code, libfido2's io callbacks, small integer handles for open
// connections, since C may not keep Go pointers. Read and Write use libfido2's HID
// report framing: it writes a report id byte before each 64-byte packet and reads bare
// packets. The zero value is ready; handles start at 1, so 0 means "no key".
type Ports struct {
	mu    sync.Mutex
	next  uintptr
	conns map[uintptr]port
	// JoinOpen, which tests set, makes an open of a key that is already open here join
	// it (Conn.Join), as a second program joins a USB key that another one uses, instead
	// of waiting for its lock and failing with ErrBusy.
	JoinOpen atomic.Bool
	lastErr  atomic.Value // error, wrapped in errBox
}

type port struct {
	conn      *Conn
	statePath string
}

type errBox struct{ err error }

// Open opens the key whose state lives in statePath and returns its handle, or 0 when
// it cannot (LastError says why: libfido2 only reports a generic failure).
func (p *Ports) Open(statePath string) uintptr {
	var conn *Conn
	if p.JoinOpen.Load() {
		conn = p.Join(statePath)
	}
	if conn == nil {
		var err error
		if conn, err = Open(statePath); err != nil {
			p.lastErr.Store(errBox{err})
			return 0
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conns == nil {
		p.conns = map[uintptr]port{}
	}
	p.next++
	p.conns[p.next] = port{conn, statePath}
	return p.next
}

// Join returns another connection to the key at statePath if one is open here, nil if
// not: a second reader of the key, as another program that opens a USB key is.
func (p *Ports) Join(statePath string) *Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, o := range p.conns {
		if o.statePath == statePath {
			if c, err := o.conn.Join(); err == nil {
				return c
			}
		}
	}
	return nil
}

// LastError says why the last failed Open failed.
func (p *Ports) LastError() error {
	b, _ := p.lastErr.Load().(errBox)
	return b.err
}

func (p *Ports) lookup(h uintptr) *Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.conns[h].conn
}

// Close closes the connection behind h; the key's state is saved when it was the last.
func (p *Ports) Close(h uintptr) {
	p.mu.Lock()
	conn := p.conns[h].conn
	delete(p.conns, h)
	p.mu.Unlock()
	if conn != nil {
		_ = conn.Close()
	}
}

// Read copies the next 64-byte packet into buf and returns its length, or -1 on a
// timeout (timeout < 0 waits for ever), a closed key or a short buf.
func (p *Ports) Read(h uintptr, buf []byte, timeout time.Duration) int {
	conn := p.lookup(h)
	if conn == nil || len(buf) < packetLen {
		return -1
	}
	packet, err := conn.Read(timeout)
	if err != nil || len(packet) != packetLen {
		return -1
	}
	return copy(buf, packet)
}

// Write hands the key one report (a report id byte and a 64-byte packet) and returns
// its length, or -1.
func (p *Ports) Write(h uintptr, report []byte) int {
	conn := p.lookup(h)
	if conn == nil || len(report) != packetLen+1 {
		return -1
	}
	if err := conn.Write(report[1:]); err != nil {
		return -1
	}
	return len(report)
}
