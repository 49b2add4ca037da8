package roster

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// readJSONL reads one JSON object a line into c.
func readJSONL(ls *lines, c *collector) error {
	for {
		ln, err := ls.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(ln.text)) == 0 {
			continue
		}
		values, bad := parseObject(ln.text)
		if bad != "" {
			if err := c.problem(ln.no, "bad_row", "%s", bad); err != nil {
				return err
			}
			continue
		}
		if err := c.add(ln.no, values); err != nil {
			return err
		}
	}
}

// parseObject reads a line's object: keys matched like CSV headers (case, spaces and
// underscores ignored), strings, numbers and null as values, other keys ignored. Of
// several names for one field (userPrincipalName and mail) the preferred wins, as in
// CSV; one name given twice (upn and UPN) is refused rather than guessed.
func parseObject(text []byte) (values [fieldCount]string, bad string) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return values, "the line is not a JSON object"
	}
	var (
		pref  = [fieldCount]int{}
		found = [fieldCount]bool{}
		keys  = map[string]bool{}
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return values, jsonProblem(err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return values, jsonProblem(err)
		}
		name := normalize(key)
		f, p, known := rank(name)
		if !known {
			continue
		}
		if keys[name] {
			return values, fmt.Sprintf("the key %s is given twice", quote(key))
		}
		keys[name] = true
		value, ok := scalar(raw)
		if !ok {
			return values, fmt.Sprintf("the value of %s is not a string", quote(key))
		}
		if found[f] && pref[f] <= p {
			continue
		}
		values[f], pref[f], found[f] = value, p, true
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return values, jsonProblem(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return values, "the line holds more than one JSON value"
	}
	return values, ""
}

// scalar is a JSON string, number or null as text.
func scalar(raw json.RawMessage) (string, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case nil:
		return "", true
	}
	return "", false
}

// jsonProblem says what is wrong with a line's JSON without quoting it.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("the line is not valid JSON (%v, at byte %d)", se, se.Offset)
	}
	return "the line is not a complete JSON object"
}
