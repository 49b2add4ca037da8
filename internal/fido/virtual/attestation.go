package virtual

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"time"
)

// randSource is where keys, ids and nonces come from; tests may pass a seeded reader.
type randSource = io.Reader

var defaultRand randSource = rand.Reader

// oidAAGUID is the FIDO extension carrying the AAGUID in an attestation certificate
// (WebAuthn §8.2.1).
var oidAAGUID = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 45724, 1, 1, 4}

// makeAttestationCerts makes the key's test CA and the attestation leaf WebAuthn's packed
// format requires (§8.2.1: version 3, subject C/O/OU "Authenticator Attestation"/CN,
// not a CA, the AAGUID extension).
func (s *State) makeAttestationCerts(rnd randSource, now time.Time) error {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rnd)
	if err != nil {
		return err
	}
	ca := &x509.Certificate{
		SerialNumber:          serial(rnd),
		Subject:               pkix.Name{Country: []string{"US"}, Organization: []string{"entra-passkey TEST"}, CommonName: "entra-passkey virtual key TEST attestation root"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(20, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rnd, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return fmt.Errorf("making the test attestation CA: %w", err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	attKey, err := ecdsa.GenerateKey(elliptic.P256(), rnd)
	if err != nil {
		return err
	}
	aaguidExt, _ := asn1.Marshal(s.AAGUID)
	leaf := &x509.Certificate{
		SerialNumber: serial(rnd),
		Subject: pkix.Name{Country: []string{"US"}, Organization: []string{"entra-passkey TEST"},
			OrganizationalUnit: []string{"Authenticator Attestation"}, CommonName: "entra-passkey virtual key TEST"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(20, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  false,
		ExtraExtensions:       []pkix.Extension{{Id: oidAAGUID, Value: aaguidExt}},
	}
	leafDER, err := x509.CreateCertificate(rnd, leaf, caCert, &attKey.PublicKey, caKey)
	if err != nil {
		return fmt.Errorf("making the test attestation certificate: %w", err)
	}
	s.CACert, s.AttCert = caDER, leafDER
	if s.CAKey, err = x509.MarshalPKCS8PrivateKey(caKey); err != nil {
		return err
	}
	s.AttKey, err = x509.MarshalPKCS8PrivateKey(attKey)
	return err
}

func serial(rnd randSource) *big.Int {
	b := make([]byte, 16)
	_, _ = io.ReadFull(rnd, b)
	b[0] &= 0x7f
	return new(big.Int).SetBytes(b)
}

// AttestationRootPEM returns the key's test attestation CA, for a relying party (the
// Graph emulator, `verify --roots`) that checks attestation chains.
func (s *State) AttestationRootPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.CACert})
}

// signAttestation signs authData || clientDataHash with the attestation key (§8.2).
func (s *State) signAttestation(rnd randSource, authData, cdh []byte) ([]byte, error) {
	k, err := x509.ParsePKCS8PrivateKey(s.AttKey)
	if err != nil {
		return nil, err
	}
	key, ok := k.(*ecdsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("attestation key is %T, not ECDSA", k)
	}
	h := sha256.Sum256(append(append([]byte{}, authData...), cdh...))
	return ecdsa.SignASN1(rnd, key, h[:])
}
