package pinout

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHandoverPath: any UPN's hand-over is a file directly in the directory, named
// with a-z 0-9 @ . _ - only, not starting with a dot, not a Windows device name, at
// most 255 bytes with its extensions, one character for each of a UPN's (long ones cut
// and told apart by a hash).
func FuzzHandoverPath(f *testing.F) {
	for _, s := range []string{"adele@contoso.com", "../x@y", "CON@x", "con.x@y", "jösé@例え.jp", "", "..", strings.Repeat("a", 300)} {
		f.Add(s)
	}
	h := &Handover{dir: "/pins"}
	f.Fuzz(func(t *testing.T, upn string) {
		path := h.Path(upn) + ".txt.age"
		name := filepath.Base(path)
		if filepath.Dir(path) != "/pins" || len(name) > 255 || name[0] == '.' {
			t.Fatalf("%q: path %q", upn, path)
		}
		if strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789@._-") != "" {
			t.Fatalf("%q: name %q", upn, name)
		}
		if reservedOnWindows(name) {
			t.Fatalf("%q: %q is a Windows device", upn, name)
		}
		// One character for each of the UPN's (and one more before a device name).
		if n := utf8.RuneCountInString(strings.ToLower(upn)); n > 0 && n < maxName-1 {
			if got := len(fileName(upn)); got != n && got != n+1 {
				t.Fatalf("%q: %q", upn, fileName(upn))
			}
		}
	})
}

// FuzzPINLine: a hand-over's first line is a PIN (text, 1 to 63 bytes, no control
// characters or surrounding spaces) or refused with a reason that does not quote it.
func FuzzPINLine(f *testing.F) {
	for _, s := range []string{"59173826\n", "59173826\r\nx", "", " 1234", "12\x0034", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pin, reason := pinLine(data)
		line, _, _ := strings.Cut(string(data), "\n")
		if reason != "" {
			if pin != "" || (len(line) >= 4 && strings.Contains(reason, line)) {
				t.Fatalf("%q: refused with %q and PIN %v", data, reason, pin != "")
			}
			return
		}
		p := pin.Reveal()
		if p != strings.TrimSuffix(line, "\r") || p == "" || len(p) > 63 || !utf8.ValidString(p) || strings.TrimSpace(p) != p {
			t.Fatalf("%q: PIN %q", data, p)
		}
	})
}
