package redact

import (
	"strings"
	"testing"
)

func TestStringRedactsEveryForm(t *testing.T) {
	secret := `Ab+cd/ef=gh~"SE CRET\123`
	in := strings.Join([]string{secret, "client_secret=Ab%2Bcd%2Fef%3Dgh~%22SE+CRET%5C123",
		"path Ab+cd%2Fef=gh~%22SE%20CRET%5C123", `json "Ab+cd/ef=gh~\"SE CRET\\123"`}, " | ")
	out := String(in, []string{secret, "ab"})
	if strings.Contains(out, "CRET") || strings.Count(out, "[redacted]") != 4 {
		t.Errorf("String = %q", out)
	}
	if got := String("ab abc", []string{"ab"}); got != "ab abc" {
		t.Errorf("a 2-character secret blanked text: %q", got)
	}
}
