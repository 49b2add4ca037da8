//go:build cgo

package libfido2

/*
#include <fido.h>
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/ctaphid"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

var _ fido.Identifier = (*device)(nil)

// vendorTimeout bounds each vendor exchange: a key that ignores the command costs this.
const vendorTimeout = time.Second

// yubicoVendorID is Yubico's USB vendor id.
const yubicoVendorID = 0x1050

// Identity asks the key which one it is with its vendor's identity command. libfido2
// 1.12 sends no raw CTAPHID command, so the command goes over a second opening of the
// same device beside libfido2's handle, on a channel of its own (CTAPHID INIT on the
// broadcast channel): for a software key a second connection to it (as a second program
// would open a USB key), for a HID key on Linux the hidraw node itself. macOS and
// Windows hand a HID key to one opener only, so there the serial is unknown. Only a key
// with the vendor's USB ids gets the command: another vendor may give the same byte
// another meaning.
func (d *device) Identity(ctx context.Context) (*fido.Identity, error) {
	if ctx.Err() != nil {
		return nil, contextError(ctx)
	}
	kind := vendorOf(d.loc)
	if kind == "" {
		return &fido.Identity{}, nil
	}
	// libfido2's handle is opened first and kept meanwhile: a software key serves one
	// opener, which a second connection then joins.
	if _, err := d.h.acquire(ctx); err != nil {
		return nil, err
	}
	defer d.h.release(C.FIDO_OK)
	t, closeT, err := d.vendorTransport()
	if err != nil || t == nil {
		return &fido.Identity{}, err
	}
	defer closeT()
	return askIdentity(t, kind)
}

// vendorOf names the identity command the key at loc gets, "" for none.
func vendorOf(loc fido.Location) string {
	switch {
	case loc.Virtual || IsVirtual(loc.Path):
		return "yubikey" // the software key answers YubiKey's command when configured to
	case loc.VendorID == yubicoVendorID:
		return "yubikey"
	case loc.VendorID == ctaphid.NitrokeyVendorID && loc.ProductID == ctaphid.Nitrokey3DeviceID:
		return "nitrokey"
	}
	return ""
}

// vendorTransport opens the second path to the key; nil when this platform has none.
func (d *device) vendorTransport() (ctaphid.Transport, func(), error) {
	path := d.h.path
	if IsVirtual(path) {
		conn := ports.Join(strings.TrimPrefix(path, VirtualPrefix))
		if conn == nil {
			return nil, nil, fido.New("device_error", "the software key is not open", nil)
		}
		return virtualTransport{conn}, func() { _ = conn.Close() }, nil
	}
	if runtime.GOOS != "linux" || !strings.HasPrefix(path, "/dev/hidraw") {
		return nil, nil, nil
	}
	h, err := ctaphid.OpenHIDRaw(path)
	if err != nil {
		return nil, nil, fido.New("device_error", "cannot open the key at "+path+" for its identity command", err)
	}
	return h, func() { _ = h.Close() }, nil
}

// askIdentity sends kind's command. A key that refuses it, does not answer in time or
// answers what does not parse is some other key: serial unknown, no error.
func askIdentity(t ctaphid.Transport, kind string) (*fido.Identity, error) {
	dev, err := ctaphid.Init(t, vendorTimeout)
	if err != nil {
		return nil, vendorError(err)
	}
	id := &fido.Identity{}
	switch kind {
	case "yubikey":
		info, err := ctaphid.ReadYubiKeyInfo(dev, vendorTimeout)
		if err != nil {
			return refused(id, err)
		}
		// ykman takes the INIT answer's device version when the record has none.
		v := dev.Version
		if info.HasVersion {
			v = info.Version
		}
		id.Firmware = fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2])
		if info.Serial != 0 {
			s := strconv.FormatUint(uint64(info.Serial), 10)
			id.Serial, id.Source = &s, "yubikey"
		}
	case "nitrokey":
		uuid, err := ctaphid.ReadNitrokeyUUID(dev, vendorTimeout)
		if err != nil {
			return refused(id, err)
		}
		if uuid != "" {
			id.Serial, id.Source = &uuid, "nitrokey"
		}
	}
	return id, nil
}

// refused is a key's no to a vendor command: an Identity without serial. A failure to
// reach the key is an error.
func refused(id *fido.Identity, err error) (*fido.Identity, error) {
	var ke ctaphid.KeyError
	if errors.Is(err, ctaphid.ErrInvalidCommand) || errors.Is(err, ctaphid.ErrTimeout) ||
		errors.Is(err, ctaphid.ErrMalformed) || errors.As(err, &ke) {
		return id, nil
	}
	return nil, vendorError(err)
}

func vendorError(err error) error {
	switch {
	case errors.Is(err, ctaphid.ErrBusy):
		return fido.New("device_busy", "", err)
	case errors.Is(err, ctaphid.ErrTimeout):
		return fido.New("device_error", "the key did not answer CTAPHID INIT on a second channel", err)
	}
	return fido.New("device_error", "lost contact with the key while asking which key it is", err)
}

// virtualTransport is a second connection to a software key.
type virtualTransport struct{ c *virtual.Conn }

func (v virtualTransport) WritePacket(p []byte) error { return v.c.Write(p) }

func (v virtualTransport) ReadPacket(timeout time.Duration) ([]byte, error) {
	p, err := v.c.Read(timeout)
	if errors.Is(err, virtual.ErrTimeout) {
		return nil, ctaphid.ErrTimeout
	}
	return p, err
}
