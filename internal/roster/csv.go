package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// delimiter is the one of , ; and tab that the first line holds most of outside
// quotes (a comma when it holds none: a single column).
func delimiter(first []byte) byte {
	counts := map[byte]int{}
	quoted := false
	for _, c := range first {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// quoting is where a record is, byte by byte, as encoding/csv reads it (LazyQuotes
// off): what decides whether a line end ends the record.
type quoting uint8

const (
	atFieldStart quoting = iota
	inField              // a field without quotes; a quote in it is csv's to refuse
	inQuotes
	afterQuote // a quote inside quotes: the field's end, or the first of ""
)

// scan follows text from state and reports whether the record goes on after the line
// (a quoted field holds the line break).
func scan(state quoting, text []byte, delim byte) bool {
	for _, c := range text {
		switch state {
		case atFieldStart:
			switch c {
			case '"':
				state = inQuotes
			case delim:
			default:
				state = inField
			}
		case inField:
			if c == delim {
				state = atFieldStart
			}
		case inQuotes:
			if c == '"' {
				state = afterQuote
			}
		case afterQuote:
			switch c {
			case '"':
				state = inQuotes
			case delim:
				state = atFieldStart
			default:
				return false // csv refuses the record at this line
			}
		}
	}
	return state == inQuotes
}

// rawRecord is one record's lines, joined with \n as csv would read them.
type rawRecord struct {
	line int
	text []byte
	// open says the record's quoted field never closed (by the end of the roster or
	// within MaxLine): its first line is a bad row and the lines after it are read again.
	open bool
}

// nextRecord returns the next record of ls, or io.EOF.
func nextRecord(ls *lines, delim byte) (rawRecord, error) {
	first, err := ls.next()
	if err != nil {
		return rawRecord{}, err
	}
	rec := rawRecord{line: first.no, text: first.text}
	if !scan(atFieldStart, first.text, delim) {
		return rec, nil
	}
	var more []line
	for {
		ln, err := ls.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rawRecord{}, err
		}
		more = append(more, ln)
		if len(rec.text)+1+len(ln.text) > MaxLine {
			break
		}
		rec.text = append(lineEnd(rec.text), ln.text...)
		if !scan(inQuotes, ln.text, delim) {
			return rec, nil
		}
	}
	ls.unread(more...)
	return rawRecord{line: first.no, text: first.text, open: true}, nil
}

// lineEnd appends the line break csv reads as one: \n, or \r\n after a \r that
// belongs to the text (csv turns a final \r\n into \n).
func lineEnd(text []byte) []byte {
	if len(text) > 0 && text[len(text)-1] == '\r' {
		return append(text, '\r', '\n')
	}
	return append(text, '\n')
}

// recordSource serves one record at a time to a csv.Reader that reads them all.
type recordSource struct{ b []byte }

func (s *recordSource) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}

// csvParser parses records with encoding/csv, one csv.Reader for all of them while
// they parse.
type csvParser struct {
	delim byte
	src   recordSource
	r     *csv.Reader
}

func newCSVParser(delim byte) *csvParser {
	p := &csvParser{delim: delim}
	p.reset()
	return p
}

func (p *csvParser) reset() {
	p.src.b = nil
	p.r = csv.NewReader(&p.src)
	p.r.Comma = rune(p.delim)
	p.r.FieldsPerRecord = -1
}

// parse returns rec's fields, or the problem message for a record csv refuses.
func (p *csvParser) parse(rec rawRecord) ([]string, string) {
	if rec.open {
		return nil, fmt.Sprintf("a quoted field opens on this line and does not close within %d KiB or by the end of the roster", MaxLine>>10)
	}
	p.src.b = lineEnd(rec.text)
	fields, err := p.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, ""
	}
	if err == nil && len(p.src.b) == 0 {
		return fields, ""
	}
	// After a refusal (or, never expected, a record csv did not read to its end) the
	// reader starts afresh, and a fresh one gives the position within the record.
	p.reset()
	p.src.b = lineEnd(rec.text)
	_, err = p.r.Read()
	p.reset()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, fmt.Sprintf("%v (line %d, column %d)", pe.Err, rec.line+pe.Line-1, pe.Column)
	}
	return nil, "the row cannot be read as CSV"
}

// readCSV reads the CSV records of ls into c; first is the first line with text.
func readCSV(ls *lines, first line, c *collector) error {
	p := newCSVParser(delimiter(first.text))
	header := true
	cols := columns{0, -1, -1, -1}
	for {
		rec, err := nextRecord(ls, p.delim)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(rec.text)) == 0 {
			continue
		}
		fields, bad := p.parse(rec)
		if bad != "" {
			header = false
			if err := c.problem(rec.line, "bad_row", "%s", bad); err != nil {
				return err
			}
			continue
		}
		if header {
			header = false
			if hc, ok := headerColumns(fields); ok {
				cols = hc
				continue
			}
		}
		var values [fieldCount]string
		for f, i := range cols {
			if i >= 0 && i < len(fields) {
				values[f] = fields[i]
			}
		}
		if err := c.add(rec.line, values); err != nil {
			return err
		}
	}
}
