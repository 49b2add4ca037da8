package ctaphid

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// Transport moves 64-byte CTAPHID packets to and from one key. Every reader of a HID
// key sees every packet the key sends, so Call skips what is not for its channel.
type Transport interface {
	// WritePacket sends one 64-byte packet.
	WritePacket(p []byte) error
	// ReadPacket returns the next 64-byte packet, ErrTimeout when none came in time.
	ReadPacket(timeout time.Duration) ([]byte, error)
}

// CTAPHID framing (CTAP 2.1 §11.2.4) and commands (§11.2.9).
const (
	packetLen    = 64
	initData     = packetLen - 7
	contData     = packetLen - 5
	broadcastCID = 0xffffffff

	cmdInit      = 0x06
	cmdKeepalive = 0x3b
	cmdError     = 0x3f

	errInvalidCmd = 0x01
	errBusy       = 0x06
)

// ErrTimeout is a key that did not answer in time.
var ErrTimeout = errors.New("ctaphid: no answer in time")

// ErrInvalidCommand is a key that refused the command (CTAPHID ERR_INVALID_CMD), as one
// does for another vendor's command.
var ErrInvalidCommand = errors.New("ctaphid: the key does not know the command")

// ErrBusy is a key busy with another channel's command (ERR_CHANNEL_BUSY).
var ErrBusy = errors.New("ctaphid: the key is busy with another program's command")

// ErrMalformed is a vendor reply that does not parse: the key is not what the command
// was meant for.
var ErrMalformed = errors.New("ctaphid: malformed vendor reply")

// KeyError is another CTAPHID error the key answered.
type KeyError byte

func (e KeyError) Error() string {
	return fmt.Sprintf("ctaphid: the key answered error 0x%02x", byte(e))
}

// Device is a key with a channel of its own.
type Device struct {
	t   Transport
	cid uint32
	// Version is the device version of the INIT answer (major, minor, build): YubiKeys
	// put their firmware version there.
	Version [3]byte
	// Capabilities are the INIT answer's capability flags.
	Capabilities byte
}

// Init allocates a channel with CTAPHID_INIT on the broadcast channel, matching the
// answer to our nonce (other programs may be allocating too).
func Init(t Transport, timeout time.Duration) (*Device, error) {
	nonce := make([]byte, 8)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	d := &Device{t: t, cid: broadcastCID}
	deadline := time.Now().Add(timeout)
	if err := d.send(cmdInit, nonce); err != nil {
		return nil, err
	}
	for {
		cmd, data, err := d.receive(deadline)
		if err != nil {
			return nil, err
		}
		// §11.2.9.1.3: nonce(8) cid(4) protocol(1) major minor build capabilities.
		if cmd != cmdInit || len(data) < 17 || !bytes.Equal(data[:8], nonce) {
			continue
		}
		d.cid = binary.BigEndian.Uint32(data[8:12])
		copy(d.Version[:], data[13:16])
		d.Capabilities = data[16]
		return d, nil
	}
}

// Call sends cmd (0x40 to 0x7f for vendor commands) with data and returns the reply's
// data, waiting at most timeout and skipping keepalives.
func (d *Device) Call(cmd byte, data []byte, timeout time.Duration) ([]byte, error) {
	if err := d.send(cmd, data); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	for {
		got, reply, err := d.receive(deadline)
		switch {
		case err != nil:
			return nil, err
		case got == cmdKeepalive:
			continue
		case got == cmdError && len(reply) > 0:
			switch reply[0] {
			case errInvalidCmd:
				return nil, ErrInvalidCommand
			case errBusy:
				return nil, ErrBusy
			}
			return nil, KeyError(reply[0])
		case got == cmd:
			return reply, nil
		}
		return nil, fmt.Errorf("ctaphid: the key answered command 0x%02x to 0x%02x", got, cmd)
	}
}

// send frames data into an init packet and continuations (§11.2.4).
func (d *Device) send(cmd byte, data []byte) error {
	if len(data) > initData+128*contData {
		return errors.New("ctaphid: message too long")
	}
	p := make([]byte, packetLen)
	binary.BigEndian.PutUint32(p, d.cid)
	p[4] = cmd | 0x80
	binary.BigEndian.PutUint16(p[5:], uint16(len(data)))
	n := copy(p[7:], data)
	if err := d.t.WritePacket(p); err != nil {
		return err
	}
	for seq := byte(0); n < len(data); seq++ {
		p = make([]byte, packetLen)
		binary.BigEndian.PutUint32(p, d.cid)
		p[4] = seq
		n += copy(p[5:], data[n:])
		if err := d.t.WritePacket(p); err != nil {
			return err
		}
	}
	return nil
}

// receive reads one whole message on our channel before deadline.
func (d *Device) receive(deadline time.Time) (byte, []byte, error) {
	for {
		p, err := d.read(deadline)
		if err != nil {
			return 0, nil, err
		}
		if binary.BigEndian.Uint32(p) != d.cid || p[4]&0x80 == 0 {
			continue // another program's channel, or a stray continuation
		}
		cmd := p[4] &^ 0x80
		n := int(binary.BigEndian.Uint16(p[5:7]))
		data := append(make([]byte, 0, n), p[7:7+min(n, initData)]...)
		for seq := byte(0); len(data) < n; {
			q, err := d.read(deadline)
			if err != nil {
				return 0, nil, err
			}
			if binary.BigEndian.Uint32(q) != d.cid {
				continue
			}
			if q[4] != seq {
				return 0, nil, fmt.Errorf("ctaphid: continuation %d out of sequence (want %d)", q[4], seq)
			}
			seq++
			data = append(data, q[5:5+min(contData, n-len(data))]...)
		}
		return cmd, data, nil
	}
}

func (d *Device) read(deadline time.Time) ([]byte, error) {
	left := time.Until(deadline)
	if left <= 0 {
		return nil, ErrTimeout
	}
	p, err := d.t.ReadPacket(left)
	if err != nil {
		return nil, err
	}
	if len(p) < packetLen {
		return nil, fmt.Errorf("ctaphid: short packet (%d bytes)", len(p))
	}
	return p, nil
}
