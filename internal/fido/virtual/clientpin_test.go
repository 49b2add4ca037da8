package virtual

import "testing"

func TestSetPINWhenSetIsPINAuthInvalid(t *testing.T) {
	p := newClient(t)
	if st := p.setPIN("123456"); st != 0 {
		t.Fatalf("setPIN %#x", st)
	}
	if st := p.setPIN("654321"); st != ctapPINAuthInvalid {
		t.Errorf("setPIN with a PIN set: %#x, want PIN_AUTH_INVALID", st)
	}
	p.token("123456", permMakeCredential, "x.example") // the first PIN still works
}

// Bad permission requests are refused before the PIN is checked: no retry is spent.
func TestTokenPermissionsChecked(t *testing.T) {
	p := newClient(t)
	p.setPIN("123456")
	for _, tt := range []struct {
		name  string
		extra map[int]any
		want  byte
	}{
		{"no permissions", map[int]any{9: 0}, ctapInvalidParameter},
		{"bio enrollment", map[int]any{9: 0x08}, ctapUnauthorizedPerm},
		{"large blob write", map[int]any{9: 0x10, 10: "x.example"}, ctapUnauthorizedPerm},
		{"permissions missing", map[int]any{}, ctapMissingParameter},
		{"mc without rpId", map[int]any{9: permMakeCredential}, ctapMissingParameter},
		{"rpId not a string", map[int]any{9: permMakeCredential, 10: 42}, ctapCBORUnexpectedType},
		{"rpId bytes", map[int]any{9: permGetAssertion, 10: []byte("x.example")}, ctapCBORUnexpectedType},
	} {
		if st, _ := p.tokenRequest("123456", tt.extra); st != tt.want {
			t.Errorf("%s: %#x, want %#x", tt.name, st, tt.want)
		}
	}
	if got := p.c.State().PINRetries; got != maxPINRetries {
		t.Errorf("retries %d after refused requests, want %d", got, maxPINRetries)
	}
	p.token("123456", permConfig, "")
}
