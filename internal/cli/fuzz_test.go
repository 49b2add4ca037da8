package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// documentedCode fails unless err carries a code from the one exit table.
func documentedCode(t *testing.T, err error) string {
	t.Helper()
	var c coder
	if !errors.As(err, &c) {
		t.Fatalf("an error without a code: %v", err)
	}
	if _, ok := exitCodes[c.ErrorCode()]; !ok {
		t.Fatalf("undocumented code %q: %v", c.ErrorCode(), err)
	}
	return c.ErrorCode()
}

// FuzzParseSubmitInput feeds submit's input: a document it accepts becomes exactly
// Graph's POST body (displayName and publicKeyCredential with id, response and an empty
// clientExtensionResults, nothing else) that reads back the same; one it refuses gets a
// documented code.
func FuzzParseSubmitInput(f *testing.F) {
	f.Add([]byte(`{"schemaVersion":1,"userId":"adele@contoso.example","displayName":"Key","publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}},"key":{"aaguid":"x","virtual":true}}`))
	f.Add([]byte(`{"displayName":7,"publicKeyCredential":{}}`))
	f.Add([]byte(`{"publicKeyCredential":{"id":"AQI1","response":{"clientDataJSON":"e30","attestationObject":"oA"},"type":"public-key"}}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, body, err := parseSubmitInput(data, "")
		if err != nil {
			documentedCode(t, err)
			return
		}
		if in == nil || body == nil {
			t.Fatal("accepted without a document")
		}
		out, err := json.Marshal(body)
		if err != nil {
			t.Fatalf("the accepted body does not encode: %v", err)
		}
		var shape map[string]map[string]json.RawMessage
		var top map[string]json.RawMessage
		if json.Unmarshal(out, &top) != nil || len(top) != 2 || top["displayName"] == nil || top["publicKeyCredential"] == nil {
			t.Fatalf("body %s is not exactly displayName and publicKeyCredential", out)
		}
		_ = json.Unmarshal(out, &shape)
		pk := shape["publicKeyCredential"]
		if len(pk) != 3 || pk["id"] == nil || pk["response"] == nil || string(pk["clientExtensionResults"]) != "{}" {
			t.Fatalf("publicKeyCredential %s has other fields", out)
		}
		again, err := webauthn.ParseRegistrationBody(out)
		if err != nil {
			t.Fatalf("the body Graph would get does not read back: %v", err)
		}
		if again.DisplayName != body.DisplayName || !bytes.Equal(again.PublicKeyCredential.ID, body.PublicKeyCredential.ID) ||
			!bytes.Equal(again.PublicKeyCredential.Response.AttestationObject, body.PublicKeyCredential.Response.AttestationObject) {
			t.Fatal("the body reads back different")
		}
		if in.UserID != "" && graph.CheckUser(in.UserID) == nil && strings.ContainsFunc(in.UserID, unicode.IsControl) {
			t.Fatalf("a userId with control characters passes the check: %q", in.UserID)
		}
	})
}

// FuzzPINFile feeds a PIN file's content through what make-credential does with it: a
// PIN that reaches the key is UTF-8 in NFC, without control characters or surrounding
// spaces, 4 characters to 63 bytes; anything else is refused with a documented code and
// a message that does not quote it.
func FuzzPINFile(f *testing.F) {
	f.Add([]byte("48151623\n"))
	f.Add([]byte("\xef\xbb\xbf48151623\r\n"))
	f.Add([]byte("\xff\xfe4\x008\x001\x005\x00"))
	f.Add([]byte("\xfe\xff\x004\x008\x001\x005"))
	f.Add([]byte("48151623 \n"))
	f.Add([]byte("cafe\u0301\n"))
	f.Add([]byte("12\x0034\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		line, err := pinFileLine(data, "pin.txt")
		if err == nil {
			var pin string
			p, perr := enteredPIN(line, "the PIN file")
			if perr != nil {
				err = perr
			} else {
				pin = p.Reveal()
				switch {
				case !utf8.ValidString(pin) || !norm.NFC.IsNormalString(pin):
					t.Fatalf("PIN %q is not NFC UTF-8", pin)
				case strings.ContainsFunc(pin, unicode.IsControl) || strings.TrimSpace(pin) != pin:
					t.Fatalf("PIN %q has control characters or spaces around it", pin)
				case utf8.RuneCountInString(pin) < 4 || len(pin) > 63:
					t.Fatalf("PIN %q is outside 4 characters to 63 bytes", pin)
				}
				return
			}
		}
		documentedCode(t, err)
		if len(line) >= 4 && strings.Contains(err.Error(), line) {
			t.Fatalf("the error quotes the PIN: %v", err)
		}
	})
}

// FuzzReadyFile feeds the emulator's ready file: one that is accepted points at
// loopback addresses only; anything else gets a documented code.
func FuzzReadyFile(f *testing.F) {
	f.Add([]byte(`{"schemaVersion":1,"graphUrl":"https://127.0.0.1:8443","authority":"https://127.0.0.1:8443/contoso.example","caFile":"/tmp/ca.pem","clientId":"x","pid":1}`))
	f.Add([]byte(`{"graphUrl":"https://127.evil.example","authority":"https://127.0.0.1/t"}`))
	f.Add([]byte(`{"graphUrl":"https://[::1]:1","authority":"https://localhost/t"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := parseReadyFile(data, "ready.json")
		if err != nil {
			documentedCode(t, err)
			return
		}
		if !graph.IsLoopbackURL(info.GraphURL) || !graph.IsLoopbackURL(info.Authority) {
			t.Fatalf("accepted a ready file pointing off loopback: %s %s", info.GraphURL, info.Authority)
		}
	})
}
