package roster

import (
	"reflect"
	"testing"
)

func TestJSONL(t *testing.T) {
	const roster = `{"userPrincipalName":"a@b.co","DisplayName":"Key A","serial_number":12345,"notes":null,"other":{"x":1}}` + "\n" +
		"\n" +
		`  {"UPN":"c@d.co","Serial":"S-1","Notes":"two\nlines"}` + "\n" +
		`{"mail":"m@x.co","objectId":"0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f"}` + "\n" +
		`{"upn":"e@f.co"` + "\n" +
		`["a@b.co"]` + "\n" +
		`{"upn":"g@h.co"} {"upn":"i@j.co"}` + "\n" +
		`{"upn":"g@h.co","UPN":"x@y.co"}` + "\n" +
		`{"upn":true}` + "\n" +
		`{"upn":["x@y.co"]}` + "\n" +
		`{"serial":"1"}` + "\n" +
		`{"UPN":"A@b.co"}` + "\n" +
		`{"upn":"k@l.co"}`
	wantEntries := []Entry{
		{Line: 1, User: "a@b.co", DisplayName: "Key A", Serial: "12345"},
		{Line: 3, User: "c@d.co", Serial: "S-1", Notes: "two\nlines"},
		{Line: 4, User: "0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f"},
		{Line: 13, User: "k@l.co"},
	}
	wantProblems := []struct {
		line int
		code string
	}{{5, "bad_row"}, {6, "bad_row"}, {7, "bad_row"}, {8, "bad_row"}, {9, "bad_row"}, {10, "bad_row"}, {11, "empty_user"}, {12, "duplicate_user"}}
	for encName, encode := range encodings {
		for _, format := range []string{"", "jsonl"} {
			t.Run(encName+" "+format, func(t *testing.T) {
				entries, problems := read(t, encode(roster), format)
				if !reflect.DeepEqual(entries, wantEntries) {
					t.Errorf("entries\n got %+v\nwant %+v", entries, wantEntries)
				}
				if len(problems) != len(wantProblems) {
					t.Fatalf("problems %+v", problems)
				}
				for i, p := range problems {
					if p.Line != wantProblems[i].line || p.Code != wantProblems[i].code {
						t.Errorf("problem %d: %+v, want %+v", i, p, wantProblems[i])
					}
				}
			})
		}
	}
}

func TestFormatDetection(t *testing.T) {
	tests := []struct {
		name, roster, format string
		users                []string
	}{
		{"JSONL after blank lines and spaces", "\n  \n \t{\"upn\":\"a@b.co\"}\n", "", []string{"a@b.co"}},
		{"CSV", "upn\na@b.co\n", "", []string{"a@b.co"}},
		{"CSV when told, even with a brace", "{\"upn\":\"a@b.co\"}\nc@d.co\n", "csv", []string{"c@d.co"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, _ := read(t, []byte(tt.roster), tt.format)
			var users []string
			for _, e := range entries {
				users = append(users, e.User)
			}
			if !reflect.DeepEqual(users, tt.users) {
				t.Errorf("users %q, want %q", users, tt.users)
			}
		})
	}
}
