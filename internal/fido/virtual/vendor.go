package virtual

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// The key answers YubiKey's device-info vendor command on its FIDO HID interface, as a
// YubiKey 5 does, so the serial-number path runs through real framing in tests. Source:
// Yubico/yubikey-manager, yubikit/management.py: CTAP_READ_CONFIG = CTAP_VENDOR_FIRST
// (0x40) + 2, the request one byte (the page, int2bytes(page)), the reply a length byte
// and TLVs (DeviceInfo.parse_tlvs: TAG_USB_SUPPORTED 0x01, TAG_SERIAL 0x02,
// TAG_USB_ENABLED 0x03, TAG_FORM_FACTOR 0x04, TAG_VERSION 0x05, TAG_CONFIG_LOCK 0x0a);
// webauthn-rs, webauthn-authenticator-rs/src/transport/yubikey.rs, names the same
// command 0x42. A YubiKey also puts its firmware version in the CTAPHID INIT answer's
// device version bytes, which ykman falls back on (_ManagementCtapBackend).
const (
	hidYubiKeyReadConfig = 0x42

	yubiTagUSBSupported = 0x01
	yubiTagSerial       = 0x02
	yubiTagUSBEnabled   = 0x03
	yubiTagFormFactor   = 0x04
	yubiTagVersion      = 0x05
	yubiTagConfigLock   = 0x0a

	// yubiFIDOOnly is U2F (0x02) and FIDO2 (0x200), the capabilities a Security Key has.
	yubiFIDOOnly = 0x0202
	// yubiUSBAKeychain is FORM_FACTOR.USB_A_KEYCHAIN.
	yubiUSBAKeychain = 0x01
)

// DefaultFirmware is the firmware a new software key reports: a YubiKey 5 with CTAP 2.1
// preview credential management (5.2 and later).
const DefaultFirmware = "5.4.3"

// YubiKeyIdentity makes the key answer YubiKey's device-info command.
type YubiKeyIdentity struct {
	// Serial is the serial number in the record; 0 leaves it out, as a YubiKey that
	// hides its serial (or a Security Key, which has none) does.
	Serial uint32 `json:"serial,omitempty"`
	// Firmware is the version in the record and the INIT answer, "5.4.3".
	Firmware string `json:"firmware"`
}

// ParseFirmware reads a "major.minor.patch" version, each part 0 to 255.
func ParseFirmware(s string) ([3]byte, error) {
	var v [3]byte
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return v, fmt.Errorf("firmware version %q is not major.minor.patch", s)
	}
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 8)
		if err != nil {
			return v, fmt.Errorf("firmware version %q: each part is 0 to 255", s)
		}
		v[i] = byte(n)
	}
	return v, nil
}

// deviceInfoRecord is page 0 of the device-info record, nil when the key answers no
// vendor command.
func (y *YubiKeyIdentity) deviceInfoRecord() ([]byte, [3]byte) {
	if y == nil {
		return nil, [3]byte{}
	}
	ver, err := ParseFirmware(y.Firmware)
	if err != nil {
		ver, _ = ParseFirmware(DefaultFirmware)
	}
	tlv := func(b []byte, tag byte, v ...byte) []byte { return append(append(b, tag, byte(len(v))), v...) }
	var b []byte
	b = tlv(b, yubiTagUSBSupported, yubiFIDOOnly>>8, yubiFIDOOnly&0xff)
	if y.Serial != 0 {
		b = tlv(b, yubiTagSerial, binary.BigEndian.AppendUint32(nil, y.Serial)...)
	}
	b = tlv(b, yubiTagUSBEnabled, yubiFIDOOnly>>8, yubiFIDOOnly&0xff)
	b = tlv(b, yubiTagFormFactor, yubiUSBAKeychain)
	b = tlv(b, yubiTagVersion, ver[:]...)
	b = tlv(b, yubiTagConfigLock, 0)
	return append([]byte{byte(len(b))}, b...), ver
}
