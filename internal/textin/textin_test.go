package textin

import (
	"errors"
	"testing"
	"unicode/utf16"
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xfe, 0xff)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  string
	}{
		{"utf-8", []byte("12345678\n"), "12345678\n", "utf-8"},
		{"utf-8 bom", []byte("\xef\xbb\xbf12345678\n"), "12345678\n", "utf-8-bom"},
		{"utf-16le bom (PowerShell 5.1 >)", utf16le("12345678\r\n", true), "12345678\r\n", "utf-16le"},
		{"utf-16be bom", utf16be("{\"pin\":\"café\"}", true), "{\"pin\":\"café\"}", "utf-16be"},
		{"utf-16le without bom", utf16le("1234", false), "1234", "utf-16le"},
		{"utf-16be without bom", utf16be("1234", false), "1234", "utf-16be"},
		{"astral plane", utf16le("ok 😀", true), "ok 😀", "utf-16le"},
		{"empty", nil, "", "utf-8"},
		{"invalid utf-8 passes through", []byte{0xc3, 0x28}, "\xc3\x28", "utf-8"},
	}
	for _, tt := range tests {
		got, enc, err := Decode(tt.in)
		if err != nil || string(got) != tt.want || enc != tt.enc {
			t.Errorf("%s: Decode = %q, %s, %v; want %q, %s", tt.name, got, enc, err, tt.want, tt.enc)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	for name, in := range map[string][]byte{
		"odd utf-16":        append(utf16le("1234", true), 0x31),
		"unpaired high":     {0xff, 0xfe, 0x00, 0xd8, 0x31, 0x00},
		"unpaired low (be)": {0xfe, 0xff, 0xdc, 0x00},
	} {
		_, _, err := Decode(in)
		var e *Error
		if !errors.As(err, &e) || e.ErrorCode() != "invalid_encoding" || e.ErrorHint() == "" {
			t.Errorf("%s: Decode error %v, want invalid_encoding with a hint", name, err)
		}
	}
}
