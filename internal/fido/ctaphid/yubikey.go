package ctaphid

import (
	"fmt"
	"time"
)

// YubiKey's management protocol over its FIDO HID interface, as yubikit reads it
// (Yubico/yubikey-manager, yubikit/management.py: CTAP_VENDOR_FIRST = 0x40,
// CTAP_READ_CONFIG = CTAP_VENDOR_FIRST + 2, _ManagementCtapBackend.read_config sends
// int2bytes(page), one byte; DeviceInfo.parse and _do_read_device_info read the reply).
// webauthn-rs documents the same command (webauthn-authenticator-rs/src/transport/
// yubikey.rs: 0x42 "Get device config"). The reply is a length byte, then TLVs with
// one-byte tags: TAG_SERIAL 0x02 (four bytes, big endian, absent when the key hides it),
// TAG_VERSION 0x05 (major, minor, patch), TAG_MORE_DATA 0x10 (more pages follow, from
// firmware 5.6).
const (
	CmdYubiKeyReadConfig = 0x42

	yubiTagSerial   = 0x02
	yubiTagVersion  = 0x05
	yubiTagMoreData = 0x10

	// maxYubiPages bounds the paging a broken key could make endless.
	maxYubiPages = 4
)

// YubiKeyInfo is what the device-info record says about the key's identity.
type YubiKeyInfo struct {
	// Serial is 0 when the record has none (a Security Key, or a serial the key hides).
	Serial uint32
	// Version is the firmware version; HasVersion says whether the record had one.
	Version    [3]byte
	HasVersion bool
}

// ReadYubiKeyInfo sends READ_CONFIG for each page the key announces and parses the
// records. A key that is no YubiKey answers ErrInvalidCommand (or nothing: ErrTimeout).
func ReadYubiKeyInfo(d *Device, timeout time.Duration) (*YubiKeyInfo, error) {
	tlvs := map[int][]byte{}
	for page := 0; page < maxYubiPages; page++ {
		reply, err := d.Call(CmdYubiKeyReadConfig, []byte{byte(page)}, timeout)
		if err != nil {
			return nil, err
		}
		m, err := parseYubiRecord(reply)
		if err != nil {
			return nil, err
		}
		more := m[yubiTagMoreData]
		delete(m, yubiTagMoreData)
		for k, v := range m {
			tlvs[k] = v
		}
		if len(more) == 0 || more[len(more)-1] == 0 {
			break
		}
	}
	return infoFromTLVs(tlvs), nil
}

// ParseYubiKeyInfo parses a device-info record of one page.
func ParseYubiKeyInfo(record []byte) (*YubiKeyInfo, error) {
	tlvs, err := parseYubiRecord(record)
	if err != nil {
		return nil, err
	}
	return infoFromTLVs(tlvs), nil
}

func infoFromTLVs(tlvs map[int][]byte) *YubiKeyInfo {
	info := &YubiKeyInfo{}
	if s := tlvs[yubiTagSerial]; len(s) > 0 && len(s) <= 4 {
		for _, b := range s {
			info.Serial = info.Serial<<8 | uint32(b)
		}
	}
	if v := tlvs[yubiTagVersion]; len(v) == 3 {
		copy(info.Version[:], v)
		info.HasVersion = true
	}
	return info
}

func parseYubiRecord(b []byte) (map[int][]byte, error) {
	if len(b) == 0 || int(b[0]) != len(b)-1 {
		return nil, fmt.Errorf("%w: the length byte does not match the record", ErrMalformed)
	}
	return parseTLVs(b[1:])
}

// parseTLVs reads BER-TLVs as yubikit's Tlv does: long tags and lengths are allowed,
// though device info uses one-byte ones.
func parseTLVs(b []byte) (map[int][]byte, error) {
	out := map[int][]byte{}
	for len(b) > 0 {
		tag := int(b[0])
		b = b[1:]
		if tag&0x1f == 0x1f {
			for {
				if len(b) == 0 {
					return nil, fmt.Errorf("%w: truncated tag", ErrMalformed)
				}
				tag = tag<<8 | int(b[0])
				more := b[0]&0x80 != 0
				b = b[1:]
				if !more {
					break
				}
			}
		}
		if len(b) == 0 {
			return nil, fmt.Errorf("%w: truncated length", ErrMalformed)
		}
		n := int(b[0])
		b = b[1:]
		if n > 0x80 {
			k := n - 0x80
			if k > 2 || len(b) < k {
				return nil, fmt.Errorf("%w: bad length", ErrMalformed)
			}
			n = 0
			for _, c := range b[:k] {
				n = n<<8 | int(c)
			}
			b = b[k:]
		}
		if len(b) < n {
			return nil, fmt.Errorf("%w: tag 0x%02x wants %d bytes, %d left", ErrMalformed, tag, n, len(b))
		}
		out[tag] = b[:n]
		b = b[n:]
	}
	return out, nil
}
