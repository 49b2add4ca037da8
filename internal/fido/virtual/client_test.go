package virtual

import (
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"testing"
)

// client is a minimal CTAP 2.1 platform speaking PIN protocol two over CTAPHID, for
// tests that need exact status codes libfido2 would hide.
type client struct {
	t      *testing.T
	c      *Conn
	path   string
	cid    uint32
	secret []byte
	pub    map[int]any
}

func newClient(t *testing.T) *client {
	t.Helper()
	c, path := openTest(t)
	return &client{t: t, c: c, path: path, cid: initChannel(t, c)}
}

// cbor sends a CTAP command and returns its status and response.
func (p *client) cbor(cmd byte, params any) (byte, []byte) {
	p.t.Helper()
	body := []byte{cmd}
	if params != nil {
		b, err := ctap2Enc.Marshal(params)
		if err != nil {
			p.t.Fatal(err)
		}
		body = append(body, b...)
	}
	_, resp := exchange(p.t, p.c, p.cid, hidCBOR, body)
	return resp[0], resp[1:]
}

func (p *client) agree() {
	p.t.Helper()
	st, resp := p.cbor(cmdClientPIN, map[int]any{1: 2, 2: pinGetKeyAgreement})
	if st != 0 {
		p.t.Fatalf("getKeyAgreement %#x", st)
	}
	var r map[int]map[int]any
	if err := dec.Unmarshal(resp, &r); err != nil {
		p.t.Fatal(err)
	}
	x, y := r[1][-2].([]byte), r[1][-3].([]byte)
	keyPub, err := ecdh.P256().NewPublicKey(append(append([]byte{4}, x...), y...))
	if err != nil {
		p.t.Fatal(err)
	}
	mine, _ := ecdh.P256().GenerateKey(rand.Reader)
	z, _ := mine.ECDH(keyPub)
	p.secret, _ = protocolTwo{}.kdf(z)
	raw := mine.PublicKey().Bytes()
	p.pub = map[int]any{1: 2, 3: -25, -1: 1, -2: raw[1:33], -3: raw[33:65]}
}

// mac2 is protocol two's authenticate(key, msg).
func mac2(key, msg []byte) []byte {
	m := hmac.New(sha256.New, hmacKey(key))
	m.Write(msg)
	return m.Sum(nil)
}

func (p *client) setPIN(pin string) byte {
	p.t.Helper()
	p.agree()
	padded := make([]byte, 64)
	copy(padded, pin)
	enc, _ := protocolTwo{}.encrypt(rand.Reader, p.secret, padded)
	st, _ := p.cbor(cmdClientPIN, map[int]any{1: 2, 2: pinSetPIN, 3: p.pub, 4: mac2(p.secret, enc), 5: enc})
	return st
}

// tokenRequest is getPinUvAuthTokenUsingPinWithPermissions with the given extra fields.
func (p *client) tokenRequest(pin string, extra map[int]any) (byte, []byte) {
	p.t.Helper()
	p.agree()
	h := sha256.Sum256([]byte(pin))
	enc, _ := protocolTwo{}.encrypt(rand.Reader, p.secret, h[:16])
	req := map[int]any{1: 2, 2: pinGetTokenPermissions, 3: p.pub, 6: enc}
	for k, v := range extra {
		req[k] = v
	}
	st, resp := p.cbor(cmdClientPIN, req)
	if st != 0 {
		return st, nil
	}
	var r map[int][]byte
	if err := dec.Unmarshal(resp, &r); err != nil {
		p.t.Fatal(err)
	}
	tok, err := protocolTwo{}.decrypt(p.secret, r[2])
	if err != nil {
		p.t.Fatal(err)
	}
	return 0, tok
}

// token gets a pinUvAuthToken with perms, bound to rpID when it is not empty.
func (p *client) token(pin string, perms int, rpID string) []byte {
	p.t.Helper()
	extra := map[int]any{9: perms}
	if rpID != "" {
		extra[10] = rpID
	}
	st, tok := p.tokenRequest(pin, extra)
	if st != 0 {
		p.t.Fatalf("getPinUvAuthToken: %#x", st)
	}
	return tok
}

// configAuth is pinUvAuthParam for authenticatorConfig: 32×0xff || 0x0d || sub || params.
func configAuth(tok []byte, sub byte, params []byte) []byte {
	msg := make([]byte, 32, 64)
	for i := range msg {
		msg[i] = 0xff
	}
	return mac2(tok, append(append(msg, cmdConfig, sub), params...))
}

var cdh = make([]byte, 32)

// mcRequest is a makeCredential request for rpID, a non-discoverable ES256 credential.
func mcRequest(rpID string, tok []byte) map[int]any {
	req := map[int]any{1: cdh, 2: map[string]any{"id": rpID}, 3: map[string]any{"id": []byte{1}},
		4: []map[string]any{{"alg": algES256, "type": "public-key"}}}
	if tok != nil {
		req[8], req[9] = mac2(tok, cdh), 2
	}
	return req
}

// makeCred creates a credential and returns its id.
func (p *client) makeCred(req map[int]any) []byte {
	p.t.Helper()
	st, resp := p.cbor(cmdMakeCredential, req)
	if st != 0 {
		p.t.Fatalf("makeCredential %#x", st)
	}
	var r struct {
		AuthData []byte `cbor:"2,keyasint"`
	}
	if err := dec.Unmarshal(resp, &r); err != nil {
		p.t.Fatal(err)
	}
	n := int(binary.BigEndian.Uint16(r.AuthData[53:55]))
	return r.AuthData[55 : 55+n]
}

// assertion decodes a getAssertion response: the credential id and the flags.
func assertion(t *testing.T, resp []byte) ([]byte, byte) {
	t.Helper()
	var r struct {
		Cred     credDescriptor `cbor:"1,keyasint"`
		AuthData []byte         `cbor:"2,keyasint"`
	}
	if err := dec.Unmarshal(resp, &r); err != nil || len(r.AuthData) < 37 {
		t.Fatalf("assertion %x: %v", resp, err)
	}
	return r.Cred.ID, r.AuthData[32]
}

func allowList(ids ...[]byte) []map[string]any {
	var out []map[string]any
	for _, id := range ids {
		out = append(out, map[string]any{"id": id, "type": "public-key"})
	}
	return out
}
