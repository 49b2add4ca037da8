package inventory

import (
	"encoding/csv"
	"io"
	"unicode/utf8"
)

// csvWriter writes RFC 4180 quoting with a header row, every cell safe to open in a
// spreadsheet.
type csvWriter struct {
	w      *csv.Writer
	header bool
	row    []string
}

// newCSV ends lines with \n, not RFC 4180's \r\n: encoding/csv's UseCRLF drops a
// lone \r inside a value, and every reader (Excel, Import-Csv) takes \n.
func newCSV(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

func (w *csvWriter) Write(r *Record) error {
	if r == nil {
		return errNilRecord
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.row = r.cells(w.row)
	for i, c := range w.row {
		w.row[i] = defang(c)
	}
	return outputFailed(w.w.Write(w.row))
}

func (w *csvWriter) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	return outputFailed(w.w.Write(columns))
}

func (w *csvWriter) Flush() error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.w.Flush()
	return outputFailed(w.w.Error())
}

// defang keeps a spreadsheet from reading a cell as a formula (OWASP's CSV injection
// advice): a cell that starts with =, +, -, @, a tab or a carriage return, or with
// the full-width =, +, - or @ that some spreadsheets also take, gets a leading
// apostrophe. UPNs, display names and error messages come from outside.
func defang(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	switch r, _ := utf8.DecodeRuneInString(s); r {
	case '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}
