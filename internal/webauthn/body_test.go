package webauthn

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// validBodyJSON is a POST body as Graph takes it: id 0xfbff, clientDataJSON "{}",
// attestationObject the empty CBOR map.
const validBodyJSON = `{"displayName":"Key","publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`

func TestNewRegistrationBodyExactJSON(t *testing.T) {
	body, err := NewRegistrationBody("Key", []byte{0xfb, 0xff}, []byte("{}"), []byte{0xa0})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	// Exactly these fields in this order, binary as unpadded base64url, no @odata.type,
	// no WebAuthn type, rawId or transports.
	if string(got) != validBodyJSON {
		t.Errorf("got  %s\nwant %s", got, validBodyJSON)
	}
}

func TestNewRegistrationBodyInvalid(t *testing.T) {
	id, cd, att := []byte{1}, []byte("{}"), []byte{0xa0}
	tests := []struct {
		name                  string
		displayName           string
		credID, clientData, a []byte
		wantCode              string
	}{
		{"empty display name", "", id, cd, att, "invalid_display_name"},
		{"display name too long", strings.Repeat("x", 31), id, cd, att, "display_name_too_long"},
		{"no credential id", "Key", nil, cd, att, "invalid_body"},
		{"no clientDataJSON", "Key", id, nil, att, "invalid_body"},
		{"no attestationObject", "Key", id, cd, []byte{}, "invalid_body"},
	}
	for _, tt := range tests {
		body, err := NewRegistrationBody(tt.displayName, tt.credID, tt.clientData, tt.a)
		if got := errCode(err); got != tt.wantCode {
			t.Errorf("%s: code = %q, want %q (body %+v)", tt.name, got, tt.wantCode, body)
		}
	}
}

func TestValidateDisplayName(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantCode string
	}{
		{"empty", "", "invalid_display_name"},
		{"one character", "K", ""},
		{"30 characters", strings.Repeat("a", 30), ""},
		{"31 characters", strings.Repeat("a", 31), "display_name_too_long"},
		{"serial and date", "YubiKey 5C NFC 2345678 2024-06", ""},
		{"30 two-byte runes (60 bytes)", strings.Repeat("é", 30), ""},
		{"30 three-byte runes (90 bytes)", strings.Repeat("鍵", 30), ""},
		{"31 three-byte runes", strings.Repeat("鍵", 31), "display_name_too_long"},
		{"30 four-byte runes", strings.Repeat("🔑", 30), ""},
		{"tab", "Key\t1", "invalid_display_name"},
		{"newline", "Key\n", "invalid_display_name"},
		{"NUL", "Key\x00", "invalid_display_name"},
		{"DEL", "Key\x7f", "invalid_display_name"},
		{"C1 control (NEL)", "Key\u0085", "invalid_display_name"},
		{"invalid UTF-8", "Key\xff", "invalid_display_name"},
	}
	for _, tt := range tests {
		err := ValidateDisplayName(tt.in)
		if got := errCode(err); got != tt.wantCode {
			t.Errorf("%s: code = %q, want %q (%v)", tt.name, got, tt.wantCode, err)
		}
		if err != nil && errField(err) != "displayName" {
			t.Errorf("%s: field = %q, want displayName", tt.name, errField(err))
		}
	}
}

func TestParseRegistrationBodyRoundTrip(t *testing.T) {
	in, err := NewRegistrationBody("Security key 鍵", bytes.Repeat([]byte{0xfb}, 64), []byte(`{"type":"webauthn.create"}`), []byte{0xa3, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseRegistrationBody(raw)
	if err != nil {
		t.Fatalf("ParseRegistrationBody: %v", err)
	}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("got  %+v\nwant %+v", got, in)
	}
	// Graph's older clients omitted clientExtensionResults; it reads back as {}.
	got, err = ParseRegistrationBody([]byte(`{"displayName":"Key","publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got.PublicKeyCredential.ClientExtensionResults == nil {
		t.Error("missing clientExtensionResults should read back as an empty object")
	}
}

func TestParseRegistrationBodyInvalid(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantCode string
	}{
		{"@odata.type at the top", `{"@odata.type":"#microsoft.graph.fido2AuthenticationMethod","displayName":"Key","publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`, "invalid_body"},
		{"WebAuthn type", `{"displayName":"Key","publicKeyCredential":{"id":"-_8","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`, "invalid_body"},
		{"rawId", `{"displayName":"Key","publicKeyCredential":{"id":"-_8","rawId":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`, "invalid_body"},
		{"transports in response", `{"displayName":"Key","publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA","transports":["usb"]},"clientExtensionResults":{}}}`, "invalid_body"},
		{"unknown top-level field", `{"displayName":"Key","extra":1,"publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`, "invalid_body"},
		{"a JSON string", `"{\"displayName\":\"Key\"}"`, "invalid_body"},
		{"not JSON", `displayName=Key`, "invalid_body"},
		{"empty", ``, "invalid_body"},
		{"id not base64", `{"displayName":"Key","publicKeyCredential":{"id":"!!","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`, "invalid_body"},
		{"no id", `{"displayName":"Key","publicKeyCredential":{"response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`, "invalid_body"},
		{"no attestationObject", `{"displayName":"Key","publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30"},"clientExtensionResults":{}}}`, "invalid_body"},
		{"no publicKeyCredential", `{"displayName":"Key"}`, "invalid_body"},
		{"no displayName", `{"publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`, "invalid_display_name"},
		{"displayName too long", `{"displayName":"` + strings.Repeat("x", 31) + `","publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`, "display_name_too_long"},
	}
	for _, tt := range tests {
		b, err := ParseRegistrationBody([]byte(tt.in))
		if got := errCode(err); got != tt.wantCode {
			t.Errorf("%s: code = %q, want %q (%v, %+v)", tt.name, got, tt.wantCode, err, b)
		}
	}
}
