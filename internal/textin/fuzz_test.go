package textin

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzDecode: any input decodes or is refused as invalid_encoding, never more text than
// it holds; and for every UTF-8 text, each encoding Windows tools write of it (a UTF-8
// BOM, UTF-16 LE and BE with a BOM) decodes back to exactly that text.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("{\"pin\":\"1234\"}"))
	f.Add([]byte("\xef\xbb\xbf12345678\r\n"))
	f.Add(utf16le("{\"publicKey\":{}}", true))
	f.Add(utf16be("café 😀", true))
	f.Add([]byte{0xff, 0xfe, 0x00, 0xd8})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, _, err := Decode(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.ErrorCode() != "invalid_encoding" {
				t.Fatalf("error %v is not invalid_encoding", err)
			}
		} else if len(out) > 2*len(data) {
			t.Fatalf("%d bytes decoded from %d", len(out), len(data))
		}
		if !utf8.Valid(data) || bytes.ContainsRune(data, utf8.RuneError) {
			return
		}
		s := string(data)
		if bytes.HasPrefix(data, bomUTF8) {
			return // a text that starts with a BOM loses it, by design
		}
		for name, enc := range map[string][]byte{
			"utf-8 bom": append(append([]byte{}, bomUTF8...), data...),
			"utf-16le":  utf16le(s, true),
			"utf-16be":  utf16be(s, true),
		} {
			got, _, err := Decode(enc)
			if err != nil || string(got) != s {
				t.Fatalf("%s of %q decodes to %q, %v", name, s, got, err)
			}
		}
	})
}
