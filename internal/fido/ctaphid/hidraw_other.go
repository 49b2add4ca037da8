//go:build !linux

package ctaphid

import (
	"errors"
	"time"
)

// ErrNoRawHID is every platform but Linux: macOS and Windows give libfido2's HID handle
// to no one else, so vendor commands are not sent there.
var ErrNoRawHID = errors.New("ctaphid: raw HID access beside libfido2 is implemented on Linux only")

// HIDRaw is unavailable off Linux.
type HIDRaw struct{}

// OpenHIDRaw fails off Linux.
func OpenHIDRaw(string) (*HIDRaw, error) { return nil, ErrNoRawHID }

// WritePacket fails off Linux.
func (*HIDRaw) WritePacket([]byte) error { return ErrNoRawHID }

// ReadPacket fails off Linux.
func (*HIDRaw) ReadPacket(time.Duration) ([]byte, error) { return nil, ErrNoRawHID }

// Close does nothing off Linux.
func (*HIDRaw) Close() error { return nil }
