package inventory

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// FuzzCSVCell: whatever a UPN or display name holds, the CSV parses back (RFC 4180)
// to one header and one row of every column, each cell the value itself or, for a
// value a spreadsheet would take as a formula, the value after an apostrophe.
func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{"=1+1", "adele@contoso.com", "a,b\"c\nd", "\r\n", "＋1", "-", ""} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, upn, name string) {
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, "csv")
		if err := w.Write(&Record{UserPrincipalName: upn, DisplayName: name}); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(rows) != 2 || len(rows[1]) != len(columns) {
			t.Fatalf("rows %q, %v", rows, err)
		}
		for _, c := range []struct{ in, got string }{{upn, rows[1][0]}, {name, rows[1][slices.Index(columns, "displayName")]}} {
			want := c.in
			if defang(c.in) != c.in {
				want = "'" + c.in
			}
			// encoding/csv reads a \r\n inside a quoted field as \n.
			if strings.ReplaceAll(want, "\r\n", "\n") != c.got && want != c.got {
				t.Fatalf("%q reads back as %q", c.in, c.got)
			}
			if c.got != "" && strings.ContainsRune("=+-@\t\r", rune(c.got[0])) {
				t.Fatalf("%q reads back as a formula: %q", c.in, c.got)
			}
		}
	})
}
