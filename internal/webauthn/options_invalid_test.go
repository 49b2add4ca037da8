package webauthn

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// mutateFixture returns graph_v1.json changed by f, which gets the document and its
// publicKey object.
func mutateFixture(t testing.TB, f func(doc, pk map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(readFixture(t, "graph_v1.json"), &doc); err != nil {
		t.Fatal(err)
	}
	f(doc, doc["publicKey"].(map[string]any))
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func errCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func errField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

func sub(pk map[string]any, key string) map[string]any { return pk[key].(map[string]any) }

func TestParseCreationOptionsInvalid(t *testing.T) {
	userID := func(n int) string { return base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{7}, n)) }
	m := func(f func(doc, pk map[string]any)) func(t *testing.T) []byte {
		return func(t *testing.T) []byte { return mutateFixture(t, f) }
	}
	raw := func(s string) func(t *testing.T) []byte { return func(*testing.T) []byte { return []byte(s) } }
	tests := []struct {
		name      string
		input     func(t *testing.T) []byte
		wantCode  string
		wantField string
	}{
		{"empty input", raw(""), "invalid_json", ""},
		{"only whitespace", raw(" \n\t "), "invalid_json", ""},
		{"not JSON", raw("rp: login.microsoft.com"), "invalid_json", ""},
		{"truncated JSON", func(t *testing.T) []byte { b := readFixture(t, "graph_v1.json"); return b[:len(b)/2] }, "invalid_json", ""},
		{"trailing garbage", func(t *testing.T) []byte { return append(readFixture(t, "graph_v1.json"), "x"...) }, "invalid_json", ""},
		{"a JSON array", raw(`[{"publicKey":{}}]`), "invalid_json", ""},
		{"a JSON string", raw(`"publicKey"`), "invalid_json", ""},
		{"user.id a number", m(func(_, pk map[string]any) { sub(pk, "user")["id"] = 5 }), "invalid_json", "publicKey.user.id"},
		{"pubKeyCredParams an object", m(func(_, pk map[string]any) { pk["pubKeyCredParams"] = map[string]any{"type": "public-key", "alg": -7} }), "invalid_json", "publicKey.pubKeyCredParams"},
		{"alg a string", m(func(_, pk map[string]any) {
			pk["pubKeyCredParams"] = []any{map[string]any{"type": "public-key", "alg": "-7"}}
		}), "invalid_json", "publicKey.pubKeyCredParams.alg"},
		{"rp a string", m(func(_, pk map[string]any) { pk["rp"] = "login.microsoft.com" }), "invalid_json", "publicKey.rp"},
		{"timeout a string", m(func(_, pk map[string]any) { pk["timeout"] = "60000" }), "invalid_json", "publicKey.timeout"},
		{"requireResidentKey a string", m(func(_, pk map[string]any) { sub(pk, "authenticatorSelection")["requireResidentKey"] = "true" }), "invalid_json", "publicKey.authenticatorSelection.requireResidentKey"},
		{"hmacCreateSecret a number", m(func(_, pk map[string]any) { sub(pk, "extensions")["hmacCreateSecret"] = 1 }), "invalid_json", "publicKey.extensions.hmacCreateSecret"},
		{"excludeCredentials an object", m(func(_, pk map[string]any) { pk["excludeCredentials"] = map[string]any{} }), "invalid_json", "publicKey.excludeCredentials"},
		{"challengeTimeoutDateTime a number", m(func(doc, _ map[string]any) { doc["challengeTimeoutDateTime"] = 1718277995 }), "invalid_json", "challengeTimeoutDateTime"},
		{"challengeTimeoutDateTime not a date", m(func(doc, _ map[string]any) { doc["challengeTimeoutDateTime"] = "tomorrow" }), "invalid_options", "challengeTimeoutDateTime"},
		{"challengeTimeoutDateTime without zone", m(func(doc, _ map[string]any) { doc["challengeTimeoutDateTime"] = "2024-06-13T11:26:35" }), "invalid_options", "challengeTimeoutDateTime"},
		{"challengeTimeoutDateTime empty", m(func(doc, _ map[string]any) { doc["challengeTimeoutDateTime"] = "" }), "invalid_options", "challengeTimeoutDateTime"},
		{"no publicKey", raw(`{"@odata.context":"x","challengeTimeoutDateTime":"2024-06-13T11:26:35Z"}`), "invalid_options", "publicKey"},
		{"publicKey null", raw(`{"publicKey":null}`), "invalid_options", "publicKey"},
		{"JSON null", raw(`null`), "invalid_options", "publicKey"},
		{"empty value wrapper", raw(`{"value":{}}`), "invalid_options", "publicKey"},
		{"value not an object", raw(`{"value":[1]}`), "invalid_options", "publicKey"},
		{"no challenge", m(func(_, pk map[string]any) { delete(pk, "challenge") }), "invalid_options", "publicKey.challenge"},
		{"challenge with '+'", m(func(_, pk map[string]any) { pk["challenge"] = "ab+cd" }), "invalid_options", "publicKey.challenge"},
		{"challenge with padding", m(func(_, pk map[string]any) { pk["challenge"] = "YWJjZA==" }), "invalid_options", "publicKey.challenge"},
		{"challenge with a quote", m(func(_, pk map[string]any) { pk["challenge"] = `ab"cd` }), "invalid_options", "publicKey.challenge"},
		{"challenge with a space", m(func(_, pk map[string]any) { pk["challenge"] = "ab cd" }), "invalid_options", "publicKey.challenge"},
		{"challenge non-ASCII", m(func(_, pk map[string]any) { pk["challenge"] = "abcdé" }), "invalid_options", "publicKey.challenge"},
		{"no rp", m(func(_, pk map[string]any) { delete(pk, "rp") }), "invalid_options", "publicKey.rp.id"},
		{"no rp.id", m(func(_, pk map[string]any) { delete(sub(pk, "rp"), "id") }), "invalid_options", "publicKey.rp.id"},
		{"no user.id", m(func(_, pk map[string]any) { delete(sub(pk, "user"), "id") }), "invalid_options", "publicKey.user.id"},
		{"empty user.id", m(func(_, pk map[string]any) { sub(pk, "user")["id"] = "" }), "invalid_options", "publicKey.user.id"},
		{"user.id 65 bytes", m(func(_, pk map[string]any) { sub(pk, "user")["id"] = userID(65) }), "invalid_options", "publicKey.user.id"},
		// A base64 error surfaces from inside encoding/json, which does not tell
		// URLBytes the path: the code is right, the field stays empty.
		{"user.id not base64", m(func(_, pk map[string]any) { sub(pk, "user")["id"] = "!!!!" }), "invalid_options", ""},
		{"no user.name", m(func(_, pk map[string]any) { delete(sub(pk, "user"), "name") }), "invalid_options", "publicKey.user.name"},
		{"no pubKeyCredParams", m(func(_, pk map[string]any) { delete(pk, "pubKeyCredParams") }), "invalid_options", "publicKey.pubKeyCredParams"},
		{"empty pubKeyCredParams", m(func(_, pk map[string]any) { pk["pubKeyCredParams"] = []any{} }), "invalid_options", "publicKey.pubKeyCredParams"},
		{"no public-key type", m(func(_, pk map[string]any) {
			pk["pubKeyCredParams"] = []any{map[string]any{"type": "password", "alg": -7}}
		}), "invalid_options", "publicKey.pubKeyCredParams"},
		{"rp.id evil.example", m(func(_, pk map[string]any) { sub(pk, "rp")["id"] = "evil.example" }), "unsupported_rp", "publicKey.rp.id"},
		{"rp.id a subdomain", m(func(_, pk map[string]any) { sub(pk, "rp")["id"] = "evil.login.microsoft.com" }), "unsupported_rp", "publicKey.rp.id"},
		{"rp.id with a port", m(func(_, pk map[string]any) { sub(pk, "rp")["id"] = "login.microsoft.com:443" }), "unsupported_rp", "publicKey.rp.id"},
		{"rp.id synthetic docs value", m(func(_, pk map[string]any) { sub(pk, "rp")["id"] = "login.microsoftonline.com" }), "unsupported_rp", "publicKey.rp.id"},
		{"unknown credentialProtectionPolicy", m(func(_, pk map[string]any) { sub(pk, "extensions")["credentialProtectionPolicy"] = "always" }), "invalid_options", "publicKey.extensions.credentialProtectionPolicy"},
		{"excludeCredentials id missing", m(func(_, pk map[string]any) {
			pk["excludeCredentials"] = append(pk["excludeCredentials"].([]any), map[string]any{"type": "public-key"})
		}), "invalid_options", "publicKey.excludeCredentials[1].id"},
		{"excludeCredentials id empty", m(func(_, pk map[string]any) {
			pk["excludeCredentials"] = []any{map[string]any{"type": "public-key", "id": ""}}
		}), "invalid_options", "publicKey.excludeCredentials[0].id"},
		{"input over 1 MiB", func(t *testing.T) []byte {
			return append(readFixture(t, "graph_v1.json"), bytes.Repeat([]byte(" "), MaxOptionsSize)...)
		}, "input_too_large", ""},
		// Regression (security review 16): the credential must fit submit's 1 MiB input.
		{"1025 excludeCredentials", m(func(_, pk map[string]any) {
			var list []any
			for range 1025 {
				list = append(list, map[string]any{"type": "public-key", "id": "AAEC"})
			}
			pk["excludeCredentials"] = list
		}), "invalid_options", "publicKey.excludeCredentials"},
		{"challenge of 900 KB", m(func(_, pk map[string]any) { pk["challenge"] = strings.Repeat("A", 900_000) }), "invalid_options", "publicKey.challenge"},
		{"challenge of 1 MiB", m(func(_, pk map[string]any) { pk["challenge"] = strings.Repeat("A", MaxOptionsSize) }), "input_too_large", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := ParseCreationOptions(tt.input(t))
			if err == nil {
				t.Fatalf("got options %+v, want error %s", opts.PublicKey.RP, tt.wantCode)
			}
			if got := errCode(err); got != tt.wantCode {
				t.Errorf("code = %q, want %q (%v)", got, tt.wantCode, err)
			}
			if got := errField(err); got != tt.wantField {
				t.Errorf("field = %q, want %q (%v)", got, tt.wantField, err)
			}
			var hinted interface{ ErrorHint() string }
			if !errors.As(err, &hinted) || hinted.ErrorHint() == "" {
				t.Errorf("no hint for %q", tt.wantCode)
			}
		})
	}
}

