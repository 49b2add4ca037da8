package webauthn

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
)

// MaxAttestationSize bounds an attestationObject: real ones are a few KB.
const MaxAttestationSize = 64 << 10

// AttestationParts are the pieces of a makeCredential response as libfido2 returns them.
type AttestationParts struct {
	// Format is the attestation statement format: "packed", "fido-u2f", "none", "tpm"...
	Format string
	// AuthData is the authenticator data, raw or wrapped in a CBOR byte string.
	AuthData []byte
	Sig      []byte
	// X5C is the attestation certificate chain, leaf first; empty for self attestation.
	X5C [][]byte
	// Alg is the attestation signature's COSE algorithm; 0 derives it (see BuildAttestationObject).
	Alg int
}

// AttestationObject is WebAuthn §6.5.4's attestationObject.
type AttestationObject struct {
	Format   string         `cbor:"fmt"`
	AttStmt  map[string]any `cbor:"attStmt"`
	AuthData []byte         `cbor:"authData"`
}

// packedStmt and u2fStmt fix the attStmt keys per format (§8.2, §8.6).
type packedStmt struct {
	Alg int      `cbor:"alg"`
	Sig []byte   `cbor:"sig"`
	X5C [][]byte `cbor:"x5c,omitempty"`
}

type u2fStmt struct {
	Sig []byte   `cbor:"sig"`
	X5C [][]byte `cbor:"x5c"`
}

type attObj struct {
	Format   string `cbor:"fmt"`
	AttStmt  any    `cbor:"attStmt"`
	AuthData []byte `cbor:"authData"`
}

// BuildAttestationObject encodes the attestationObject (CTAP2 canonical CBOR) from what
// libfido2 returns. libfido2 does not say the attestation algorithm: for self
// attestation it is the credential's (from the COSE key in authData); with a
// certificate it follows from the leaf's key.
func BuildAttestationObject(p AttestationParts) ([]byte, error) {
	raw := UnwrapAuthData(p.AuthData)
	ad, err := ParseAuthData(raw)
	if err != nil {
		return nil, err
	}
	var stmt any
	switch p.Format {
	case "none":
		stmt = map[string]any{}
	case "fido-u2f":
		if len(p.X5C) == 0 || len(p.Sig) == 0 {
			return nil, attErr("fido-u2f attestation without certificate or signature")
		}
		stmt = u2fStmt{Sig: p.Sig, X5C: p.X5C}
	case "packed":
		if len(p.Sig) == 0 {
			return nil, attErr(p.Format + " attestation without a signature")
		}
		alg := p.Alg
		if len(p.X5C) > 0 {
			if alg, err = AlgFromCertificate(p.X5C[0]); err != nil {
				return nil, err
			}
		} else if ad.AttestedCredential != nil && ad.AttestedCredential.Alg != 0 {
			alg = ad.AttestedCredential.Alg
		}
		if alg == 0 {
			return nil, attErr("cannot tell the attestation algorithm")
		}
		stmt = packedStmt{Alg: alg, Sig: p.Sig, X5C: p.X5C}
	default:
		return nil, attErr(fmt.Sprintf("attestation format %q is not supported", p.Format))
	}
	return ctap2Enc.Marshal(attObj{Format: p.Format, AttStmt: stmt, AuthData: raw})
}

// AlgFromCertificate returns the COSE algorithm matching an attestation certificate's
// key: P-256 ES256 (-7), P-384 ES384 (-35), P-521 ES512 (-36), Ed25519 EdDSA (-8), RSA RS256 (-257).
func AlgFromCertificate(der []byte) (int, error) {
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return 0, attErr("attestation certificate does not parse: " + err.Error())
	}
	switch k := cert.PublicKey.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return -7, nil
		case elliptic.P384():
			return -35, nil
		case elliptic.P521():
			return -36, nil
		}
	case ed25519.PublicKey:
		return -8, nil
	case *rsa.PublicKey:
		return -257, nil
	}
	return 0, attErr(fmt.Sprintf("attestation certificate key %T is not supported", cert.PublicKey))
}

// ParseAttestationObject decodes an attestationObject strictly and its authenticator data.
func ParseAttestationObject(b []byte) (*AttestationObject, *AuthData, error) {
	if len(b) > MaxAttestationSize {
		return nil, nil, attErr("attestationObject larger than 64 KiB")
	}
	var obj AttestationObject
	if err := strictDec.Unmarshal(b, &obj); err != nil {
		return nil, nil, attErr("attestationObject is not the expected CBOR map: " + err.Error())
	}
	if obj.Format == "" || obj.AttStmt == nil || len(obj.AuthData) == 0 {
		return nil, nil, attErr("attestationObject lacks fmt, attStmt or authData")
	}
	ad, err := ParseAuthData(obj.AuthData)
	if err != nil {
		return nil, nil, err
	}
	return &obj, ad, nil
}
