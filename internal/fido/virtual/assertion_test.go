package virtual

import (
	"bytes"
	"testing"
	"time"
)

func gaRequest(rpID string, opts map[string]bool, ids ...[]byte) map[int]any {
	req := map[int]any{1: rpID, 2: cdh}
	if len(ids) > 0 {
		req[3] = allowList(ids...)
	}
	if opts != nil {
		req[5] = opts
	}
	return req
}

// With alwaysUv on, getAssertion needs a token only when it asks for user presence:
// libfido2 checks excludeCredentials with a silent probe (up=false) and no PIN.
func TestAlwaysUVAllowsSilentProbe(t *testing.T) {
	p := newClient(t)
	if st := p.setPIN("123456"); st != 0 {
		t.Fatalf("setPIN %#x", st)
	}
	id := p.makeCred(mcRequest("x.example", p.token("123456", permMakeCredential, "x.example")))
	tok := p.token("123456", permConfig, "")
	if st, _ := p.cbor(cmdConfig, map[int]any{1: cfgToggleAlwaysUV, 3: 2, 4: configAuth(tok, cfgToggleAlwaysUV, nil)}); st != 0 {
		t.Fatalf("toggleAlwaysUv %#x", st)
	}
	silent := map[string]bool{"up": false}
	st, resp := p.cbor(cmdGetAssertion, gaRequest("x.example", silent, id))
	if st != 0 {
		t.Fatalf("silent probe for a held credential: %#x, want OK", st)
	}
	if got, flags := assertion(t, resp); !bytes.Equal(got, id) || flags&0x05 != 0 {
		t.Errorf("probe: credential %x flags %#x, want %x without UP or UV", got, flags, id)
	}
	if st, _ := p.cbor(cmdGetAssertion, gaRequest("x.example", silent, []byte("foreign"))); st != ctapNoCredentials {
		t.Errorf("silent probe for a foreign credential: %#x, want NO_CREDENTIALS", st)
	}
	if st, _ := p.cbor(cmdGetAssertion, gaRequest("x.example", nil, id)); st != ctapPUATRequired {
		t.Errorf("assertion with UP and no token: %#x, want PUAT_REQUIRED", st)
	}
}

func TestGetAssertionRefusesRKOption(t *testing.T) {
	p := newClient(t)
	id := p.makeCred(mcRequest("x.example", nil))
	for _, rk := range []bool{true, false} {
		st, _ := p.cbor(cmdGetAssertion, gaRequest("x.example", map[string]bool{"rk": rk, "up": false}, id))
		if st != ctapUnsupportedOption {
			t.Errorf("rk=%v: %#x, want UNSUPPORTED_OPTION", rk, st)
		}
	}
}

// The first allow-list entry the key holds is the one used, not the newest credential.
func TestGetAssertionUsesFirstAllowListMatch(t *testing.T) {
	p := newClient(t)
	older := p.makeCred(mcRequest("x.example", nil))
	newer := p.makeCred(mcRequest("x.example", nil))
	silent := map[string]bool{"up": false}
	for _, order := range [][][]byte{{[]byte("foreign"), older, newer}, {newer, older}} {
		st, resp := p.cbor(cmdGetAssertion, gaRequest("x.example", silent, order...))
		if st != 0 {
			t.Fatalf("getAssertion %#x", st)
		}
		want := order[len(order)-2]
		if got, _ := assertion(t, resp); !bytes.Equal(got, want) {
			t.Errorf("allow list %x: used %x, want %x", order, got, want)
		}
	}
}

// A pinUvAuthToken serves one command with user presence, then its permissions are gone.
func TestTokenSpentByUserPresence(t *testing.T) {
	p := newClient(t)
	p.setPIN("123456")
	req := mcRequest("x.example", p.token("123456", permMakeCredential, "x.example"))
	id := p.makeCred(req)
	if st, _ := p.cbor(cmdMakeCredential, req); st != ctapPINAuthInvalid {
		t.Errorf("second makeCredential with the same token: %#x, want PIN_AUTH_INVALID", st)
	}

	tok := p.token("123456", permGetAssertion, "x.example")
	ga := func(up bool) byte {
		req := gaRequest("x.example", map[string]bool{"up": up}, id)
		req[6], req[7] = mac2(tok, cdh), 2
		st, _ := p.cbor(cmdGetAssertion, req)
		return st
	}
	// Silent assertions do not spend it; the first with user presence does.
	for i, tt := range []struct {
		up   bool
		want byte
	}{{false, ctapOK}, {false, ctapOK}, {true, ctapOK}, {true, ctapPINAuthInvalid}, {false, ctapPINAuthInvalid}} {
		if st := ga(tt.up); st != tt.want {
			t.Errorf("assertion %d (up=%v): %#x, want %#x", i, tt.up, st, tt.want)
		}
	}
}

// A zero-length pinUvAuthParam asks the user to touch the key, which then says whether
// it has a PIN (CTAP 2.1 §6.1.2 step 1); libfido2 selects keys this way.
func TestEmptyPinUvAuthParamWaitsForTouch(t *testing.T) {
	p := newClient(t)
	p.c.State().Faults.TouchDelay = 300 * time.Millisecond
	mc := mcRequest(".dummy", nil)
	mc[8], mc[9] = []byte{}, 1
	ga := gaRequest("x.example", nil)
	ga[6], ga[7] = []byte{}, 1
	check := func(name string, req map[int]any, cmd, want byte) {
		t.Helper()
		start := time.Now()
		st, _ := p.cbor(cmd, req)
		if took := time.Since(start); st != want || took < 300*time.Millisecond {
			t.Errorf("%s: %#x after %v, want %#x after the 300ms touch", name, st, took, want)
		}
	}
	check("makeCredential, no PIN", mc, cmdMakeCredential, ctapPINNotSet)
	check("getAssertion, no PIN", ga, cmdGetAssertion, ctapPINNotSet)
	if err := p.c.State().SetPIN("123456"); err != nil {
		t.Fatal(err)
	}
	check("makeCredential, PIN set", mc, cmdMakeCredential, ctapPINInvalid)
	check("getAssertion, PIN set", ga, cmdGetAssertion, ctapPINInvalid)
	p.c.State().Faults = Faults{NoTouch: true, TouchTimeout: 100 * time.Millisecond}
	if st, _ := p.cbor(cmdMakeCredential, mc); st != ctapOperationDenied {
		t.Errorf("no touch: %#x, want OPERATION_DENIED", st)
	}
}

func TestMakeCredentialNeedsRPAndUserID(t *testing.T) {
	p := newClient(t)
	for name, mutate := range map[string]func(map[int]any){
		"no rp.id":   func(r map[int]any) { r[2] = map[string]any{"name": "X"} },
		"no user.id": func(r map[int]any) { r[3] = map[string]any{"name": "u"} },
	} {
		req := mcRequest("x.example", nil)
		mutate(req)
		if st, _ := p.cbor(cmdMakeCredential, req); st != ctapMissingParameter {
			t.Errorf("%s: %#x, want MISSING_PARAMETER", name, st)
		}
	}
	if len(p.c.State().Credentials) != 0 {
		t.Error("a credential was made")
	}
}
