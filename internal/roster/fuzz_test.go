package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRead: any input is read or refused with a documented code, never a panic; the
// entries are valid, distinct users in line order, and each problem has a documented
// code, a line and a message without control characters.
func FuzzRead(f *testing.F) {
	f.Add([]byte("upn;displayName\nadele@contoso.com;\"A;\nB\"\n\"open\nx@y.co\n"), "")
	f.Add([]byte("{\"UPN\":\"a@b.co\",\"serial\":1}\n{\"upn\":\"a@b.co\"}\n[1]\n"), "")
	f.Add(utf16Bytes("UPN\tnotes\r\na@b.co\t\"x\r\ny\"\r\n", false), "csv")
	f.Add(utf16Bytes("{\"id\":\"0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f\"}", true), "jsonl")
	f.Add([]byte("a\x00b\n"), "")
	f.Add([]byte("x@y.z,\"a\"b\n\"\"\"\n"), "csv")
	f.Fuzz(func(t *testing.T, data []byte, format string) {
		entries, problems, err := Read(bytes.NewReader(data), format)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v has no code", err)
			}
			switch e.Code {
			case "invalid_format", "roster_encoding", "roster_too_large":
			default:
				t.Fatalf("undocumented code %q", e.Code)
			}
			if entries != nil || problems != nil {
				t.Fatal("entries or problems with an error")
			}
			return
		}
		seen := map[string]bool{}
		last := 0
		for _, e := range entries {
			if !validUser(e.User) || strings.TrimSpace(e.User) != e.User {
				t.Fatalf("entry %+v has an invalid user", e)
			}
			if seen[strings.ToLower(e.User)] {
				t.Fatalf("%q twice", e.User)
			}
			seen[strings.ToLower(e.User)] = true
			if e.Line <= last {
				t.Fatalf("line %d after %d", e.Line, last)
			}
			last = e.Line
		}
		for _, p := range problems {
			switch p.Code {
			case "empty_user", "invalid_user", "invalid_field", "duplicate_user", "bad_row":
			default:
				t.Fatalf("undocumented problem code %q", p.Code)
			}
			if p.Line < 1 || p.Message == "" || strings.ContainsFunc(p.Message, badTextRune) {
				t.Fatalf("problem %+v", p)
			}
		}
	})
}

// FuzzCSVRecords: the roster's own record splitting (which lets a bad quote cost one
// row, not the rest of the file) reads exactly the records, fields and start lines
// encoding/csv reads from the whole input, whenever encoding/csv reads it all.
func FuzzCSVRecords(f *testing.F) {
	f.Add([]byte("a,b\n\"c\nd\",e\n\n\"f\"\"g\"\r\nh\r"), byte(','))
	f.Add([]byte("a;\"b;\n\n\";c\n"), byte(';'))
	f.Add([]byte("\"\"\n\"a\"\"\nb\"\t\n"), byte('\t'))
	f.Fuzz(func(t *testing.T, data []byte, d byte) {
		delim := []byte{',', ';', '\t'}[int(d)%3]
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 || bytes.HasPrefix(data, bomUTF8) || len(data) > MaxLine {
			return
		}
		ref := csv.NewReader(bytes.NewReader(data))
		ref.Comma = rune(delim)
		ref.FieldsPerRecord = -1
		var want [][]string
		var wantLines []int
		for {
			rec, err := ref.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return // csv refuses the input somewhere: the roster reports it, checked by FuzzRead
			}
			line, _ := ref.FieldPos(0)
			want = append(want, rec)
			wantLines = append(wantLines, line)
		}
		ls := newLines(bytes.NewReader(data), false)
		p := newCSVParser(delim)
		var got [][]string
		var gotLines []int
		for {
			rec, err := nextRecord(ls, delim)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.text) == 0 {
				continue
			}
			fields, bad := p.parse(rec)
			if bad != "" {
				t.Fatalf("line %d refused (%s) but encoding/csv reads it", rec.line, bad)
			}
			got = append(got, fields)
			gotLines = append(gotLines, rec.line)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotLines, wantLines) {
			t.Fatalf("records %q on lines %v, encoding/csv reads %q on lines %v", got, gotLines, want, wantLines)
		}
	})
}
