package webauthn

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCredentialIDReadings(t *testing.T) {
	tests := []struct {
		in   string
		want []string // hex of each reading, likelier first; nil for an error
	}{
		{"AQID", []string{"010203"}},
		{"AQID0", []string{"010203"}}, // .NET UrlTokenEncode, no padding stripped
		{"AQI=", []string{"0102"}},
		{"AQI1", []string{"010235", "0102"}}, // ambiguous: both readings are kept
		{"AQI", []string{"0102"}},
		{"AQ==", []string{"01"}},
		{"AQ2", []string{"01"}},   // "AQ2" is not canonical base64url: only the digit reading
		{"AQ3", []string{"010d"}}, // nor is "AQ3", and '3' counts no padding: read laxly
		{"AQ", []string{"01"}},
		{"+/8=", []string{"fbff"}},
		{"-_81", []string{"fbff35", "fbff"}}, // a 2-byte id in .NET's form is always ambiguous
		{"-_8", []string{"fbff"}},
		{"+_8", []string{"fbff"}},    // mixed alphabets, as hand-edited input has
		{"AQI3", []string{"010237"}}, // '3' is never a padding count
		{"", []string{""}},           // empty; the options check calls it missing
		{"AQ=A", nil},
		{"A", nil},
		{"AQIDB", nil},
		{"!!!!", nil},
		{"AQ ID", nil},
		{"AQ%3D", nil},
		{"\u00e9", nil},
	}
	for _, tt := range tests {
		got, err := CredentialIDReadings(tt.in)
		if tt.want == nil {
			if err == nil {
				t.Errorf("CredentialIDReadings(%q) = %x, want an error", tt.in, got)
			} else if errCode(err) != "invalid_options" {
				t.Errorf("CredentialIDReadings(%q): code %q, want invalid_options", tt.in, errCode(err))
			}
			continue
		}
		var hexes []string
		for _, r := range got {
			hexes = append(hexes, hex.EncodeToString(r))
		}
		if err != nil || strings.Join(hexes, ",") != strings.Join(tt.want, ",") {
			t.Errorf("CredentialIDReadings(%q) = %v, %v; want %v", tt.in, hexes, err, tt.want)
		}
	}
}

// TestRegressionUserHandleEndingIn0x35: Entra's 51-byte user handle whose last byte is
// 0x35 ends in "1" in base64url; the padding-digit guess made it 50 bytes on the key,
// and that passkey failed at sign-in.
func TestRegressionUserHandleEndingIn0x35(t *testing.T) {
	handle := append(bytes.Repeat([]byte{0x41}, 50), 0x35)
	enc := base64.RawURLEncoding.EncodeToString(handle)
	if !strings.HasSuffix(enc, "1") {
		t.Fatalf("test data: %q does not end in 1", enc)
	}
	var u UserEntity
	if err := json.Unmarshal([]byte(`{"id":"`+enc+`","name":"carol@contoso.example"}`), &u); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(u.ID, handle) {
		t.Errorf("user.id %s read as %d bytes %x, want the 51 bytes %x", enc, len(u.ID), []byte(u.ID), handle)
	}
	// Standard base64 is still read.
	if err := json.Unmarshal([]byte(`{"id":"`+base64.StdEncoding.EncodeToString(handle)+`"}`), &u); err != nil || !bytes.Equal(u.ID, handle) {
		t.Errorf("standard base64 user.id read as %x, %v", []byte(u.ID), err)
	}
}

// TestRegressionAmbiguousExcludedIDKeepsBothReadings: 48- and 96-byte credential ids
// ending in 0x35 look like .NET's padding-digit form; reading them only that way made
// the key miss (and overwrite) the credential Entra holds.
func TestRegressionAmbiguousExcludedIDKeepsBothReadings(t *testing.T) {
	for _, size := range []int{48, 96} {
		id := append(bytes.Repeat([]byte{0x9c}, size-1), 0x35)
		enc := base64.RawURLEncoding.EncodeToString(id)
		var d CredentialDescriptor
		if err := json.Unmarshal([]byte(`{"type":"public-key","id":"`+enc+`"}`), &d); err != nil {
			t.Fatal(err)
		}
		readings := d.ID.Readings()
		if len(readings) != 2 || !bytes.Equal(readings[0], id) || len(readings[1]) != size-1 {
			t.Errorf("%d-byte id %s: readings of %d bytes, want %d then %d", size, enc, lens(readings), size, size-1)
		}
	}
}

func lens(bs [][]byte) []int {
	var n []int
	for _, b := range bs {
		n = append(n, len(b))
	}
	return n
}

