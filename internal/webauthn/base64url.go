package webauthn

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// URLBytes is binary data carried as base64url (RFC 4648 §5). It writes unpadded and
// reads every encoding Graph has used (see DecodeLenient).
type URLBytes []byte

// MarshalJSON writes unpadded base64url.
func (b URLBytes) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, base64.RawURLEncoding.EncodedLen(len(b))+2)
	out = append(out, '"')
	out = base64.RawURLEncoding.AppendEncode(out, b)
	return append(out, '"'), nil
}

// UnmarshalJSON reads any of Graph's encodings.
func (b *URLBytes) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	v, err := DecodeLenient(s)
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// RawURLBytes is binary data we wrote ourselves as unpadded base64url: the POST body's
// credential id, clientDataJSON and attestationObject. It reads base64url or standard
// base64, padded or not, but never guesses a trailing digit to be a padding count: that
// guess, right for Graph's excludeCredentials ids, would corrupt about one id in 256 here.
type RawURLBytes []byte

// MarshalJSON writes unpadded base64url.
func (b RawURLBytes) MarshalJSON() ([]byte, error) { return URLBytes(b).MarshalJSON() }

// UnmarshalJSON reads base64url or standard base64, padded or not.
func (b *RawURLBytes) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	norm := strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(s), "=")
	v, err := base64.RawURLEncoding.DecodeString(norm)
	if err != nil {
		return errorf("invalid_body", "", "not base64url")
	}
	*b = v
	return nil
}

// DecodeLenient decodes the three encodings Graph has sent credential ids in: standard
// base64 with "+/=", base64url with a trailing digit counting the stripped "=" (.NET's
// UrlTokenEncode), and unpadded base64url.
//
// A trailing digit is ambiguous with unpadded base64url; it is read as a padding count
// when it fits (the length works out and the rest decodes strictly), since a genuine
// unpadded string passes those checks only about once in 256 times.
func DecodeLenient(s string) ([]byte, error) {
	padded := strings.HasSuffix(s, "=")
	norm := strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(s), "=")
	strict := base64.RawURLEncoding.Strict()
	if n := len(norm); !padded && n > 1 && norm[n-1] >= '0' && norm[n-1] <= '2' {
		if pad := int(norm[n-1] - '0'); (n-1+pad)%4 == 0 {
			if b, err := strict.DecodeString(norm[:n-1]); err == nil {
				return b, nil
			}
		}
	}
	if b, err := strict.DecodeString(norm); err == nil {
		return b, nil
	}
	if b, err := base64.RawURLEncoding.DecodeString(norm); err == nil {
		return b, nil
	}
	return nil, errorf("invalid_options", "", "not base64 or base64url")
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
