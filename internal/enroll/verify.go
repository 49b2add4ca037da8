package enroll

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"

	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// Verification is what a local check of a credential found, as `verify` prints it.
type Verification struct {
	SchemaVersion     int    `json:"schemaVersion"`
	Verified          bool   `json:"verified"`
	AttestationFormat string `json:"attestationFormat"`
	AAGUID            string `json:"aaguid"`
	UserPresent       bool   `json:"userPresent"`
	UserVerified      bool   `json:"userVerified"`
	// AttestationTrust is "chained" when the attestation certificate chains to the given
	// roots, "self" for self attestation, "unchecked" when no roots were given.
	AttestationTrust string `json:"attestationTrust"`
}

// Verify checks a credential against its creation options the way Entra ID does on
// POST: clientDataJSON (type, challenge, origin), rpIdHash, user presence and
// verification, the algorithm, and the attestation statement's signature, using
// go-webauthn's independent implementation. With roots (PEM), the attestation
// certificate must also chain to one of them.
func Verify(cred *Credential, opts *webauthn.CreationOptions, rootsPEM []byte) (*Verification, error) {
	body, err := goWebAuthnBody(cred)
	if err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(body)
	if err != nil {
		return nil, verifyError("the credential cannot be parsed", err)
	}
	pk := opts.PublicKey
	params := make([]protocol.CredentialParameter, 0, len(pk.PubKeyCredParams))
	for _, p := range pk.PubKeyCredParams {
		params = append(params, protocol.CredentialParameter{Type: protocol.PublicKeyCredentialType, Algorithm: coseAlg(p.Alg)})
	}
	origin := "https://" + pk.RP.ID
	if _, err := parsed.Verify(pk.Challenge, pk.RP.ID, []string{origin}, nil, nil,
		protocol.TopOriginExplicitVerificationMode, false, opts.UserVerificationRequired(), true,
		nil, params, protocol.AttestationPolicy{}, protocol.SignaturePolicy{}); err != nil {
		return nil, verifyError("the credential does not verify", err)
	}
	att := parsed.Response.AttestationObject
	v := &Verification{
		SchemaVersion:     SchemaVersion,
		Verified:          true,
		AttestationFormat: att.Format,
		AAGUID:            aaguidString(att.AuthData.AttData.AAGUID),
		UserPresent:       att.AuthData.Flags.UserPresent(),
		UserVerified:      att.AuthData.Flags.UserVerified(),
		AttestationTrust:  "unchecked",
	}
	x5c, _ := att.AttStatement["x5c"].([]any)
	switch {
	case len(x5c) == 0:
		v.AttestationTrust = "self"
	case len(rootsPEM) > 0:
		if err := chainsTo(x5c, rootsPEM); err != nil {
			return nil, verifyError("the attestation certificate does not chain to the given roots", err)
		}
		v.AttestationTrust = "chained"
	}
	return v, nil
}

func coseAlg(alg int) webauthncose.COSEAlgorithmIdentifier {
	return webauthncose.COSEAlgorithmIdentifier(alg)
}

// goWebAuthnBody adds the fields a browser would send (type, rawId) that Graph's body
// leaves out, so go-webauthn can parse it.
func goWebAuthnBody(cred *Credential) ([]byte, error) {
	b, err := json.Marshal(cred.PublicKeyCredential)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	m["type"] = "public-key"
	m["rawId"] = m["id"]
	return json.Marshal(m)
}

func chainsTo(x5c []any, rootsPEM []byte) error {
	roots := x509.NewCertPool()
	for rest := bytes.TrimSpace(rootsPEM); len(rest) > 0; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return fmt.Errorf("parsing a root: %w", err)
		}
		roots.AddCert(c)
	}
	certs := make([]*x509.Certificate, 0, len(x5c))
	for _, raw := range x5c {
		der, _ := raw.([]byte)
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return fmt.Errorf("parsing the attestation certificate: %w", err)
		}
		certs = append(certs, c)
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	_, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	return err
}

func verifyError(msg string, err error) error {
	detail := err.Error()
	if pe, ok := err.(*protocol.Error); ok && pe.Details != "" {
		detail = pe.Details
	}
	return &Error{Code: "verification_failed", Message: msg + ": " + detail, Err: err,
		Hint: "the credential would be refused by Entra ID; run make-credential again with fresh options"}
}

func aaguidString(b []byte) string {
	if len(b) != 16 {
		return ""
	}
	return webauthn.AAGUIDString([16]byte(b))
}
