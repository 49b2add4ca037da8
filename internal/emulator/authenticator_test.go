package emulator

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/google/uuid"
)

const testAAGUID = "9b3c1f2e-6a4d-4e8f-8b1c-2d3e4f5a6b7c"

// testKey is a software authenticator: a per-key test CA, an attestation
// certificate carrying the AAGUID, and P-256 credentials, as a real key builds them.
type testKey struct {
	aaguid   uuid.UUID
	rootPEM  []byte
	rootCert *x509.Certificate
	rootKey  *ecdsa.PrivateKey
	attDER   []byte
	attKey   *ecdsa.PrivateKey
}

func newTestKey(t *testing.T, aaguid string) *testKey {
	t.Helper()
	k := &testKey{aaguid: uuid.MustParse(aaguid)}
	var err error
	if k.rootKey, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	root := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test Attestation Root"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, root, root, &k.rootKey.PublicKey, k.rootKey)
	if err != nil {
		t.Fatal(err)
	}
	k.rootCert, _ = x509.ParseCertificate(der)
	k.rootPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if k.attKey, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		t.Fatal(err)
	}
	ext, _ := asn1.Marshal(k.aaguid[:])
	att := &x509.Certificate{SerialNumber: big.NewInt(2),
		Subject: pkix.Name{Country: []string{"US"}, Organization: []string{"Emulator Test Vendor"},
			OrganizationalUnit: []string{"Authenticator Attestation"}, CommonName: "Emulator Test Key"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0), BasicConstraintsValid: true,
		ExtraExtensions: []pkix.Extension{{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 45724, 1, 1, 4}, Value: ext}}}
	if k.attDER, err = x509.CreateCertificate(rand.Reader, att, k.rootCert, &k.attKey.PublicKey, k.rootKey); err != nil {
		t.Fatal(err)
	}
	return k
}

// regOpts varies a registration away from the correct one, one knob per failure.
type regOpts struct {
	origin      string
	typ         string
	challenge   string // replaces the received challenge
	rpID        string
	flags       byte // 0 means UP|UV|AT
	format      string
	badSig      bool
	credID      []byte
	bodyID      string
	alg         int
	aaguid      string // authData's AAGUID, when it should differ from the certificate's
	extensions  bool   // append credProtect and hmac-secret outputs, as keys do when Graph asks
	displayName string
	extra       map[string]any // extra top-level body properties
}

const (
	flagUP = 0x01
	flagUV = 0x04
	flagAT = 0x40
)

// register builds the POST body for the creation options opts.
func (k *testKey) register(t *testing.T, opts map[string]any, o regOpts) map[string]any {
	t.Helper()
	challenge := challengeOf(t, opts)
	if o.challenge != "" {
		challenge = o.challenge
	}
	cd := []byte(`{"type":"` + def(o.typ, "webauthn.create") + `","challenge":"` + challenge +
		`","origin":"` + def(o.origin, "https://login.microsoft.com") + `","crossOrigin":false}`)
	credKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	credID := o.credID
	if credID == nil {
		credID = make([]byte, 48)
		_, _ = rand.Read(credID)
	}
	em, err := cbor.CTAP2EncOptions().EncMode()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := credKey.PublicKey.Bytes() // 0x04 || x || y
	if err != nil {
		t.Fatal(err)
	}
	x, y := raw[1:33], raw[33:65]
	alg := o.alg
	if alg == 0 {
		alg = -7
	}
	cose, err := em.Marshal(map[int]any{1: 2, 3: alg, -1: 1, -2: x, -3: y})
	if err != nil {
		t.Fatal(err)
	}
	rpHash := sha256.Sum256([]byte(def(o.rpID, "login.microsoft.com")))
	flags := o.flags
	if flags == 0 {
		flags = flagUP | flagUV | flagAT
	}
	authData := append(rpHash[:], flags, 0, 0, 0, 0)
	aaguid := k.aaguid
	if o.aaguid != "" {
		aaguid = uuid.MustParse(o.aaguid)
	}
	authData = append(authData, aaguid[:]...)
	authData = binary.BigEndian.AppendUint16(authData, uint16(len(credID)))
	authData = append(authData, credID...)
	authData = append(authData, cose...)
	if o.extensions {
		ext, err := em.Marshal(map[string]any{"credProtect": 1, "hmac-secret": true})
		if err != nil {
			t.Fatal(err)
		}
		authData[32] |= 0x80 // ED
		authData = append(authData, ext...)
	}
	cdHash := sha256.Sum256(cd)
	digest := sha256.Sum256(append(append([]byte{}, authData...), cdHash[:]...))
	var stmt map[string]any
	switch def(o.format, "packed") {
	case "none":
		stmt = map[string]any{}
	case "self":
		sig, _ := ecdsa.SignASN1(rand.Reader, credKey, digest[:])
		stmt = map[string]any{"alg": -7, "sig": sig}
	case "fido-u2f":
		stmt = map[string]any{"sig": []byte{1}, "x5c": [][]byte{k.attDER}}
	default:
		sig, _ := ecdsa.SignASN1(rand.Reader, k.attKey, digest[:])
		if o.badSig {
			sig[len(sig)-1] ^= 0xff
		}
		stmt = map[string]any{"alg": -7, "sig": sig, "x5c": [][]byte{k.attDER}}
	}
	fmtName := def(o.format, "packed")
	if fmtName == "self" {
		fmtName = "packed"
	}
	att, err := em.Marshal(map[string]any{"fmt": fmtName, "attStmt": stmt, "authData": authData})
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	body := map[string]any{
		"displayName": def(o.displayName, "Test key 0001"),
		"publicKeyCredential": map[string]any{
			"id":                     def(o.bodyID, b64(credID)),
			"response":               map[string]any{"clientDataJSON": b64(cd), "attestationObject": b64(att)},
			"clientExtensionResults": map[string]any{},
		},
	}
	for k, v := range o.extra {
		body[k] = v
	}
	return body
}

func def(v, d string) string {
	if v == "" {
		return d
	}
	return v
}
