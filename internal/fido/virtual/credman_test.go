package virtual

import (
	"bytes"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

const cmPIN = "123456"

// credMgmt sends a credential management subcommand, authenticated with tok when it is
// not nil (authenticate(token, subCommand || subCommandParams), protocol two).
func (p *client) credMgmt(sub int, params map[int]any, tok []byte) (byte, map[int]cbor.RawMessage) {
	p.t.Helper()
	req := map[int]any{1: sub}
	var raw []byte
	if params != nil {
		var err error
		if raw, err = ctap2Enc.Marshal(params); err != nil {
			p.t.Fatal(err)
		}
		req[2] = cbor.RawMessage(raw)
	}
	if tok != nil {
		req[3], req[4] = 2, mac2(tok, append([]byte{byte(sub)}, raw...))
	}
	st, resp := p.cbor(cmdCredMgmt, req)
	var m map[int]cbor.RawMessage
	if st == 0 && len(resp) > 0 {
		if err := dec.Unmarshal(resp, &m); err != nil {
			p.t.Fatal(err)
		}
	}
	return st, m
}

// rkRequest makes a discoverable credential for user on rpID.
func rkRequest(rpID string, user []byte, tok []byte) map[int]any {
	req := mcRequest(rpID, tok)
	req[3] = map[string]any{"id": user, "name": string(user) + "@contoso.example"}
	req[7] = map[string]bool{"rk": true}
	return req
}

func intField(t *testing.T, m map[int]cbor.RawMessage, key int) int {
	t.Helper()
	var n int
	if err := dec.Unmarshal(m[key], &n); err != nil {
		t.Fatalf("field %d: %v", key, err)
	}
	return n
}

// withCredentials is a key with a PIN, three users' discoverable credentials for
// login.microsoft.com, one for another RP and a non-discoverable one.
func withCredentials(t *testing.T) (*client, [][]byte) {
	p := newClient(t)
	p.setPIN(cmPIN)
	var ids [][]byte
	for _, u := range []string{"adele", "bianca", "carlos"} {
		ids = append(ids, p.makeCred(rkRequest("login.microsoft.com", []byte(u), p.token(cmPIN, permMakeCredential, "login.microsoft.com"))))
	}
	p.makeCred(rkRequest("other.example", []byte("adele"), p.token(cmPIN, permMakeCredential, "other.example")))
	p.makeCred(mcRequest("login.microsoft.com", p.token(cmPIN, permMakeCredential, "login.microsoft.com")))
	return p, ids
}

func TestCredMgmtListsAndDeletes(t *testing.T) {
	p, ids := withCredentials(t)
	tok := p.token(cmPIN, permCredMgmt, "")
	st, m := p.credMgmt(cmGetCredsMetadata, nil, tok)
	if st != 0 || intField(t, m, 1) != 4 || intField(t, m, 2) != defaultMaxRK-4 {
		t.Fatalf("metadata: %#x %v", st, m)
	}
	st, m = p.credMgmt(cmEnumerateRPsBegin, nil, tok)
	if st != 0 || intField(t, m, 5) != 2 || !bytes.Equal(rawBytes(t, m[4]), rpHash("login.microsoft.com")) {
		t.Fatalf("enumerateRPsBegin: %#x %v", st, m)
	}
	if st, m = p.credMgmt(cmEnumerateRPsGetNextRP, nil, nil); st != 0 || !bytes.Equal(rawBytes(t, m[4]), rpHash("other.example")) {
		t.Errorf("getNextRP: %#x %v", st, m)
	}
	if st, _ = p.credMgmt(cmEnumerateRPsGetNextRP, nil, nil); st != ctapNotAllowed {
		t.Errorf("getNextRP past the end: %#x, want NOT_ALLOWED", st)
	}

	list := func() [][]byte {
		t.Helper()
		st, m := p.credMgmt(cmEnumerateCredentialsBegin, map[int]any{1: rpHash("login.microsoft.com")}, tok)
		if st != 0 {
			t.Fatalf("enumerateCredentialsBegin: %#x", st)
		}
		var got [][]byte
		for n := intField(t, m, 9); ; {
			var cred credDescriptor
			var user userEntity
			if dec.Unmarshal(m[7], &cred) != nil || dec.Unmarshal(m[6], &user) != nil || len(m[8]) == 0 || intField(t, m, 10) != 1 {
				t.Fatalf("credential answer %v", m)
			}
			got = append(got, cred.ID)
			if len(got) == n {
				break
			}
			if st, m = p.credMgmt(cmEnumerateCredentialsNext, nil, nil); st != 0 {
				t.Fatalf("getNextCredential: %#x", st)
			}
		}
		return got
	}
	if got := list(); len(got) != 3 || !bytes.Equal(got[0], ids[0]) || !bytes.Equal(got[2], ids[2]) {
		t.Fatalf("listed %x, want %x", got, ids)
	}
	if st, _ = p.credMgmt(cmDeleteCredential, map[int]any{2: map[string]any{"id": ids[1], "type": "public-key"}}, tok); st != 0 {
		t.Fatalf("deleteCredential: %#x", st)
	}
	if got := list(); len(got) != 2 || !bytes.Equal(got[1], ids[2]) {
		t.Errorf("after delete: %x", got)
	}
	// The deletion is in the state file, as makeCredential's credentials are.
	saved, err := ReadState(p.path)
	if err != nil {
		t.Fatal(err)
	}
	if saved.discoverableCount() != 3 || saved.remainingDiscoverable() != defaultMaxRK-3 {
		t.Errorf("state file: %d discoverable, %d remaining", saved.discoverableCount(), saved.remainingDiscoverable())
	}
	if st, _ = p.credMgmt(cmDeleteCredential, map[int]any{2: map[string]any{"id": ids[1], "type": "public-key"}}, tok); st != ctapNoCredentials {
		t.Errorf("deleting it again: %#x, want NO_CREDENTIALS", st)
	}
}

func TestCredMgmtUpdateUserInformation(t *testing.T) {
	p, ids := withCredentials(t)
	tok := p.token(cmPIN, permCredMgmt, "")
	cred := map[string]any{"id": ids[0], "type": "public-key"}
	if st, _ := p.credMgmt(cmUpdateUserInformation, map[int]any{2: cred, 3: map[string]any{"id": []byte("bianca"), "name": "x"}}, tok); st != ctapInvalidParameter {
		t.Errorf("another user's handle: %#x, want INVALID_PARAMETER", st)
	}
	if st, _ := p.credMgmt(cmUpdateUserInformation, map[int]any{2: cred, 3: map[string]any{"id": []byte("adele"), "name": "adele.vance@contoso.example"}}, tok); st != 0 {
		t.Fatalf("updateUserInformation: %#x", st)
	}
	if got := p.c.State().Credentials[0].UserName; got != "adele.vance@contoso.example" {
		t.Errorf("user name %q after update", got)
	}
}

func TestCredMgmtRefusals(t *testing.T) {
	p, ids := withCredentials(t)
	lmHash := map[int]any{1: rpHash("login.microsoft.com")}
	del := map[int]any{2: map[string]any{"id": ids[0], "type": "public-key"}}
	for _, tt := range []struct {
		name   string
		sub    int
		params map[int]any
		tok    func() []byte
		want   byte
	}{
		{"no pinUvAuthParam", cmGetCredsMetadata, nil, nil, ctapPUATRequired},
		{"wrong pinUvAuthParam", cmGetCredsMetadata, nil, func() []byte { return make([]byte, 32) }, ctapPINAuthInvalid},
		{"token without cm", cmGetCredsMetadata, nil, func() []byte { return p.token(cmPIN, permConfig, "") }, ctapPINAuthInvalid},
		{"mc and ga token", cmEnumerateCredentialsBegin, lmHash, func() []byte { return p.token(cmPIN, permMakeCredential|permGetAssertion, "login.microsoft.com") }, ctapPINAuthInvalid},
		{"token bound to an RP lists RPs", cmEnumerateRPsBegin, nil, func() []byte { return p.token(cmPIN, permCredMgmt, "login.microsoft.com") }, ctapPINAuthInvalid},
		{"token bound to another RP", cmEnumerateCredentialsBegin, lmHash, func() []byte { return p.token(cmPIN, permCredMgmt, "other.example") }, ctapPINAuthInvalid},
		{"token bound to another RP deletes", cmDeleteCredential, del, func() []byte { return p.token(cmPIN, permCredMgmt, "other.example") }, ctapPINAuthInvalid},
		{"no rpIDHash", cmEnumerateCredentialsBegin, map[int]any{}, func() []byte { return p.token(cmPIN, permCredMgmt, "") }, ctapMissingParameter},
		{"no credentialId", cmDeleteCredential, map[int]any{}, func() []byte { return p.token(cmPIN, permCredMgmt, "") }, ctapMissingParameter},
		{"rpIDHash not bytes", cmEnumerateCredentialsBegin, map[int]any{1: "login.microsoft.com"}, func() []byte { return p.token(cmPIN, permCredMgmt, "") }, ctapCBORUnexpectedType},
		{"an RP with none", cmEnumerateCredentialsBegin, map[int]any{1: rpHash("nobody.example")}, func() []byte { return p.token(cmPIN, permCredMgmt, "") }, ctapNoCredentials},
		{"unknown subcommand", 0x2a, nil, func() []byte { return p.token(cmPIN, permCredMgmt, "") }, ctapInvalidSubcommand},
		{"getNextCredential without begin", cmEnumerateCredentialsNext, nil, nil, ctapNotAllowed},
	} {
		var tok []byte
		if tt.tok != nil {
			tok = tt.tok()
		}
		if st, _ := p.credMgmt(tt.sub, tt.params, tok); st != tt.want {
			t.Errorf("%s: %#x, want %#x", tt.name, st, tt.want)
		}
	}
	// A token bound to login.microsoft.com lists and deletes its credentials.
	tok := p.token(cmPIN, permCredMgmt, "login.microsoft.com")
	if st, _ := p.credMgmt(cmEnumerateCredentialsBegin, lmHash, tok); st != 0 {
		t.Errorf("bound token lists its RP: %#x", st)
	}
	if st, _ := p.credMgmt(cmDeleteCredential, del, tok); st != 0 {
		t.Errorf("bound token deletes its RP's credential: %#x", st)
	}
	if st, _ := p.cbor(cmdCredMgmt, map[int]any{2: map[int]any{}}); st != ctapMissingParameter {
		t.Errorf("no subCommand: %#x, want MISSING_PARAMETER", st)
	}
	if st, _ := p.cbor(cmdCredMgmt, map[int]any{1: cmGetCredsMetadata, 4: make([]byte, 32)}); st != ctapMissingParameter {
		t.Errorf("no pinUvAuthProtocol: %#x, want MISSING_PARAMETER", st)
	}
	if got := p.c.State().PINRetries; got != maxPINRetries {
		t.Errorf("retries %d: credential management spent PIN retries", got)
	}
}

// An enumeration ends with any other command, as §6.8.4 says.
func TestCredMgmtEnumerationEndsWithOtherCommands(t *testing.T) {
	p, _ := withCredentials(t)
	tok := p.token(cmPIN, permCredMgmt, "")
	if st, _ := p.credMgmt(cmEnumerateCredentialsBegin, map[int]any{1: rpHash("login.microsoft.com")}, tok); st != 0 {
		t.Fatalf("begin: %#x", st)
	}
	p.cbor(cmdGetInfo, nil)
	if st, _ := p.credMgmt(cmEnumerateCredentialsNext, nil, nil); st != ctapNotAllowed {
		t.Errorf("getNextCredential after getInfo: %#x, want NOT_ALLOWED", st)
	}
}

func TestGetInfoSaysCredMgmt(t *testing.T) {
	p := newClient(t)
	st, resp := p.cbor(cmdGetInfo, nil)
	var info struct {
		Options map[string]bool `cbor:"4,keyasint"`
	}
	if st != 0 || dec.Unmarshal(resp, &info) != nil || !info.Options["credMgmt"] || !info.Options["credentialMgmtPreview"] {
		t.Errorf("getInfo options %v: want credMgmt and credentialMgmtPreview", info.Options)
	}
}

func rawBytes(t *testing.T, raw cbor.RawMessage) []byte {
	t.Helper()
	var b []byte
	if err := dec.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	return b
}
