package ctaphid

import (
	"encoding/hex"
	"testing"
)

// Records read from real keys, as webauthn-rs's tests keep them
// (webauthn-authenticator-rs/src/transport/yubikey.rs: yubikey_5c,
// yubico_security_key_c_nfc); the Security Key has no serial.
func TestParseYubiKeyInfo(t *testing.T) {
	for _, tt := range []struct {
		name, record string
		serial       uint32
		version      [3]byte
	}{
		{"YubiKey 5C", "230102023f030202180204cafe123404010305030501020602000007010f0801000a0100", 0xcafe1234, [3]byte{5, 1, 2}},
		{"Security Key C NFC", "28010202020302020004014305030504030602000007010f0801000d0202020e0202000a01000f0100", 0, [3]byte{5, 4, 3}},
	} {
		rec, _ := hex.DecodeString(tt.record)
		info, err := ParseYubiKeyInfo(rec)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if info.Serial != tt.serial || info.Version != tt.version || !info.HasVersion {
			t.Errorf("%s: serial %d version %v, want %d %v", tt.name, info.Serial, info.Version, tt.serial, tt.version)
		}
	}
	for _, bad := range []string{"", "05020401", "0302050102", "02ff01"} {
		rec, _ := hex.DecodeString(bad)
		if _, err := ParseYubiKeyInfo(rec); err == nil {
			t.Errorf("record %q accepted", bad)
		}
	}
}
