package webauthn

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
)

func TestBuildAttestationObjectShapes(t *testing.T) {
	k := newSoftKey(t)
	hash := ClientDataHash(ClientDataJSON("dGVzdC1jaGFsbGVuZ2U", "login.microsoft.com"))
	tests := []struct {
		format    string // softKey's name for it
		wantFmt   string
		wantStmt  func(p AttestationParts) map[string]any
		wantAAGID [16]byte
	}{
		{"packed", "packed", func(p AttestationParts) map[string]any {
			return map[string]any{"alg": int64(-7), "sig": p.Sig, "x5c": []any{k.leafDER}}
		}, k.aaguid},
		{"self", "packed", func(p AttestationParts) map[string]any {
			return map[string]any{"alg": int64(-7), "sig": p.Sig}
		}, k.aaguid},
		{"fido-u2f", "fido-u2f", func(p AttestationParts) map[string]any {
			return map[string]any{"sig": p.Sig, "x5c": []any{k.leafDER}}
		}, [16]byte{}},
		{"none", "none", func(AttestationParts) map[string]any { return map[string]any{} }, k.aaguid},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			parts := k.attest(t, tt.format, "login.microsoft.com", hash)
			obj, err := BuildAttestationObject(parts)
			if err != nil {
				t.Fatalf("BuildAttestationObject: %v", err)
			}
			// CTAP2 canonical: keys by length then bytes, so "fmt" comes first.
			if prefix := []byte{0xa3, 0x63, 'f', 'm', 't'}; !bytes.HasPrefix(obj, prefix) {
				t.Errorf("starts % x, want % x", obj[:5], prefix)
			}
			assertCanonical(t, obj)

			got, ad, err := ParseAttestationObject(obj)
			if err != nil {
				t.Fatalf("ParseAttestationObject: %v", err)
			}
			raw := UnwrapAuthData(parts.AuthData)
			want := &AttestationObject{Format: tt.wantFmt, AttStmt: tt.wantStmt(parts), AuthData: raw}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if ad.Flags != 0x45 || ad.AttestedCredential == nil || ad.AttestedCredential.AAGUID != tt.wantAAGID ||
				!bytes.Equal(ad.AttestedCredential.CredentialID, k.credID) {
				t.Errorf("authenticator data %+v", ad)
			}
			// authData is the raw bytes in the object, whether libfido2 wrapped it or not.
			parts.AuthData = raw
			if again, err := BuildAttestationObject(parts); err != nil || !bytes.Equal(again, obj) {
				t.Errorf("raw authData gave a different object: %v", err)
			}
		})
	}
}

// assertCanonical decodes b generically and re-encodes it CTAP2-canonically: the
// bytes must come back unchanged.
func assertCanonical(t *testing.T, b []byte) {
	t.Helper()
	var v any
	if err := cbor.Unmarshal(b, &v); err != nil {
		t.Fatalf("not CBOR: %v", err)
	}
	enc, err := cbor.CTAP2EncOptions().EncMode()
	if err != nil {
		t.Fatal(err)
	}
	again, err := enc.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, b) {
		t.Errorf("not CTAP2 canonical:\ngot       %x\ncanonical %x", b, again)
	}
}

func TestBuildAttestationObjectAlg(t *testing.T) {
	k := newSoftKey(t)
	raw := k.authData("login.microsoft.com", flagsUPUVAT, k.aaguid, nil)
	// The same key without label 3 (alg): {1: 2, -1: 1, -2: x, -3: y}.
	noAlg := append(bytes.Clone(raw[:coseOffset(k)]), 0xa4, 0x01, 0x02)
	noAlg = append(noAlg, raw[coseOffset(k)+5:]...)
	tests := []struct {
		name    string
		parts   AttestationParts
		wantAlg int64
	}{
		{"self: from the COSE key", AttestationParts{Format: "packed", AuthData: raw, Sig: []byte{1}}, -7},
		{"self: COSE key wins over the caller", AttestationParts{Format: "packed", AuthData: raw, Sig: []byte{1}, Alg: -257}, -7},
		{"self: caller's when the key has none", AttestationParts{Format: "packed", AuthData: noAlg, Sig: []byte{1}, Alg: -8}, -8},
		{"x5c: from the certificate", AttestationParts{Format: "packed", AuthData: raw, Sig: []byte{1}, X5C: [][]byte{k.leafDER}}, -7},
		{"x5c: RSA certificate", AttestationParts{Format: "packed", AuthData: raw, Sig: []byte{1}, X5C: [][]byte{testCert(t, rsaKey(t))}, Alg: -7}, -257},
	}
	for _, tt := range tests {
		obj, err := BuildAttestationObject(tt.parts)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, _, err := ParseAttestationObject(obj)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if alg := got.AttStmt["alg"]; alg != tt.wantAlg {
			t.Errorf("%s: alg = %v, want %d", tt.name, alg, tt.wantAlg)
		}
	}
	if _, err := BuildAttestationObject(AttestationParts{Format: "packed", AuthData: noAlg, Sig: []byte{1}}); errCode(err) != "invalid_attestation" {
		t.Errorf("no algorithm anywhere: got %v, want invalid_attestation", err)
	}
}

