package roster

import (
	"strings"
	"unicode"
)

// validUser reports whether s can name an Entra user: an object id (a GUID) or a
// userPrincipalName (one @, a name before it, a domain of dot-separated labels after
// it), without spaces, control or format characters.
func validUser(s string) bool {
	if isGUID(s) {
		return true
	}
	if strings.ContainsFunc(s, badRune) || strings.ContainsAny(s, "\"(),:;<>[\\]/") {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, label := range labels {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// badRune is a rune no user, display name or serial holds: a control or format
// character (bidirectional overrides, zero-width spaces) or a space.
func badRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) || r == '\uFFFD'
}

// badTextRune is badRune for free text, where spaces are fine.
func badTextRune(r rune) bool {
	return r != ' ' && badRune(r)
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// field is a roster column the entry keeps.
type field int

const (
	fieldUser field = iota
	fieldDisplayName
	fieldSerial
	fieldNotes
	fieldCount
)

// names are the header names (normalized) of each field, the preferred first: when a
// file has several (Entra's user export has userPrincipalName, mail and objectId), the
// first present wins. The user's UPN or object id come before mail, which need not be
// either; a method display name before displayName, which in an export is the user's.
var names = [fieldCount][]string{
	fieldUser:        {"userprincipalname", "upn", "objectid", "id", "user", "email", "emailaddress", "mail"},
	fieldDisplayName: {"methoddisplayname", "displayname"},
	fieldSerial:      {"serialnumber", "serial"},
	fieldNotes:       {"notes", "note"},
}

// normalize is a column name as matched: lower case, without spaces, underscores or
// hyphens.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' || r == '\uFEFF' {
			return -1
		}
		return unicode.ToLower(r)
	}, strings.TrimSpace(s))
}

// rank is name's field and its preference (0 first), or ok false for a name no field has.
func rank(name string) (f field, pref int, ok bool) {
	for f := range fieldCount {
		for i, n := range names[f] {
			if n == name {
				return f, i, true
			}
		}
	}
	return 0, 0, false
}

// columns maps each field to its position in a record, -1 when absent.
type columns [fieldCount]int

// headerColumns reads a first record as a header: ok when it names a user column.
func headerColumns(record []string) (columns, bool) {
	cols := columns{-1, -1, -1, -1}
	best := [fieldCount]int{}
	for i, name := range record {
		f, pref, ok := rank(normalize(name))
		if !ok {
			continue
		}
		if cols[f] < 0 || pref < best[f] {
			cols[f], best[f] = i, pref
		}
	}
	return cols, cols[fieldUser] >= 0
}
