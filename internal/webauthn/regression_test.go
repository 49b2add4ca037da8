// Regression tests for bugs found by review: value-wrapper unwrapping, rp.id case,
// type errors naming their field, and trailing data after a POST body.

package webauthn

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestRegressionOptionsErrors: a document or publicKey of the wrong JSON type gives a
// message dumping a Go struct type, and publicKey's own type error has no field.
func TestRegressionOptionsErrors(t *testing.T) {
	tests := []struct {
		input     string
		wantField string
	}{
		{`[{"publicKey":{}}]`, ""},
		{`"publicKey"`, ""},
		{`42`, ""},
		{`{"publicKey":5}`, "publicKey"},
		{`{"publicKey":[]}`, "publicKey"},
		{`{"value":{"publicKey":"x"}}`, "publicKey"},
	}
	for _, tt := range tests {
		_, err := ParseCreationOptions([]byte(tt.input))
		if got := errCode(err); got != "invalid_json" {
			t.Errorf("%s: code = %q, want invalid_json", tt.input, got)
		}
		if got := errField(err); got != tt.wantField {
			t.Errorf("%s: field = %q, want %q", tt.input, got, tt.wantField)
		}
		if msg := err.Error(); strings.Contains(msg, "struct {") || strings.Contains(msg, "webauthn.") {
			t.Errorf("%s: message exposes Go types: %q", tt.input, msg)
		}
	}
}

// TestRegressionRPIDFolding: rp.id is compared with strings.EqualFold, which folds
// U+017F (long s) to 's' and the Kelvin sign to 'k'; and the accepted spelling, not
// Entra's, goes into the origin and the key's rpIdHash.
func TestRegressionRPIDFolding(t *testing.T) {
	tests := []struct {
		rpID     string
		wantCode string
		wantID   string
	}{
		{"login.micro\u017Foft.com", "unsupported_rp", ""},
		{"login.microsoftonline.u\u017F", "unsupported_rp", ""},
		{"Login.Microsoft.COM", "", "login.microsoft.com"},
		{"LOGIN.MICROSOFTONLINE.US", "", "login.microsoftonline.us"},
	}
	for _, tt := range tests {
		raw := mutateFixture(t, func(_, pk map[string]any) { sub(pk, "rp")["id"] = tt.rpID })
		opts, err := ParseCreationOptions(raw)
		if got := errCode(err); got != tt.wantCode {
			t.Errorf("%q: code = %q, want %q", tt.rpID, got, tt.wantCode)
			continue
		}
		if err == nil && opts.PublicKey.RP.ID != tt.wantID {
			t.Errorf("%q: rp.id = %q, want Entra's spelling %q", tt.rpID, opts.PublicKey.RP.ID, tt.wantID)
		}
		if err == nil {
			if cd := string(ClientDataJSON(opts.PublicKey.Challenge, opts.PublicKey.RP.ID)); !strings.Contains(cd, `"origin":"https://`+tt.wantID+`"`) {
				t.Errorf("%q: clientDataJSON origin is not https://%s", tt.rpID, tt.wantID)
			}
		}
	}
}

// TestRegressionValueNesting: "value" is unwrapped by recursion on every level, each
// re-reading the rest: 10 000 levels (100 KB, under MaxOptionsSize) take seconds, and
// a doubly wrapped document, which Graph never sends, is accepted.
func TestRegressionValueNesting(t *testing.T) {
	twice := `{"value":{"value":` + string(readFixture(t, "graph_v1.json")) + `}}`
	if _, err := ParseCreationOptions([]byte(twice)); errCode(err) != "invalid_options" || errField(err) != "publicKey" {
		t.Errorf("doubly wrapped options: got %v, want invalid_options at publicKey", err)
	}
	const depth = 9990 // encoding/json refuses more than 10 000 levels
	in := strings.Repeat(`{"value":`, depth) + "{}" + strings.Repeat("}", depth)
	start := time.Now()
	_, err := ParseCreationOptions([]byte(in))
	if got := errCode(err); got != "invalid_options" {
		t.Fatalf("code = %q, want invalid_options (%v)", got, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v for %d bytes: parsing is quadratic in the nesting", d, len(in))
	}
}

// TestRegressionBodyTrailingData: ParseRegistrationBody decodes the first JSON value
// and ignores whatever follows it.
func TestRegressionBodyTrailingData(t *testing.T) {
	for _, tail := range []string{" garbage", `{"displayName":"b"}`, "]"} {
		in := validBodyJSON + tail
		if _, err := ParseRegistrationBody([]byte(in)); errCode(err) != "invalid_body" {
			t.Errorf("body followed by %q: got %v, want invalid_body", tail, err)
		}
	}
	if _, err := ParseRegistrationBody([]byte(validBodyJSON + "\n\t ")); err != nil {
		t.Errorf("trailing whitespace must stay accepted: %v", err)
	}
}

// TestRegressionBodyIDNeverGuessesPadding: a credential id whose base64url happens to end
// in a digit that could count stripped padding must read back unchanged (the lenient
// reading of Graph's ids corrupted about one in 256 of our own POST bodies).
func TestRegressionBodyIDNeverGuessesPadding(t *testing.T) {
	found := 0
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 1<<16 && found < 20; i++ {
		id := make([]byte, 16+i%48)
		for j := range id {
			id[j] = byte(rng.Uint32())
		}
		enc := string(mustJSON(t, URLBytes(id)))
		enc = enc[1 : len(enc)-1]
		if _, ok := dotnetReading(enc); !ok {
			continue // not one the padding guess gets wrong
		}
		found++
		body := `{"displayName":"k","publicKeyCredential":{"id":"` + enc + `","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`
		b, err := ParseRegistrationBody([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if string(b.PublicKeyCredential.ID) != string(id) {
			t.Fatalf("id %s read back as %x, want %x", enc, []byte(b.PublicKeyCredential.ID), id)
		}
	}
	if found == 0 {
		t.Fatal("no ambiguous id generated: the test is broken")
	}
}

func mustJSON(t *testing.T, v interface{ MarshalJSON() ([]byte, error) }) []byte {
	t.Helper()
	b, err := v.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
