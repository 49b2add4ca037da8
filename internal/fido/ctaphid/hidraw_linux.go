package ctaphid

import (
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"
)

// HIDRaw is a Linux hidraw node opened beside libfido2's own handle on it. hidraw gives
// each open file every input report, so both see the key's answers and each keeps to
// its own channel; libfido2's advisory lock on the node does not stop a second open.
type HIDRaw struct{ fd int }

// OpenHIDRaw opens a hidraw node such as /dev/hidraw3.
func OpenHIDRaw(path string) (*HIDRaw, error) {
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	return &HIDRaw{fd: fd}, nil
}

// WritePacket writes one output report: report id 0 (FIDO keys number none), then the packet.
func (h *HIDRaw) WritePacket(p []byte) error {
	report := append([]byte{0}, p...)
	n, err := unix.Write(h.fd, report)
	if err != nil {
		return fmt.Errorf("writing to the key: %w", err)
	}
	if n != len(report) {
		return errors.New("writing to the key: short write")
	}
	return nil
}

// ReadPacket waits for one input report.
func (h *HIDRaw) ReadPacket(timeout time.Duration) ([]byte, error) {
	fds := []unix.PollFd{{Fd: int32(h.fd), Events: unix.POLLIN}}
	ms := max(1, int(timeout.Milliseconds()))
	for {
		n, err := unix.Poll(fds, ms)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("waiting for the key: %w", err)
		}
		if n == 0 {
			return nil, ErrTimeout
		}
		break
	}
	buf := make([]byte, packetLen)
	n, err := unix.Read(h.fd, buf)
	if err != nil {
		return nil, fmt.Errorf("reading from the key: %w", err)
	}
	if n != packetLen {
		return nil, fmt.Errorf("reading from the key: %d-byte report", n)
	}
	return buf, nil
}

// Close closes the node.
func (h *HIDRaw) Close() error { return unix.Close(h.fd) }
