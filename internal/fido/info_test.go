package fido

import "testing"

func TestSupports(t *testing.T) {
	tests := []struct {
		name    string
		options map[string]bool
		want    ConfigSupport
	}{
		{"CTAP 2.0 key", map[string]bool{"clientPin": true, "rk": true},
			ConfigSupport{PIN: true, Reset: true}},
		{"CTAP 2.1 key", map[string]bool{"clientPin": false, "authnrCfg": true, "setMinPINLength": true, "alwaysUv": false},
			ConfigSupport{PIN: true, AuthenticatorConfig: true, SetMinPINLength: true, ForcePINChange: true, AlwaysUV: true, Reset: true}},
		{"config without setMinPINLength", map[string]bool{"clientPin": true, "authnrCfg": true},
			ConfigSupport{PIN: true, AuthenticatorConfig: true, Reset: true}},
		{"setMinPINLength without authnrCfg", map[string]bool{"clientPin": true, "setMinPINLength": true, "alwaysUv": true},
			ConfigSupport{PIN: true, Reset: true}},
		{"no PIN support", map[string]bool{"uv": true, "authnrCfg": true, "setMinPINLength": true},
			ConfigSupport{AuthenticatorConfig: true, SetMinPINLength: true, Reset: true}},
	}
	for _, tt := range tests {
		info := &Info{Options: tt.options}
		if got := info.Supports(); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestEffectiveMinPINLength(t *testing.T) {
	for _, tt := range []struct {
		reported uint64
		want     int
	}{{0, 4}, {4, 4}, {6, 6}, {63, 63}, {64, 4}} {
		if got := (&Info{MinPINLength: tt.reported}).EffectiveMinPINLength(); got != tt.want {
			t.Errorf("minPINLength %d: got %d, want %d", tt.reported, got, tt.want)
		}
	}
}