// encodings are the three ways Graph has written credential ids.
var encodings = []struct {
	name string
	enc  func([]byte) string
}{
	{"standard", base64.StdEncoding.EncodeToString},
	{"dotnet", dotnetEncode},
	{"unpadded", base64.RawURLEncoding.EncodeToString},
}

// dotnetEncode is .NET's HttpServerUtility.UrlTokenEncode: base64url with the '='
// replaced by their count.
func dotnetEncode(b []byte) string {
	s := base64.URLEncoding.EncodeToString(b)
	trimmed := strings.TrimRight(s, "=")
	return fmt.Sprintf("%s%d", trimmed, len(s)-len(trimmed))
}

// dotnetReading returns what s means read as UrlTokenEncode, if it can be read so:
// the oracle for the one documented ambiguity, written without DecodeLenient's code.
func dotnetReading(s string) ([]byte, bool) {
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	n := len(s)
	if n < 2 || strings.HasSuffix(s, "=") || s[n-1] < '0' || s[n-1] > '2' {
		return nil, false
	}
	body := s[:n-1] + strings.Repeat("=", int(s[n-1]-'0'))
	b, err := base64.URLEncoding.DecodeString(body)
	if err != nil || base64.URLEncoding.EncodeToString(b) != body { // canonical only
		return nil, false
	}
	return b, true
}

// TestCredentialIDRoundTrip: for every id and each of Graph's encodings, the id is one
// of the readings. The likelier reading is the id itself except where the string is
// also a canonical unpadded base64url of other bytes: then the plain reading wins and
// the id is the alternative.
func TestCredentialIDRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewChaCha8([32]byte{'e', 'n', 't', 'r', 'a'}))
	for _, size := range []int{1, 2, 3, 16, 32, 33, 47, 48, 51, 64, 65, 96} {
		for _, e := range encodings {
			t.Run(fmt.Sprintf("%d/%s", size, e.name), func(t *testing.T) {
				for range 512 {
					id := make([]byte, size)
					for i := range id {
						id[i] = byte(rng.Uint32())
					}
					s := e.enc(id)
					got, err := CredentialIDReadings(s)
					if err != nil {
						t.Fatalf("CredentialIDReadings(%q): %v", s, err)
					}
					want := 0
					if plain, perr := base64.RawURLEncoding.Strict().DecodeString(s); e.name == "dotnet" && perr == nil && !bytes.Equal(plain, id) {
						want = 1
					}
					if len(got) <= want || !bytes.Equal(got[want], id) {
						t.Fatalf("CredentialIDReadings(%q) = %x; want %x at %d", s, got, id, want)
					}
					if e.name != "dotnet" {
						if u, err := DecodeURL(s); err != nil || !bytes.Equal(u, id) {
							t.Fatalf("DecodeURL(%q) = %x, %v; want %x", s, u, err, id)
						}
					}
				}
			})
		}
	}
}

func TestURLBytesJSON(t *testing.T) {
	in := URLBytes{0xfb, 0xff, 0xbf}
	b, err := json.Marshal(struct{ ID URLBytes }{in})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"ID":"-_-_"}`; got != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	for _, enc := range []string{`"-_-_"`, `"+/+/"`, `"-_-_"`} {
		var got URLBytes
		if err := json.Unmarshal([]byte(enc), &got); err != nil || !bytes.Equal(got, in) {
			t.Errorf("Unmarshal(%s) = %x, %v; want %x", enc, got, err, []byte(in))
		}
	}
	var got URLBytes
	// .NET's digit form is not base64url: URLBytes never reads it.
	if err := json.Unmarshal([]byte(`"-_-_0"`), &got); err == nil {
		t.Errorf("Unmarshal of .NET's digit form = %x, want an error", got)
	}
	if err := json.Unmarshal([]byte(`"!!"`), &got); err == nil {
		t.Errorf("Unmarshal of garbage = %x, want an error", got)
	}
	if err := json.Unmarshal([]byte(`12`), &got); err == nil {
		t.Errorf("Unmarshal of a number = %x, want an error", got)
	}
}

// TestURLBytesRoundTrip is the property the padding-digit guess broke: for every byte
// string, decoding its unpadded base64url gives it back. Before the fix about one user
// handle in 256 (51 bytes ending in 0x35) lost its last byte.
func TestURLBytesRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewChaCha8([32]byte{'u', 'r', 'l'}))
	for size := 0; size <= 96; size++ {
		for range 300 {
			b := make([]byte, size)
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			enc, _ := json.Marshal(URLBytes(b))
			var got URLBytes
			if err := json.Unmarshal(enc, &got); err != nil || !bytes.Equal(got, b) {
				t.Fatalf("%d bytes %x: %s decodes to %x, %v", size, b, enc, []byte(got), err)
			}
		}
	}
}
