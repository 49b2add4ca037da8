package webauthn

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

// Authenticator data flags (WebAuthn §6.1).
const (
	FlagUserPresent  = 0x01
	FlagUserVerified = 0x04
	FlagBackupElig   = 0x08
	FlagBackupState  = 0x10
	FlagAttested     = 0x40
	FlagExtensions   = 0x80
)

// AuthData is decoded authenticator data (WebAuthn §6.1).
type AuthData struct {
	RPIDHash  [32]byte
	Flags     byte
	SignCount uint32
	// AttestedCredential is set when FlagAttested is.
	AttestedCredential *AttestedCredentialData
	// Extensions are the authenticator extension outputs, when FlagExtensions is set.
	Extensions map[string]any
}

// AttestedCredentialData is WebAuthn §6.5.1.
type AttestedCredentialData struct {
	AAGUID       [16]byte
	CredentialID []byte
	// PublicKey is the credential's COSE_Key, as encoded by the key.
	PublicKey []byte
	// Alg is the COSE_Key's alg (label 3).
	Alg int
}

// UserPresent reports the UP flag.
func (a *AuthData) UserPresent() bool { return a.Flags&FlagUserPresent != 0 }

// UserVerified reports the UV flag.
func (a *AuthData) UserVerified() bool { return a.Flags&FlagUserVerified != 0 }

// ParseAuthData decodes raw authenticator data strictly: every length is checked
// against what is left, and nothing may follow the extensions.
func ParseAuthData(raw []byte) (*AuthData, error) {
	const fixed = 37
	if len(raw) < fixed {
		return nil, attErr("authenticator data shorter than 37 bytes")
	}
	a := &AuthData{Flags: raw[32], SignCount: binary.BigEndian.Uint32(raw[33:37])}
	copy(a.RPIDHash[:], raw[:32])
	rest := raw[fixed:]
	if a.Flags&FlagAttested != 0 {
		if len(rest) < 18 {
			return nil, attErr("attested credential data truncated")
		}
		acd := &AttestedCredentialData{}
		copy(acd.AAGUID[:], rest[:16])
		n := int(binary.BigEndian.Uint16(rest[16:18]))
		rest = rest[18:]
		if n == 0 || n > 1023 || len(rest) < n {
			return nil, attErr(fmt.Sprintf("credential id length %d does not fit", n))
		}
		acd.CredentialID = bytes.Clone(rest[:n])
		rest = rest[n:]
		var key map[int]cbor.RawMessage
		tail, err := strictDec.UnmarshalFirst(rest, &key)
		if err != nil {
			return nil, attErr("credential public key is not a COSE_Key: " + err.Error())
		}
		acd.PublicKey = bytes.Clone(rest[:len(rest)-len(tail)])
		if algRaw, ok := key[3]; ok {
			if err := strictDec.Unmarshal(algRaw, &acd.Alg); err != nil {
				return nil, attErr("COSE_Key alg is not an integer")
			}
		}
		rest = tail
		a.AttestedCredential = acd
	}
	if a.Flags&FlagExtensions != 0 {
		var ext map[string]any
		tail, err := strictDec.UnmarshalFirst(rest, &ext)
		if err != nil {
			return nil, attErr("extensions are not a CBOR map: " + err.Error())
		}
		a.Extensions, rest = ext, tail
	}
	if len(rest) != 0 {
		return nil, attErr(fmt.Sprintf("%d unexpected bytes after the authenticator data", len(rest)))
	}
	return a, nil
}

// UnwrapAuthData returns raw authenticator data from what libfido2 gives: a CBOR byte
// string wrapping it. Raw data (which starts with the 32-byte rpIdHash, never a CBOR
// byte-string header that covers exactly the rest) is returned as is.
func UnwrapAuthData(b []byte) []byte {
	var inner []byte
	if err := strictDec.Unmarshal(b, &inner); err == nil && len(inner) >= 37 {
		return inner
	}
	return b
}

// AAGUIDString writes an AAGUID in the canonical 8-4-4-4-12 lower-case form.
func AAGUIDString(id [16]byte) string {
	h := hex.EncodeToString(id[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func attErr(msg string) error { return errorf("invalid_attestation", "", msg) }
