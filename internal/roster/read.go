package roster

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Entry is one user of the roster.
type Entry struct {
	// Line is the 1-based line the record starts on.
	Line int
	// User is the userPrincipalName or object id, as given (trimmed).
	User string
	// DisplayName is the optional method display name column.
	DisplayName string
	// Serial is the optional expected key serial.
	Serial string
	Notes  string
}

// Read reads a roster in format "csv", "jsonl" or "" (JSONL when the first character
// other than a space is '{', CSV otherwise). Bad rows are returned as problems, in line
// order, and never stop the read; blank rows are skipped. The error is for a roster
// that cannot be read at all (its encoding, its size, the reader failing); no entries
// are returned with it, so nothing is planned from part of a roster.
func Read(r io.Reader, format string) ([]Entry, []Problem, error) {
	switch format {
	case "", "csv", "jsonl":
	default:
		return nil, nil, &Error{Code: "invalid_format", Message: fmt.Sprintf("%s is not a roster format", quote(format)),
			Hint: "give csv or jsonl"}
	}
	dec, utf16, err := decode(r)
	if err != nil {
		return nil, nil, err
	}
	ls := newLines(dec, utf16)
	first, err := ls.firstText()
	if errors.Is(err, io.EOF) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if format == "" {
		format = "csv"
		if t := bytes.TrimLeft(first.text, " \t\v\f\r"); len(t) > 0 && t[0] == '{' {
			format = "jsonl"
		}
	}
	c := &collector{seen: map[string]int{}}
	if format == "jsonl" {
		err = readJSONL(ls, c)
	} else {
		err = readCSV(ls, first, c)
	}
	if err != nil {
		return nil, nil, err
	}
	return c.entries, c.problems, nil
}

// collector checks rows and keeps entries and problems.
type collector struct {
	entries  []Entry
	problems []Problem
	seen     map[string]int // lower-cased user -> line of its first entry
	rows     int
}

func (c *collector) problem(line int, code, format string, args ...any) error {
	c.problems = append(c.problems, Problem{Line: line, Code: code, Message: fmt.Sprintf(format, args...)})
	return c.count(line)
}

func (c *collector) count(line int) error {
	c.rows++
	if c.rows > MaxRows {
		return lineError("roster_too_large", line, "split the rollout into several rosters", "the roster has more than %d rows", MaxRows)
	}
	return nil
}

// add checks a row's fields (indexed by field) and keeps it as an entry or a problem.
func (c *collector) add(line int, values [fieldCount]string) error {
	blank := true
	for i := range values {
		values[i] = strings.TrimSpace(values[i])
		blank = blank && values[i] == ""
	}
	if blank {
		return nil
	}
	user := values[fieldUser]
	switch {
	case user == "":
		return c.problem(line, "empty_user", "the row names no user")
	case !validUser(user):
		return c.problem(line, "invalid_user", "%s is neither a userPrincipalName (name@domain) nor an object id", quote(user))
	case strings.ContainsFunc(values[fieldDisplayName], badTextRune):
		return c.problem(line, "invalid_field", "the display name %s holds control or format characters", quote(values[fieldDisplayName]))
	case strings.ContainsFunc(values[fieldSerial], badTextRune):
		return c.problem(line, "invalid_field", "the serial %s holds control or format characters", quote(values[fieldSerial]))
	}
	key := strings.ToLower(user)
	if firstLine, ok := c.seen[key]; ok {
		return c.problem(line, "duplicate_user", "%s is already on line %d (the first is kept)", quote(user), firstLine)
	}
	c.seen[key] = line
	c.entries = append(c.entries, Entry{Line: line, User: user, DisplayName: values[fieldDisplayName],
		Serial: values[fieldSerial], Notes: values[fieldNotes]})
	return c.count(line)
}
