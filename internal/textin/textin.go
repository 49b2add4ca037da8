// Package textin decodes text that arrives from outside (stdin documents, PIN and
// secret files) into UTF-8: a byte-order mark is dropped, and UTF-16, which Windows
// PowerShell 5.1 writes with `>` and Out-File, is transcoded or refused with a hint.
package textin

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Error is input in an encoding that cannot be read as text.
type Error struct {
	Encoding string
	Reason   string
}

func (e *Error) Error() string {
	return fmt.Sprintf("the input is %s but %s", e.Encoding, e.Reason)
}

// ErrorCode is the stable code for undecodable text.
func (e *Error) ErrorCode() string { return "invalid_encoding" }

// ErrorHint says how to write the input instead.
func (e *Error) ErrorHint() string {
	return "write it as UTF-8 (in PowerShell: Set-Content -Encoding utf8, or pipe it in with [Console]::OutputEncoding set to UTF-8)"
}

var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

// Decode returns data as UTF-8 and the encoding it found ("utf-8", "utf-8-bom",
// "utf-16le", "utf-16be"). UTF-16 is recognised by its byte-order mark, or without one
// by the NUL bytes ASCII text has in every other place. Data that is neither is
// returned as it is: its UTF-8 validity is the caller's concern.
func Decode(data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return data[len(bomUTF8):], "utf-8-bom", nil
	case bytes.HasPrefix(data, bomUTF16LE):
		out, err := fromUTF16(data[2:], false, "UTF-16 LE")
		return out, "utf-16le", err
	case bytes.HasPrefix(data, bomUTF16BE):
		out, err := fromUTF16(data[2:], true, "UTF-16 BE")
		return out, "utf-16be", err
	}
	if le, be := nulPattern(data); le {
		out, err := fromUTF16(data, false, "UTF-16 LE (no byte-order mark)")
		return out, "utf-16le", err
	} else if be {
		out, err := fromUTF16(data, true, "UTF-16 BE (no byte-order mark)")
		return out, "utf-16be", err
	}
	return data, "utf-8", nil
}

// nulPattern reports whether data looks like BOM-less UTF-16 ASCII: at least two
// characters, and a NUL in every odd (LE) or every even (BE) place and nowhere else.
func nulPattern(data []byte) (le, be bool) {
	if len(data) < 4 || len(data)%2 != 0 {
		return false, false
	}
	le, be = true, true
	for i := 0; i < len(data); i += 2 {
		lo, hi := data[i], data[i+1]
		le = le && hi == 0 && lo != 0
		be = be && lo == 0 && hi != 0
	}
	return le, be
}

func fromUTF16(data []byte, bigEndian bool, name string) ([]byte, error) {
	if len(data)%2 != 0 {
		return nil, &Error{Encoding: name, Reason: "has an odd number of bytes"}
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		if r == utf8.RuneError {
			clear(out)
			return nil, &Error{Encoding: name, Reason: "holds an unpaired surrogate"}
		}
		out = utf8.AppendRune(out, r)
	}
	clear(units)
	return out, nil
}
