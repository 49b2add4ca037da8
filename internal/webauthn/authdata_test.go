package webauthn

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"reflect"
	"testing"
)

// extCBOR is the extension output a key writes when Graph asks for credProtect and
// hmac-secret: {"credProtect": 1, "hmac-secret": true}, canonical order.
var extCBOR = append(append(append([]byte{0xa2, 0x6b}, "credProtect"...), 0x01, 0x6b), append([]byte("hmac-secret"), 0xf5)...)

const flagsUPUVAT = FlagUserPresent | FlagUserVerified | FlagAttested

// coseOffset is where the COSE key starts in k's attested authenticator data.
func coseOffset(k *softKey) int { return 37 + 16 + 2 + len(k.credID) }

func TestParseAuthData(t *testing.T) {
	k := newSoftKey(t)
	rpHash := sha256.Sum256([]byte("login.microsoft.com"))
	counted := k.authData("login.microsoft.com", FlagUserPresent, k.aaguid, nil)
	binary.BigEndian.PutUint32(counted[33:], 0x01020304)
	tests := []struct {
		name     string
		raw      []byte
		want     AuthData
		wantUP   bool
		wantUV   bool
		attested bool
	}{
		{"UP UV AT", k.authData("login.microsoft.com", flagsUPUVAT, k.aaguid, nil),
			AuthData{RPIDHash: rpHash, Flags: 0x45}, true, true, true},
		{"UP UV AT ED", k.authData("login.microsoft.com", flagsUPUVAT|FlagExtensions, k.aaguid, extCBOR),
			AuthData{RPIDHash: rpHash, Flags: 0xc5, Extensions: map[string]any{"credProtect": uint64(1), "hmac-secret": true}}, true, true, true},
		{"UP only, counter", counted,
			AuthData{RPIDHash: rpHash, Flags: 0x01, SignCount: 0x01020304}, true, false, false},
		{"no flags", k.authData("login.microsoft.com", 0, k.aaguid, nil),
			AuthData{RPIDHash: rpHash}, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAuthData(tt.raw)
			if err != nil {
				t.Fatalf("ParseAuthData: %v", err)
			}
			want := tt.want
			if tt.attested {
				want.AttestedCredential = &AttestedCredentialData{AAGUID: k.aaguid, CredentialID: k.credID, PublicKey: k.coseKey(), Alg: -7}
			}
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("got  %+v\nwant %+v", *got, want)
			}
			if got.UserPresent() != tt.wantUP || got.UserVerified() != tt.wantUV {
				t.Errorf("UP, UV = %v, %v; want %v, %v", got.UserPresent(), got.UserVerified(), tt.wantUP, tt.wantUV)
			}
		})
	}
}

// TestParseAuthDataTruncated cuts valid authenticator data at every length: each
// prefix is an error, never a panic and never a success.
func TestParseAuthDataTruncated(t *testing.T) {
	k := newSoftKey(t)
	for _, full := range [][]byte{
		k.authData("login.microsoft.com", flagsUPUVAT, k.aaguid, nil),
		k.authData("login.microsoft.com", flagsUPUVAT|FlagExtensions, k.aaguid, extCBOR),
	} {
		for n := 0; n < len(full); n++ {
			if ad, err := ParseAuthData(full[:n]); errCode(err) != "invalid_attestation" {
				t.Fatalf("flags %#x cut at %d of %d: got %+v, %v; want invalid_attestation", full[32], n, len(full), ad, err)
			}
		}
	}
}

