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

func TestDecodeLenient(t *testing.T) {
	tests := []struct {
		in   string
		want string // hex; "error" for an error
	}{
		{"", ""},
		{"AQID", "010203"},
		{"AQID0", "010203"}, // .NET UrlTokenEncode, no padding stripped
		{"AQI=", "0102"},
		{"AQI1", "0102"}, // .NET: one '=' stripped
		{"AQI", "0102"},
		{"AQ==", "01"},
		{"AQ2", "01"}, // .NET: two '=' stripped
		{"AQ", "01"},
		{"+/8=", "fbff"},
		{"-_81", "fbff"},
		{"-_8", "fbff"},
		{"+_8", "fbff"}, // mixed alphabets, as hand-edited input has
		// Ambiguous: "AQI1" is also the unpadded base64url of 01 02 35. The padding
		// digit wins (see DecodeLenient): a genuine unpadded id loses this way once in
		// 256 (length 0 mod 4, last character '1') or 1024 (length 3 mod 4, '2') times.
		{"AQI3", "010237"}, // '3' is never a padding count
		{"AQ=A", "error"},
		{"A", "error"},
		{"AQIDB", "error"},
		{"!!!!", "error"},
		{"AQ ID", "error"},
		{"AQ%3D", "error"},
		{"\u00e9", "error"},
	}
	for _, tt := range tests {
		got, err := DecodeLenient(tt.in)
		if tt.want == "error" {
			if err == nil {
				t.Errorf("DecodeLenient(%q) = %x, want an error", tt.in, got)
			} else if errCode(err) != "invalid_options" {
				t.Errorf("DecodeLenient(%q): code %q, want invalid_options", tt.in, errCode(err))
			}
			continue
		}
		if err != nil || hex.EncodeToString(got) != tt.want {
			t.Errorf("DecodeLenient(%q) = %x, %v; want %s", tt.in, got, err, tt.want)
		}
	}
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

func TestDecodeLenientRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewChaCha8([32]byte{'e', 'n', 't', 'r', 'a'}))
	for _, size := range []int{16, 32, 33, 48, 64, 65} {
		for _, e := range encodings {
			t.Run(fmt.Sprintf("%d/%s", size, e.name), func(t *testing.T) {
				ambiguous := 0
				for range 256 {
					id := make([]byte, size)
					for i := range id {
						id[i] = byte(rng.Uint32())
					}
					s := e.enc(id)
					want := id
					if e.name != "dotnet" {
						if alt, ok := dotnetReading(s); ok {
							want, ambiguous = alt, ambiguous+1
						}
					}
					got, err := DecodeLenient(s)
					if err != nil || !bytes.Equal(got, want) {
						t.Fatalf("DecodeLenient(%q) = %x, %v; want %x", s, got, err, want)
					}
				}
				// Padded forms and lengths 1 mod 3 (unpadded length 2 mod 4) are never ambiguous.
				if (e.name == "dotnet" || size%3 == 1 || (e.name == "standard" && size%3 != 0)) && ambiguous != 0 {
					t.Errorf("%d ambiguous encodings where none can be", ambiguous)
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
	for _, enc := range []string{`"-_-_"`, `"+/+/"`, `"-_-_0"`} {
		var got URLBytes
		if err := json.Unmarshal([]byte(enc), &got); err != nil || !bytes.Equal(got, in) {
			t.Errorf("Unmarshal(%s) = %x, %v; want %x", enc, got, err, []byte(in))
		}
	}
	var got URLBytes
	if err := json.Unmarshal([]byte(`"!!"`), &got); err == nil {
		t.Errorf("Unmarshal of garbage = %x, want an error", got)
	}
	if err := json.Unmarshal([]byte(`12`), &got); err == nil {
		t.Errorf("Unmarshal of a number = %x, want an error", got)
	}
}