func TestParseCreationOptionsBoundaries(t *testing.T) {
	tests := []struct {
		name  string
		input func(t *testing.T) []byte
	}{
		{"user.id of 64 bytes", func(t *testing.T) []byte {
			return mutateFixture(t, func(_, pk map[string]any) {
				sub(pk, "user")["id"] = base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{7}, 64))
			})
		}},
		{"exactly MaxOptionsSize bytes", func(t *testing.T) []byte {
			b := readFixture(t, "graph_v1.json")
			return append(b, bytes.Repeat([]byte("\n"), MaxOptionsSize-len(b))...)
		}},
		{"no excludeCredentials", func(t *testing.T) []byte {
			return mutateFixture(t, func(_, pk map[string]any) { delete(pk, "excludeCredentials") })
		}},
		{"challengeTimeoutDateTime null", func(t *testing.T) []byte {
			return mutateFixture(t, func(doc, _ map[string]any) { doc["challengeTimeoutDateTime"] = nil })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := ParseCreationOptions(tt.input(t))
			if err != nil {
				t.Fatalf("ParseCreationOptions: %v", err)
			}
			if got, want := opts.PublicKey.RP.ID, "login.microsoft.com"; got != want {
				t.Errorf("rp.id = %q, want %q", got, want)
			}
		})
	}
}
