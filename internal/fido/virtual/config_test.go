package virtual

import (
	"slices"
	"testing"
)

// With no PIN, alwaysUv toggles both ways without a token (none can be had); with a
// PIN it needs one.
func TestToggleAlwaysUVWithoutPIN(t *testing.T) {
	p := newClient(t)
	for i, want := range []bool{true, false} {
		if st, _ := p.cbor(cmdConfig, map[int]any{1: cfgToggleAlwaysUV}); st != 0 || p.c.State().AlwaysUV != want {
			t.Errorf("toggle %d without a PIN: %#x, alwaysUv %v; want OK and %v", i, st, p.c.State().AlwaysUV, want)
		}
	}
	p.setPIN("123456")
	if st, _ := p.cbor(cmdConfig, map[int]any{1: cfgToggleAlwaysUV}); st != ctapPUATRequired || p.c.State().AlwaysUV {
		t.Errorf("toggle with a PIN and no token: %#x, want PUAT_REQUIRED", st)
	}
}

// A refused setMinPINLength changes nothing, whichever of its parameters is at fault.
func TestSetMinPINLengthAllOrNothing(t *testing.T) {
	p := newClient(t)
	for _, tt := range []struct {
		name   string
		params map[int]any
		want   byte
	}{
		{"three RP ids", map[int]any{1: 8, 2: []string{"a", "b", "c"}}, ctapInvalidLength},
		{"forceChangePin without a PIN", map[int]any{1: 10, 2: []string{"a"}, 3: true}, ctapPINNotSet},
		{"over the maximum", map[int]any{1: 64, 2: []string{"a"}}, ctapPINPolicyViolation},
	} {
		if st, _ := p.cbor(cmdConfig, map[int]any{1: cfgSetMinPINLength, 2: tt.params}); st != tt.want {
			t.Errorf("%s: %#x, want %#x", tt.name, st, tt.want)
		}
		if s := p.c.State(); s.MinPINLength != defaultMinPINLength || s.MinPINLengthRPIDs != nil || s.ForcePINChange {
			t.Errorf("%s: applied anyway: min %d, RP ids %v, force %v", tt.name, s.MinPINLength, s.MinPINLengthRPIDs, s.ForcePINChange)
		}
	}
	if st, _ := p.cbor(cmdConfig, map[int]any{1: cfgSetMinPINLength, 2: map[int]any{1: 6, 2: []string{"a", "b"}}}); st != 0 {
		t.Fatalf("valid request: %#x", st)
	}
	if s := p.c.State(); s.MinPINLength != 6 || !slices.Equal(s.MinPINLengthRPIDs, []string{"a", "b"}) {
		t.Errorf("valid request: min %d, RP ids %v", s.MinPINLength, s.MinPINLengthRPIDs)
	}
}
