package webauthn

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"testing"
)

func TestClientDataJSON(t *testing.T) {
	tests := []struct {
		challenge, rpID string
		want            string
	}{
		{"dGVzdC1jaGFsbGVuZ2U", "login.microsoft.com",
			`{"type":"webauthn.create","challenge":"dGVzdC1jaGFsbGVuZ2U","origin":"https://login.microsoft.com","crossOrigin":false}`},
		{"a-_9", "login.microsoftonline.us",
			`{"type":"webauthn.create","challenge":"a-_9","origin":"https://login.microsoftonline.us","crossOrigin":false}`},
	}
	for _, tt := range tests {
		if got := ClientDataJSON(tt.challenge, tt.rpID); string(got) != tt.want {
			t.Errorf("ClientDataJSON(%q, %q)\ngot  %s\nwant %s", tt.challenge, tt.rpID, got, tt.want)
		}
	}
}

// TestClientDataJSONLargeChallenge: the several-KB challenge is echoed verbatim, the
// result is valid JSON, and a JSON reader sees exactly the four members.
func TestClientDataJSONLargeChallenge(t *testing.T) {
	opts, err := ParseCreationOptions(readFixture(t, "large_challenge.json"))
	if err != nil {
		t.Fatal(err)
	}
	cd := ClientDataJSON(opts.PublicKey.Challenge, opts.PublicKey.RP.ID)
	want := `{"type":"webauthn.create","challenge":"` + opts.PublicKey.Challenge + `","origin":"https://login.microsoft.com","crossOrigin":false}`
	if string(cd) != want {
		t.Fatalf("got %s", cd)
	}
	var got map[string]any
	if err := json.Unmarshal(cd, &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(got) != 4 || got["challenge"] != opts.PublicKey.Challenge || got["crossOrigin"] != false {
		t.Errorf("decoded %v", got)
	}
}

func TestClientDataHash(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		// SHA-256 computed outside Go (Python hashlib).
		{[]byte(`{"type":"webauthn.create","challenge":"dGVzdC1jaGFsbGVuZ2U","origin":"https://login.microsoft.com","crossOrigin":false}`),
			"862a46c0718e599fa9a8e011ae1679ae292bdfb5aa93f8140746dc71a8a26ffb"},
		{[]byte{}, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	}
	for _, tt := range tests {
		got := ClientDataHash(tt.in)
		if hex.EncodeToString(got) != tt.want {
			t.Errorf("ClientDataHash(%q) = %x, want %s", tt.in, got, tt.want)
		}
	}
	// The same bytes go to the key (hashed) and to Graph: hashing must not alias them.
	in := []byte("abc")
	h := ClientDataHash(in)
	h[0] ^= 0xff
	if !bytes.Equal(in, []byte("abc")) {
		t.Error("ClientDataHash changed its input")
	}
}