func TestParseAuthDataInvalid(t *testing.T) {
	k := newSoftKey(t)
	valid := k.authData("login.microsoft.com", flagsUPUVAT, k.aaguid, nil)
	withCredIDLen := func(n uint16) []byte {
		b := bytes.Clone(valid)
		binary.BigEndian.PutUint16(b[53:55], n)
		return b
	}
	withCOSE := func(cose ...byte) []byte { return append(bytes.Clone(valid[:coseOffset(k)]), cose...) }
	withExt := func(ext ...byte) []byte {
		return k.authData("login.microsoft.com", flagsUPUVAT|FlagExtensions, k.aaguid, ext)
	}
	deep := append(bytes.Repeat([]byte{0x81}, 40), 0x01) // 40 nested one-element arrays
	tests := []struct {
		name string
		raw  []byte
	}{
		{"nil", nil},
		{"36 bytes", valid[:36]},
		{"credential id length 0", withCredIDLen(0)},
		{"credential id length 0xffff", withCredIDLen(0xffff)},
		{"credential id length 1024", append(withCredIDLen(1024), make([]byte, 1024)...)},
		{"credential id one past the end", withCredIDLen(uint16(len(valid) - 55 + 1))},
		{"credential id swallowing the key", withCredIDLen(uint16(len(valid) - 55))},
		{"trailing byte after the key", append(bytes.Clone(valid), 0)},
		{"trailing bytes without AT", append(k.authData("login.microsoft.com", FlagUserPresent, k.aaguid, nil), 0xa0)},
		{"trailing byte after extensions", append(withExt(extCBOR...), 0)},
		{"COSE key missing", withCOSE()},
		{"COSE key an integer", withCOSE(0x01)},
		{"COSE key an array", withCOSE(0x82, 0x01, 0x02)},
		{"COSE key with text labels", withCOSE(0xa1, 0x61, 'a', 0x01)},
		{"COSE alg a text string", withCOSE(0xa1, 0x03, 0x62, '-', '7')},
		{"COSE key of indefinite length", withCOSE(0xbf, 0x01, 0x02, 0xff)},
		{"COSE key with a duplicate label", withCOSE(0xa2, 0x01, 0x02, 0x01, 0x02)},
		{"COSE key claiming 2^32 pairs", withCOSE(0xbb, 0, 0, 0, 1, 0, 0, 0, 0)},
		{"COSE value claiming 2^64-1 bytes", withCOSE(0xa1, 0x01, 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)},
		{"COSE value nested 40 deep", withCOSE(append([]byte{0xa1, 0x01}, deep...)...)},
		{"COSE key truncated", valid[:len(valid)-1]},
		{"ED without extensions", withExt()},
		{"extensions an array", withExt(0x80)},
		{"extensions with an integer key", withExt(0xa1, 0x01, 0x01)},
		{"extensions nested 40 deep", withExt(append([]byte{0xa1, 0x61, 'x'}, deep...)...)},
		{"extensions with a reserved byte", withExt(0xa1, 0x61, 'x', 0x1c)},
	}
	for _, tt := range tests {
		ad, err := ParseAuthData(tt.raw)
		if errCode(err) != "invalid_attestation" {
			t.Errorf("%s: got %+v, %v; want invalid_attestation", tt.name, ad, err)
		}
	}
	// The largest credential id CTAP allows still parses.
	k.credID = bytes.Repeat([]byte{0x5a}, 1023)
	if _, err := ParseAuthData(k.authData("login.microsoft.com", flagsUPUVAT, k.aaguid, nil)); err != nil {
		t.Errorf("1023-byte credential id: %v", err)
	}
}

func TestUnwrapAuthData(t *testing.T) {
	k := newSoftKey(t)
	for _, rpID := range EntraRPIDs {
		for _, flags := range []byte{FlagUserPresent, flagsUPUVAT, flagsUPUVAT | FlagExtensions} {
			var ext []byte
			if flags&FlagExtensions != 0 {
				ext = extCBOR
			}
			raw := k.authData(rpID, flags, k.aaguid, ext)
			if got := UnwrapAuthData(cborBytes(raw)); !bytes.Equal(got, raw) {
				t.Errorf("%s %#x: wrapped: got %x, want %x", rpID, flags, got, raw)
			}
			// Raw data, which Entra's rpIdHash never makes a CBOR byte string, passes as is.
			if got := UnwrapAuthData(raw); !bytes.Equal(got, raw) {
				t.Errorf("%s %#x: raw data was changed", rpID, flags)
			}
		}
	}
	// A byte string too short to be authenticator data is not unwrapped.
	short := cborBytes(make([]byte, 36))
	if got := UnwrapAuthData(short); !bytes.Equal(got, short) {
		t.Errorf("short byte string: got %x", got)
	}
}

func TestAAGUIDString(t *testing.T) {
	tests := []struct {
		in   [16]byte
		want string
	}{
		{[16]byte{}, "00000000-0000-0000-0000-000000000000"},
		{[16]byte{0xee, 0x88, 0x28, 0x79, 0x72, 0x1c, 0x49, 0x13, 0x97, 0x75, 0x3d, 0xfc, 0xce, 0x97, 0x07, 0x2a}, "ee882879-721c-4913-9775-3dfcce97072a"},
	}
	for _, tt := range tests {
		if got := AAGUIDString(tt.in); got != tt.want {
			t.Errorf("AAGUIDString(%x) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
