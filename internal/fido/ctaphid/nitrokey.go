package ctaphid

import (
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Nitrokey 3's admin app answers vendor command 0x62 with the device's UUID: 16 bytes,
// or none on firmware 1.0.0 (Nitrokey/nitrokey-3-firmware docs/ctaphid-commands.md;
// pynitrokey nk3/device.py, Command.UUID and Nitrokey3Device.uuid). Other Nitrokeys use
// 0x62 for something else (the Nitrokey FIDO2's LOADKEY), so it goes only to a key with
// the Nitrokey 3's USB ids (pynitrokey nk3/__init__.py: VID_NITROKEY 0x20A0,
// PID_NITROKEY3_DEVICE 0x42B2).
const (
	CmdNitrokeyUUID   = 0x62
	NitrokeyVendorID  = 0x20a0
	Nitrokey3DeviceID = 0x42b2
)

// ReadNitrokeyUUID returns the Nitrokey 3's UUID in upper-case hex, "" when the
// firmware does not tell.
func ReadNitrokeyUUID(d *Device, timeout time.Duration) (string, error) {
	reply, err := d.Call(CmdNitrokeyUUID, nil, timeout)
	if err != nil {
		return "", err
	}
	switch len(reply) {
	case 0:
		return "", nil
	case 16:
		return strings.ToUpper(hex.EncodeToString(reply)), nil
	}
	return "", fmt.Errorf("%w: a Nitrokey UUID of %d bytes, want 16", ErrMalformed, len(reply))
}
