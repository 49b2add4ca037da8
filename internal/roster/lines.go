package roster

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Limits: a roster is a file an operator prepared, not a stream without end.
const (
	// MaxLine is the longest line, in bytes of UTF-8, and the longest record a quoted
	// field spreads over several lines.
	MaxLine = 64 << 10
	// MaxRows is the most rows (entries and bad rows) a roster holds.
	MaxRows = 200_000
	// MaxBytes bounds the whole roster, blank lines included.
	MaxBytes = 256 << 20
)

var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

// decode returns r as UTF-8: a UTF-8 byte-order mark is dropped and UTF-16 with a
// byte-order mark is transcoded. Anything else is read as UTF-8 and checked line by
// line (lines.next).
func decode(r io.Reader) (_ io.Reader, utf16 bool, _ error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, false, readFailed(err)
	}
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
		return br, false, nil
	case bytes.HasPrefix(head, bomUTF16LE):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), true, nil
	case bytes.HasPrefix(head, bomUTF16BE):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), true, nil
	}
	return br, false, nil
}

func readFailed(err error) *Error {
	return &Error{Code: "input_failed", Message: fmt.Sprintf("reading the roster: %v", err), Err: err}
}

// line is one physical line of the decoded roster, without its terminator.
type line struct {
	no   int
	text []byte
}

// lines reads a decoded roster line by line, enforcing the limits and the encoding,
// and takes lines back (unread) so a record that went wrong can be read again.
type lines struct {
	br *bufio.Reader
	// utf16 says the roster was UTF-16, where the decoder marks what it cannot
	// decode (a lone surrogate, an odd last byte) with U+FFFD.
	utf16 bool
	n     int
	total int64
	back  []line
}

func newLines(r io.Reader, utf16 bool) *lines {
	// Room for the longest line and its CRLF.
	return &lines{br: bufio.NewReaderSize(r, MaxLine+2), utf16: utf16}
}

// next returns the next line, or io.EOF.
func (l *lines) next() (line, error) {
	if len(l.back) > 0 {
		ln := l.back[0]
		l.back = l.back[1:]
		return ln, nil
	}
	b, err := l.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		hint := "a roster has one user a line"
		if bytes.IndexByte(b, '\r') >= 0 {
			hint = "the file seems to end its lines with CR alone (old Mac format): save it as CSV UTF-8"
		}
		return line{}, lineError("roster_too_large", l.n+1, hint, "the line is longer than %d bytes", MaxLine)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return line{}, readFailed(err)
	}
	if len(b) == 0 {
		return line{}, io.EOF
	}
	l.n++
	l.total += int64(len(b))
	if l.total > MaxBytes {
		return line{}, lineError("roster_too_large", l.n, "split the rollout into several rosters", "the roster is larger than %d MiB", MaxBytes>>20)
	}
	text := bytes.TrimSuffix(b, []byte("\n"))
	text = bytes.TrimSuffix(text, []byte("\r"))
	if l.n == 1 {
		text = bytes.TrimPrefix(text, bomUTF8) // a second mark, after UTF-16's
	}
	if len(text) > MaxLine {
		return line{}, lineError("roster_too_large", l.n, "a roster has one user a line", "the line is longer than %d bytes", MaxLine)
	}
	if bytes.IndexByte(text, 0) >= 0 {
		return line{}, lineError("roster_encoding", l.n, encodingHint, "the line holds NUL bytes: the file is not UTF-8 text (UTF-16 without a byte-order mark?)")
	}
	if !utf8.Valid(text) {
		return line{}, lineError("roster_encoding", l.n, encodingHint, "the line is not UTF-8 (a file saved in a Windows code page?)")
	}
	if l.utf16 && bytes.ContainsRune(text, utf8.RuneError) {
		return line{}, lineError("roster_encoding", l.n, encodingHint, "the line is not valid UTF-16")
	}
	return line{no: l.n, text: bytes.Clone(text)}, nil
}

// unread puts lines back, to be returned by next before anything else.
func (l *lines) unread(ls ...line) {
	l.back = append(append([]line{}, ls...), l.back...)
}

// firstText returns the first line with something other than spaces, put back so that
// it is read again (the blank lines before it are not: they are skipped anyway);
// io.EOF when there is none.
func (l *lines) firstText() (line, error) {
	for {
		ln, err := l.next()
		if err != nil {
			return line{}, err
		}
		if len(bytes.TrimSpace(ln.text)) > 0 {
			l.unread(ln)
			return ln, nil
		}
	}
}
