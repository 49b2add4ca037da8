// Package redact removes known secrets from text bound for people: every form an echo
// can carry a secret in (raw, URL-encoded, JSON-escaped) becomes [redacted].
package redact

import (
	"encoding/json"
	"net/url"
	"strings"
)

// MinLength is the shortest secret redacted: shorter values would blank ordinary words.
const MinLength = 4

// String returns s with every form of each secret replaced by [redacted].
func String(s string, secrets []string) string {
	for _, secret := range secrets {
		if len(secret) < MinLength {
			continue
		}
		for _, form := range forms(secret) {
			s = strings.ReplaceAll(s, form, "[redacted]")
		}
	}
	return s
}

// forms are the spellings of secret an echo may carry: a token endpoint quoting a form
// body turns "+/=" into "%2B%2F%3D", a JSON body escapes quotes and backslashes.
func forms(secret string) []string {
	quoted, _ := json.Marshal(secret)
	return []string{secret, url.QueryEscape(secret), url.PathEscape(secret), string(quoted[1 : len(quoted)-1])}
}
