package inventory

import (
	"fmt"
	"io"
	"strconv"
)

// Writer writes records one after the other; Flush writes what is buffered (and, for
// CSV, the header when no record came).
type Writer interface {
	Write(*Record) error
	Flush() error
}

// NewWriter returns a writer of format "jsonl" or "csv" to w.
func NewWriter(w io.Writer, format string) (Writer, error) {
	switch format {
	case "jsonl":
		return newJSONL(w), nil
	case "csv":
		return newCSV(w), nil
	}
	return nil, &Error{Code: "invalid_format", Message: fmt.Sprintf("%s is not an inventory format", strconv.Quote(format)),
		Hint: "give jsonl or csv"}
}