func TestBuildAttestationObjectInvalid(t *testing.T) {
	k := newSoftKey(t)
	raw := k.authData("login.microsoft.com", flagsUPUVAT, k.aaguid, nil)
	tests := []struct {
		name  string
		parts AttestationParts
	}{
		{"tpm is not built", AttestationParts{Format: "tpm", AuthData: raw, Sig: []byte{1}, X5C: [][]byte{k.leafDER}}},
		{"empty format", AttestationParts{AuthData: raw}},
		{"packed without a signature", AttestationParts{Format: "packed", AuthData: raw, X5C: [][]byte{k.leafDER}}},
		{"fido-u2f without a certificate", AttestationParts{Format: "fido-u2f", AuthData: raw, Sig: []byte{1}}},
		{"fido-u2f without a signature", AttestationParts{Format: "fido-u2f", AuthData: raw, X5C: [][]byte{k.leafDER}}},
		{"certificate that does not parse", AttestationParts{Format: "packed", AuthData: raw, Sig: []byte{1}, X5C: [][]byte{{0x30, 0x00}}}},
		{"no authData", AttestationParts{Format: "none"}},
		{"truncated authData", AttestationParts{Format: "none", AuthData: raw[:len(raw)-1]}},
		{"wrapped truncated authData", AttestationParts{Format: "none", AuthData: cborBytes(raw[:len(raw)-1])}},
	}
	for _, tt := range tests {
		if obj, err := BuildAttestationObject(tt.parts); errCode(err) != "invalid_attestation" {
			t.Errorf("%s: got %x, %v; want invalid_attestation", tt.name, obj, err)
		}
	}
}

func TestAlgFromCertificate(t *testing.T) {
	p224, _ := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	tests := []struct {
		name    string
		der     []byte
		want    int
		wantErr bool
	}{
		{"P-256", testCert(t, ecKey(t, elliptic.P256())), -7, false},
		{"P-384", testCert(t, ecKey(t, elliptic.P384())), -35, false},
		{"P-521", testCert(t, ecKey(t, elliptic.P521())), -36, false},
		{"Ed25519", testCert(t, edKey(t)), -8, false},
		{"RSA", testCert(t, rsaKey(t)), -257, false},
		{"P-224 is not a COSE curve", testCertFor(t, p224.Public()), 0, true},
		{"not a certificate", []byte("not DER"), 0, true},
		{"empty", nil, 0, true},
	}
	for _, tt := range tests {
		got, err := AlgFromCertificate(tt.der)
		if tt.wantErr {
			if errCode(err) != "invalid_attestation" {
				t.Errorf("%s: got %d, %v; want invalid_attestation", tt.name, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %d, %v; want %d", tt.name, got, err, tt.want)
		}
	}
}

func TestParseAttestationObjectInvalid(t *testing.T) {
	k := newSoftKey(t)
	raw := k.authData("login.microsoft.com", flagsUPUVAT, k.aaguid, nil)
	enc, _ := cbor.CTAP2EncOptions().EncMode()
	encode := func(v any) []byte {
		b, err := enc.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	valid := encode(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": raw})
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not CBOR", []byte("{}")},
		{"a CBOR array", encode([]any{"none", map[string]any{}, raw})},
		{"no fmt", encode(map[string]any{"attStmt": map[string]any{}, "authData": raw})},
		{"no attStmt", encode(map[string]any{"fmt": "none", "authData": raw})},
		{"no authData", encode(map[string]any{"fmt": "none", "attStmt": map[string]any{}})},
		{"fmt not a string", encode(map[string]any{"fmt": 1, "attStmt": map[string]any{}, "authData": raw})},
		{"attStmt not a map", encode(map[string]any{"fmt": "none", "attStmt": []any{}, "authData": raw})},
		{"authData a text string", encode(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": string(raw)})},
		{"bad authData", encode(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": raw[:40]})},
		{"duplicate fmt", append([]byte{0xa4, 0x63, 'f', 'm', 't', 0x64, 'n', 'o', 'n', 'e'}, valid[1:]...)},
		{"trailing byte", append(bytes.Clone(valid), 0)},
		{"truncated", valid[:len(valid)-1]},
		{"over 64 KiB", encode(map[string]any{"fmt": "none", "attStmt": map[string]any{"x": make([]byte, MaxAttestationSize)}, "authData": raw})},
	}
	for _, tt := range tests {
		obj, ad, err := ParseAttestationObject(tt.in)
		if errCode(err) != "invalid_attestation" {
			t.Errorf("%s: got %+v, %+v, %v; want invalid_attestation", tt.name, obj, ad, err)
		}
	}
	if _, _, err := ParseAttestationObject(valid); err != nil {
		t.Errorf("the valid object these are made from: %v", err)
	}
}

func ecKey(t *testing.T, c elliptic.Curve) crypto.Signer {
	k, err := ecdsa.GenerateKey(c, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func edKey(t *testing.T) crypto.Signer {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func rsaKey(t *testing.T) crypto.Signer {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// testCert is a self-signed certificate for key.
func testCert(t *testing.T, key crypto.Signer) []byte {
	t.Helper()
	return makeCert(t, key.Public(), key)
}

// testCertFor is a certificate for pub signed by a throwaway P-256 key.
func testCertFor(t *testing.T, pub crypto.PublicKey) []byte {
	t.Helper()
	return makeCert(t, pub, ecKey(t, elliptic.P256()))
}

func makeCert(t *testing.T, pub crypto.PublicKey, signer crypto.Signer) []byte {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<32, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, signer)
	if err != nil {
		t.Fatal(err)
	}
	return der
}
