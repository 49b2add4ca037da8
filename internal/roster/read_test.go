package roster

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

// encodings are the ways a spreadsheet or a script saves a roster.
var encodings = map[string]func(string) []byte{
	"utf-8":        func(s string) []byte { return []byte(s) },
	"utf-8 bom":    func(s string) []byte { return append([]byte{0xef, 0xbb, 0xbf}, s...) },
	"utf-16le bom": func(s string) []byte { return utf16Bytes(s, false) },
	"utf-16be bom": func(s string) []byte { return utf16Bytes(s, true) },
}

func utf16Bytes(s string, bigEndian bool) []byte {
	units := append([]uint16{0xfeff}, utf16.Encode([]rune(s))...)
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func read(t *testing.T, data []byte, format string) ([]Entry, []Problem) {
	t.Helper()
	entries, problems, err := Read(strings.NewReader(string(data)), format)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return entries, problems
}

// TestEncodingsAndDelimiters reads the same roster in every encoding with every
// delimiter, with a header and without, with quoted fields that hold the delimiter and
// a line break (so the line numbers after them must still be right).
func TestEncodingsAndDelimiters(t *testing.T) {
	const withHeader = "User Principal Name|Display_Name|Serial|Notes\r\n" +
		"adele@contoso.com|Adele's key|1234|\"a| b\"\r\n" +
		"\r\n" +
		"\"alex@contoso.com\"||5678|\"two\r\nlines| here\"\r\n" +
		"not a user|||\r\n" +
		"0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f|||café ☕\r\n"
	const noHeader = "adele@contoso.com|x\n\n\"alex@contoso.com\"|\"a\nb\"\nnot a user\n0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f\n"
	wantHeader := []Entry{
		{Line: 2, User: "adele@contoso.com", DisplayName: "Adele's key", Serial: "1234", Notes: "a| b"},
		{Line: 4, User: "alex@contoso.com", Serial: "5678", Notes: "two\nlines| here"},
		{Line: 7, User: "0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f", Notes: "café ☕"},
	}
	wantNoHeader := []Entry{
		{Line: 1, User: "adele@contoso.com"},
		{Line: 3, User: "alex@contoso.com"},
		{Line: 6, User: "0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f"},
	}
	for encName, encode := range encodings {
		for _, delim := range []string{",", ";", "\t"} {
			for _, tc := range []struct {
				name    string
				roster  string
				want    []Entry
				badLine int
			}{
				{"header", withHeader, wantHeader, 6},
				{"no header", noHeader, wantNoHeader, 5},
			} {
				t.Run(encName+" "+strings.ReplaceAll(delim, "\t", "tab")+" "+tc.name, func(t *testing.T) {
					data := encode(strings.ReplaceAll(tc.roster, "|", delim))
					for _, format := range []string{"", "csv"} {
						got, problems := read(t, data, format)
						want := make([]Entry, len(tc.want))
						for i, e := range tc.want {
							e.DisplayName = strings.ReplaceAll(e.DisplayName, "|", delim)
							e.Notes = strings.ReplaceAll(e.Notes, "|", delim)
							want[i] = e
						}
						if !reflect.DeepEqual(got, want) {
							t.Errorf("format %q: entries\n got %+v\nwant %+v", format, got, want)
						}
						if len(problems) != 1 || problems[0].Line != tc.badLine || problems[0].Code != "invalid_user" {
							t.Errorf("format %q: problems %+v, want invalid_user on line %d", format, problems, tc.badLine)
						}
					}
				})
			}
		}
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name   string
		roster string
		want   []Problem // Message is matched as a substring
		users  []string
	}{
		{"empty user", "upn,serial\n,123\n  ,456\n", []Problem{{2, "empty_user", ""}, {3, "empty_user", ""}}, nil},
		{"blank rows skipped", "upn,serial\n,\n , \n\n\t\na@b.co,1\n", nil, []string{"a@b.co"}},
		{"invalid users", "upn\nadele\n@contoso.com\nadele@contoso\nadele@@contoso.com\na@b@c.com\nad ele@contoso.com\nadele@contoso..com\nadele@-x.com\n" +
			"adele\u202e@contoso.com\n0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3\n",
			[]Problem{{2, "invalid_user", `"adele"`}, {3, "invalid_user", ""}, {4, "invalid_user", ""}, {5, "invalid_user", ""},
				{6, "invalid_user", ""}, {7, "invalid_user", ""}, {8, "invalid_user", ""}, {9, "invalid_user", ""},
				{10, "invalid_user", `\u202e`}, {11, "invalid_user", ""}}, nil},
		{"guest and object id", "upn\nalice_fabrikam.com#EXT#@contoso.onmicrosoft.com\n{0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f}\n0B6E6A4C-5A8B-4B83-9B1F-6B0C7A1E2D3F\n",
			[]Problem{{3, "invalid_user", ""}}, []string{"alice_fabrikam.com#EXT#@contoso.onmicrosoft.com", "0B6E6A4C-5A8B-4B83-9B1F-6B0C7A1E2D3F"}},
		{"duplicates, case-insensitive", "upn\nAdele@Contoso.com\nbob@contoso.com\nadele@contoso.COM\n",
			[]Problem{{4, "duplicate_user", "line 2"}}, []string{"Adele@Contoso.com", "bob@contoso.com"}},
		{"control character in a display name", "upn,displayName\na@b.co,\"x\ny\"\nc@d.co,ok\n",
			[]Problem{{2, "invalid_field", `"x\ny"`}}, []string{"c@d.co"}},
		{"bare quote", "upn,notes\na@b.co,say \"hi\"\nc@d.co,\n", []Problem{{2, "bad_row", "line 2, column"}}, []string{"c@d.co"}},
		{"text after a closing quote", "upn,notes\n\"a@b.co\"x,1\nc@d.co,\n", []Problem{{2, "bad_row", "quoted-field"}}, []string{"c@d.co"}},
		{"quote error on a record's second line", "upn,notes\na@b.co,\"one\ntwo\"x\nc@d.co\n", []Problem{{2, "bad_row", "line 3"}}, []string{"c@d.co"}},
		{"unclosed quote: the lines after it are read again", "upn,notes\na@b.co,\"never closed\nc@d.co\ne@f.co\n",
			[]Problem{{2, "bad_row", "does not close"}}, []string{"c@d.co", "e@f.co"}},
		{"no header: the first column is the user", "a@b.co,Display,123\n", nil, []string{"a@b.co"}},
		{"header without a user column is data", "displayName,serial\n", []Problem{{1, "invalid_user", `"displayName"`}}, nil},
		{"ragged rows", "upn,displayName,serial\na@b.co\nc@d.co,D,1,extra\n", nil, []string{"a@b.co", "c@d.co"}},
		{"header with upn and mail: upn wins", "mail,displayName,userPrincipalName\nm@x.co,Adele,a@x.co\n", nil, []string{"a@x.co"}},
		{"a second BOM", "\ufeff\ufeffupn\na@b.co\n", nil, []string{"a@b.co"}},
		{"CR line ends only at the end", "upn\r\na@b.co\r", nil, []string{"a@b.co"}},
		{"long value quoted in part", "upn\n" + strings.Repeat("x", 300) + "\n", []Problem{{2, "invalid_user", "…"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, problems := read(t, []byte(tt.roster), "")
			var users []string
			for _, e := range entries {
				users = append(users, e.User)
			}
			if !reflect.DeepEqual(users, tt.users) {
				t.Errorf("users %q, want %q", users, tt.users)
			}
			if len(problems) != len(tt.want) {
				t.Fatalf("problems %+v, want %+v", problems, tt.want)
			}
			for i, p := range problems {
				w := tt.want[i]
				if p.Line != w.Line || p.Code != w.Code || !strings.Contains(p.Message, w.Message) {
					t.Errorf("problem %d: %+v, want %+v", i, p, w)
				}
				if strings.ContainsAny(p.Message, "\n\r\u202e") {
					t.Errorf("problem %d's message holds a control character: %q", i, p.Message)
				}
			}
		})
	}
}

func TestEntryFields(t *testing.T) {
	const roster = "Notes;Serial_Number;Method Display Name;displayName;UPN\n  n  ; 12 ;Key;Adele Vance; a@b.co \n"
	got, _ := read(t, []byte(roster), "")
	want := []Entry{{Line: 2, User: "a@b.co", DisplayName: "Key", Serial: "12", Notes: "n"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		roster []byte
		format string
		want   string
		line   int
	}{
		{"unknown format", []byte("a@b.co\n"), "xlsx", "invalid_format", 0},
		{"UTF-16 without a BOM", []byte("a\x00@\x00b\x00.\x00c\x00o\x00\n\x00"), "", "roster_encoding", 1},
		{"UTF-32 with its BOM", []byte("\xff\xfe\x00\x00a\x00\x00\x00"), "", "roster_encoding", 1},
		{"UTF-16 with an odd last byte", []byte("\xff\xfea\x00\n\x000"), "", "roster_encoding", 2},
		{"UTF-16 with a lone surrogate", []byte("\xff\xfe\x00\xd8a\x00"), "", "roster_encoding", 1},
		{"Windows-1252", []byte("upn,displayName\na@b.co,Jos\xe9\n"), "", "roster_encoding", 2},
		{"a line over 64 KiB", []byte("upn\n" + strings.Repeat("x", MaxLine+1) + "\n"), "", "roster_too_large", 2},
		{"a JSONL line over 64 KiB", []byte(`{"upn":"` + strings.Repeat("x", MaxLine) + "\"}\n"), "", "roster_too_large", 1},
		{"CR line ends", []byte("upn\r" + strings.Repeat("a@b.co\r", MaxLine/7+1)), "", "roster_too_large", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, problems, err := Read(strings.NewReader(string(tt.roster)), tt.format)
			var e *Error
			if !errors.As(err, &e) || e.Code != tt.want || e.Line != tt.line {
				t.Fatalf("error %#v, want %s on line %d", err, tt.want, tt.line)
			}
			if e.ErrorCode() != tt.want || e.ErrorHint() == "" && tt.want != "invalid_format" {
				t.Errorf("code %q hint %q", e.ErrorCode(), e.ErrorHint())
			}
			if entries != nil || problems != nil {
				t.Errorf("entries %v problems %v with an error", entries, problems)
			}
		})
	}
}

func TestTooManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 200,001 rows")
	}
	var b strings.Builder
	b.WriteString("upn\n")
	for i := range MaxRows {
		if i%2 == 0 {
			b.WriteString("u")
			b.WriteString(strings.Repeat("x", i%7))
			b.WriteString(itoa(i))
			b.WriteString("@contoso.com\n")
		} else {
			b.WriteString("bad\n") // bad rows count as well
		}
	}
	entries, problems, err := Read(strings.NewReader(b.String()), "csv")
	if err != nil || len(entries)+len(problems) != MaxRows {
		t.Fatalf("%d rows: %d entries, %d problems, %v", MaxRows, len(entries), len(problems), err)
	}
	b.WriteString("last@contoso.com\n")
	_, _, err = Read(strings.NewReader(b.String()), "csv")
	if code(err) != "roster_too_large" {
		t.Fatalf("got %v, want roster_too_large", err)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

func TestEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n  \n", "\xef\xbb\xbf", "\xff\xfe"} {
		entries, problems, err := Read(strings.NewReader(in), "")
		if err != nil || len(entries) != 0 || len(problems) != 0 {
			t.Errorf("%q: %v %v %v", in, entries, problems, err)
		}
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReaderFails(t *testing.T) {
	_, _, err := Read(failingReader{}, "")
	if code(err) != "input_failed" {
		t.Fatalf("got %v", err)
	}
}
