package inventory

import (
	"bufio"
	"encoding/json"
	"io"
)

// jsonlWriter writes one compact JSON object a line.
type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newJSONL(w io.Writer) *jsonlWriter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false) // a report is data, not a page: <, > and & stay as they are
	return &jsonlWriter{bw: bw, enc: enc}
}

func (w *jsonlWriter) Write(r *Record) error {
	if r == nil {
		return errNilRecord
	}
	return outputFailed(w.enc.Encode(r.utc()))
}

func (w *jsonlWriter) Flush() error { return outputFailed(w.bw.Flush()) }
