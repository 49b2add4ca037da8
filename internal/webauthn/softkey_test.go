package webauthn

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"math/big"
	"testing"
	"time"
)

// oidAAGUID is the FIDO attestation certificate extension carrying the AAGUID
// (id-fido-gen-ce-aaguid).
var oidAAGUID = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 45724, 1, 1, 4}

// softKey is a software FIDO2 authenticator: a P-256 attestation CA and leaf carrying
// the AAGUID, and one P-256 credential. It hands back what libfido2 returns for a
// makeCredential, so the package's code runs on realistic input without hardware.
type softKey struct {
	aaguid  [16]byte
	caDER   []byte
	leafDER []byte
	leafKey *ecdsa.PrivateKey
	credKey *ecdsa.PrivateKey
	credID  []byte
}

func newSoftKey(t testing.TB) *softKey {
	t.Helper()
	k := &softKey{
		aaguid:  [16]byte{0xee, 0x88, 0x28, 0x79, 0x72, 0x1c, 0x49, 0x13, 0x97, 0x75, 0x3d, 0xfc, 0xce, 0x97, 0x07, 0x2a},
		leafKey: mustP256(t),
		credKey: mustP256(t),
		credID:  make([]byte, 64),
	}
	if _, err := rand.Read(k.credID); err != nil {
		t.Fatal(err)
	}
	caKey := mustP256(t)
	// Fixed, wide validity: verifiers check it against the wall clock.
	notBefore, notAfter := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Soft Key Test Attestation CA"},
		NotBefore: notBefore, NotAfter: notAfter, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign,
	}
	var err error
	if k.caDER, err = x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey); err != nil {
		t.Fatal(err)
	}
	caCert, err := x509.ParseCertificate(k.caDER)
	if err != nil {
		t.Fatal(err)
	}
	ext, err := asn1.Marshal(k.aaguid[:]) // DER OCTET STRING of the 16 bytes
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject: pkix.Name{Country: []string{"SE"}, Organization: []string{"Soft Key Test Vendor"},
			OrganizationalUnit: []string{"Authenticator Attestation"}, CommonName: "Soft Key Test Attestation"},
		NotBefore: notBefore, NotAfter: notAfter, BasicConstraintsValid: true, IsCA: false,
		ExtraExtensions: []pkix.Extension{{Id: oidAAGUID, Value: ext}},
	}
	if k.leafDER, err = x509.CreateCertificate(rand.Reader, leaf, caCert, &k.leafKey.PublicKey, caKey); err != nil {
		t.Fatal(err)
	}
	return k
}

func mustP256(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// coseKey is the credential key as a key writes it: the CTAP2 canonical COSE_Key
// {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}, assembled by hand so the
// package's own encoder is not what is tested against.
func (k *softKey) coseKey() []byte {
	raw, _ := k.credKey.PublicKey.Bytes() // 0x04 || x || y
	x, y := raw[1:33], raw[33:65]
	b := []byte{0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20}
	b = append(b, x...)
	b = append(b, 0x22, 0x58, 0x20)
	return append(b, y...)
}

// authData builds raw authenticator data: rpIdHash, flags, a zero counter and, with
// FlagAttested, the attested credential data; ext is appended as is.
func (k *softKey) authData(rpID string, flags byte, aaguid [16]byte, ext []byte) []byte {
	h := sha256.Sum256([]byte(rpID))
	b := append(h[:], flags, 0, 0, 0, 0)
	if flags&FlagAttested != 0 {
		b = append(b, aaguid[:]...)
		b = binary.BigEndian.AppendUint16(b, uint16(len(k.credID)))
		b = append(b, k.credID...)
		b = append(b, k.coseKey()...)
	}
	return append(b, ext...)
}

// cborBytes wraps b in a CBOR byte string header, as libfido2 returns authData.
func cborBytes(b []byte) []byte {
	switch n := len(b); {
	case n < 24:
		return append([]byte{0x40 | byte(n)}, b...)
	case n < 256:
		return append([]byte{0x58, byte(n)}, b...)
	default:
		return append(binary.BigEndian.AppendUint16([]byte{0x59}, uint16(n)), b...)
	}
}

// attest returns libfido2's view of a makeCredential in the given attestation format
// over clientDataHash: "packed" (x5c), "self" (packed, no x5c), "fido-u2f" or "none".
func (k *softKey) attest(t testing.TB, format, rpID string, clientDataHash []byte) AttestationParts {
	t.Helper()
	aaguid := k.aaguid
	if format == "fido-u2f" {
		aaguid = [16]byte{} // U2F keys report no AAGUID
	}
	raw := k.authData(rpID, FlagUserPresent|FlagUserVerified|FlagAttested, aaguid, nil)
	p := AttestationParts{Format: format, AuthData: cborBytes(raw)}
	switch format {
	case "packed":
		p.Sig, p.X5C = k.sign(t, k.leafKey, append(raw, clientDataHash...)), [][]byte{k.leafDER}
	case "self":
		p.Format, p.Sig = "packed", k.sign(t, k.credKey, append(raw, clientDataHash...))
	case "fido-u2f":
		// WebAuthn §8.6: 0x00 || rpIdHash || clientDataHash || credentialId || 0x04 || x || y.
		pub := k.credKey.PublicKey
		msg := append([]byte{0}, raw[:32]...)
		msg = append(msg, clientDataHash...)
		msg = append(msg, k.credID...)
		point, _ := pub.Bytes() // 0x04 || x || y, the uncompressed point FIDO U2F signs
		msg = append(msg, point...)
		p.Sig, p.X5C = k.sign(t, k.leafKey, msg), [][]byte{k.leafDER}
	case "none":
	default:
		t.Fatalf("softKey: unknown format %q", format)
	}
	return p
}

// sign is an ASN.1 ECDSA signature over SHA-256(msg), as keys make them.
func (k *softKey) sign(t testing.TB, key *ecdsa.PrivateKey, msg []byte) []byte {
	t.Helper()
	h := sha256.Sum256(msg)
	sig, err := ecdsa.SignASN1(rand.Reader, key, h[:])
	if err != nil {
		t.Fatal(err)
	}
	return sig
}
