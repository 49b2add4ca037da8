package webauthn

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// URLBytes is binary data carried as base64url (RFC 4648 §5): the user handle, the POST
// body's fields. It writes unpadded base64url and reads base64url or standard base64,
// padded or not, but never guesses that a trailing digit counts stripped padding: for a
// 51-byte user handle ending in 0x35 that guess dropped a byte, about one user in 256.
type URLBytes []byte

// MarshalJSON writes unpadded base64url.
func (b URLBytes) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, base64.RawURLEncoding.EncodedLen(len(b))+2)
	out = append(out, '"')
	out = base64.RawURLEncoding.AppendEncode(out, b)
	return append(out, '"'), nil
}

// UnmarshalJSON reads base64url or standard base64, padded or not.
func (b *URLBytes) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	v, err := DecodeURL(s)
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// DecodeURL decodes base64url or standard base64, padded or not. It is the one reading
// of data that is not a Graph credential id (user handles, our own POST bodies).
func DecodeURL(s string) ([]byte, error) {
	v, err := base64.RawURLEncoding.DecodeString(normalize(s))
	if err != nil {
		return nil, errorf("invalid_options", "", "not base64 or base64url")
	}
	return v, nil
}

// CredentialID is a credential id as Graph lists it in excludeCredentials. Graph has
// written these ids three ways: standard base64 with "+/=", unpadded base64url, and
// .NET's UrlTokenEncode (base64url with a trailing digit counting the stripped "=").
// The last is ambiguous with unpadded base64url whenever the string ends in 0, 1 or 2
// and both readings decode, so such an id keeps both: a key is asked about each, since
// probing for an extra id is harmless and missing the real one lets the key overwrite
// a credential Entra still lists.
type CredentialID struct {
	// Bytes is the likelier reading: plain base64url when that decodes canonically,
	// else the padding-digit reading.
	Bytes URLBytes
	// Alt is the other reading of an ambiguous id; nil when there is only one.
	Alt []byte
}

// Readings returns every reading of the id, the likelier first.
func (c CredentialID) Readings() [][]byte {
	if c.Alt == nil {
		return [][]byte{c.Bytes}
	}
	return [][]byte{c.Bytes, c.Alt}
}

// MarshalJSON writes the likelier reading as unpadded base64url.
func (c CredentialID) MarshalJSON() ([]byte, error) { return c.Bytes.MarshalJSON() }

// UnmarshalJSON reads any of Graph's three encodings, keeping both readings of an
// ambiguous one.
func (c *CredentialID) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	readings, err := CredentialIDReadings(s)
	if err != nil {
		return err
	}
	*c = CredentialID{Bytes: readings[0]}
	if len(readings) > 1 {
		c.Alt = readings[1]
	}
	return nil
}

// CredentialIDReadings decodes a credential id in any of Graph's encodings and returns
// each distinct reading, the likelier first: plain base64url (or standard base64) when
// it decodes canonically, then the .NET padding-digit reading when it fits. A padded
// string has one reading; so has a string only a lax decoder (non-zero trailing bits)
// can read.
func CredentialIDReadings(s string) ([][]byte, error) {
	norm := normalize(s)
	var readings [][]byte
	add := func(b []byte) {
		for _, r := range readings {
			if bytes.Equal(r, b) {
				return
			}
		}
		readings = append(readings, b)
	}
	strict := base64.RawURLEncoding.Strict()
	if b, err := strict.DecodeString(norm); err == nil {
		add(b)
	}
	if b, ok := dotnetDigitReading(s, norm); ok {
		add(b)
	}
	if len(readings) == 0 {
		// No encoder writes non-zero trailing bits, so this reading is a last resort
		// for hand-edited input, never an alternative.
		if b, err := base64.RawURLEncoding.DecodeString(norm); err == nil {
			add(b)
		}
	}
	if len(readings) == 0 {
		return nil, errorf("invalid_options", "", "not base64 or base64url")
	}
	return readings, nil
}

// dotnetDigitReading reads norm as .NET's UrlTokenEncode: the last character, 0 to 2,
// counts the "=" that were stripped. Only canonical encodings count.
func dotnetDigitReading(s, norm string) ([]byte, bool) {
	n := len(norm)
	if strings.HasSuffix(s, "=") || n < 2 || norm[n-1] < '0' || norm[n-1] > '2' {
		return nil, false
	}
	if pad := int(norm[n-1] - '0'); (n-1+pad)%4 != 0 {
		return nil, false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(norm[:n-1])
	return b, err == nil
}

// normalize maps standard base64 to the URL alphabet and strips padding.
func normalize(s string) string {
	return strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(s), "=")
}

// isBase64URL reports whether s holds only base64url characters (no padding).
func isBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
