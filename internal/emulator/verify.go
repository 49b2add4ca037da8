package emulator

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncbor"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
	"github.com/google/uuid"
)

// clientData is the part of clientDataJSON Entra checks.
type clientData struct {
	Type        string `json:"type"`
	Challenge   string `json:"challenge"`
	Origin      string `json:"origin"`
	CrossOrigin *bool  `json:"crossOrigin"`
}

// verified is a registration that passed every check except the stateful ones
// (duplicate credential, spent nonce), which the store makes atomically.
type verified struct {
	credentialID []byte
	publicKey    []byte
	aaguid       string
	format       string
	thumbprints  []string
	attested     bool
	nonce        [16]byte
	expires      time.Time
}

func bad(code, format string, args ...any) *graphError {
	return gerr(http.StatusBadRequest, code, format, args...)
}

// verifyRegistration checks a POSTed credential for user u as Entra does.
func (s *Server) verifyRegistration(u *User, body *registerBody) (*verified, *graphError) {
	cdRaw, err := decodeB64(body.PublicKeyCredential.Response.ClientDataJSON)
	var cd clientData
	if err != nil || json.Unmarshal(cdRaw, &cd) != nil {
		return nil, bad(CodeInvalidClientData, "clientDataJSON is not base64url-encoded JSON.")
	}
	if cd.Type != "webauthn.create" {
		return nil, bad(CodeInvalidClientData, "clientDataJSON type is '%s', expected 'webauthn.create'.", cd.Type)
	}
	v := &verified{}
	if e := s.checkChallenge(u, cd.Challenge, v); e != nil {
		return nil, e
	}
	rp := s.cfg.rpID()
	if cd.Origin != "https://"+rp || (cd.CrossOrigin != nil && *cd.CrossOrigin) {
		return nil, bad(CodeInvalidOrigin, "clientDataJSON origin '%s' is not 'https://%s', or crossOrigin is true.", cd.Origin, rp)
	}
	attRaw, err := decodeB64(body.PublicKeyCredential.Response.AttestationObject)
	var att protocol.AttestationObject
	if err == nil {
		err = webauthncbor.Unmarshal(attRaw, &att)
	}
	if err == nil {
		err = att.AuthData.Unmarshal(att.RawAuthData)
	}
	if err != nil {
		return nil, bad(CodeInvalidAttestationObject, "The attestationObject could not be decoded: %s.", detail(err))
	}
	ad := &att.AuthData
	rpHash := sha256.Sum256([]byte(rp))
	switch {
	case !bytes.Equal(ad.RPIDHash, rpHash[:]):
		return nil, bad(CodeInvalidRPIDHash, "The rpIdHash in authenticator data is not the SHA-256 of '%s'.", rp)
	case !ad.Flags.UserPresent():
		return nil, bad(CodeUserPresenceRequired, "User presence (UP) is required.")
	case !ad.Flags.UserVerified():
		return nil, bad(CodeUserVerificationRequired, "User verification (UV) is required.")
	case !ad.Flags.HasAttestedCredentialData() || len(ad.AttData.CredentialID) == 0:
		return nil, bad(CodeInvalidAttestationObject, "The authenticator data has no attested credential.")
	}
	if id, err := decodeB64(body.PublicKeyCredential.ID); err != nil || !bytes.Equal(id, ad.AttData.CredentialID) {
		return nil, bad(CodeInvalidCredentialID, "publicKeyCredential.id does not match the credential id in the attestation.")
	}
	var pk webauthncose.PublicKeyData
	if webauthncbor.Unmarshal(ad.AttData.CredentialPublicKey, &pk) != nil {
		return nil, bad(CodeInvalidAttestationObject, "The credential public key is not a COSE key.")
	}
	if _, err := webauthncose.ParsePublicKey(ad.AttData.CredentialPublicKey); err != nil {
		return nil, bad(CodeInvalidAttestationObject, "The credential public key is not valid: %s.", detail(err))
	}
	if pk.Algorithm != -7 && pk.Algorithm != -257 {
		return nil, bad(CodeUnsupportedAlgorithm, "The credential algorithm %d is not one of -7 (ES256) and -257 (RS256).", pk.Algorithm)
	}
	v.credentialID, v.publicKey = ad.AttData.CredentialID, ad.AttData.CredentialPublicKey
	aaguid, _ := uuid.FromBytes(ad.AttData.AAGUID)
	v.aaguid, v.format = aaguid.String(), att.Format
	if e := s.checkAttestation(&att, cdRaw, v); e != nil {
		return nil, e
	}
	return v, s.checkKeyPolicy(u, v)
}

// checkChallenge opens the challenge and checks it is Entra's, this user's, live and unspent.
func (s *Server) checkChallenge(u *User, challenge string, v *verified) *graphError {
	raw, err := base64.RawURLEncoding.DecodeString(challenge)
	if err != nil {
		return bad(CodeInvalidChallenge, "The challenge in clientDataJSON is not the base64url challenge Entra issued.")
	}
	claims, err := s.openChallenge(raw)
	if err != nil {
		return bad(CodeInvalidChallenge, "The challenge was not issued by this tenant or was altered.")
	}
	if claims.userID.String() != u.ID {
		return bad(CodeInvalidChallenge, "The challenge was issued for a different user.")
	}
	if !s.now().Before(claims.expires) {
		return bad(CodeChallengeExpired, "The challenge has expired: it was valid until %s. Request new creation options.",
			claims.expires.UTC().Format(time.RFC3339))
	}
	s.mu.Lock()
	_, used := s.dir.usedNonces[claims.nonce]
	s.mu.Unlock()
	if used {
		return bad(CodeChallengeAlreadyUsed, "The challenge has already been used for a registration. Request new creation options.")
	}
	v.nonce, v.expires = claims.nonce, claims.expires
	return nil
}

// checkAttestation verifies the statement with go-webauthn and decides whether the
// chain reaches a configured root (the method is then "attested").
func (s *Server) checkAttestation(att *protocol.AttestationObject, clientDataJSON []byte, v *verified) *graphError {
	switch att.Format {
	case "none", "packed", "tpm":
	default:
		return bad(CodeUnsupportedAttestationFormat, "The attestation format '%s' is not accepted; use none, packed or tpm.", att.Format)
	}
	hash := sha256.Sum256(clientDataJSON)
	if err := att.VerifyAttestation(hash[:], nil, protocol.AttestationPolicy{}, protocol.SignaturePolicy{}); err != nil {
		return bad(CodeInvalidAttestation, "The attestation statement failed verification: %s.", detail(err))
	}
	raw, _ := att.AttStatement["x5c"].([]any)
	var chain []*x509.Certificate
	for _, r := range raw {
		der, _ := r.([]byte)
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			return bad(CodeInvalidAttestation, "An x5c certificate could not be parsed.")
		}
		sum := sha1.Sum(der)
		v.thumbprints = append(v.thumbprints, hex.EncodeToString(sum[:]))
		chain = append(chain, cert)
	}
	if len(chain) > 0 && s.roots != nil {
		inter := x509.NewCertPool()
		for _, c := range chain[1:] {
			inter.AddCert(c)
		}
		_, err := chain[0].Verify(x509.VerifyOptions{Roots: s.roots, Intermediates: inter, CurrentTime: s.now(),
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
		v.attested = err == nil
	}
	return nil
}

// checkKeyPolicy allows the key if any rule that applies to the user allows it.
func (s *Server) checkKeyPolicy(u *User, v *verified) *graphError {
	rules := s.rulesFor(u)
	var attestationBlocked string
	deviceBound := false
	for _, r := range rules {
		deviceBound = deviceBound || r.deviceBound
		if !r.deviceBound || !r.allows(v.aaguid) {
			continue
		}
		if r.attestationEnforce && !(v.format == "packed" && v.attested) {
			attestationBlocked = r.name
			continue
		}
		return nil
	}
	if !deviceBound {
		return bad(CodePasskeyTypeNotAllowed, "The passkey profiles that apply to this user do not allow device-bound passkeys.")
	}
	if attestationBlocked != "" {
		return bad(CodeAttestationNotTrusted, "Attestation is enforced by the %s and the key's attestation is not packed with a chain to a trusted root.", attestationBlocked)
	}
	return bad(CodeAAGUIDNotAllowed, "The authenticator model (AAGUID %s) is not allowed by the key restrictions of the FIDO2 policy.", v.aaguid)
}

// decodeB64 takes base64url with or without padding, and standard base64, as Graph does.
func decodeB64(s string) ([]byte, error) {
	s = strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(s), "=")
	if s == "" {
		return nil, errors.New("empty")
	}
	return base64.RawURLEncoding.DecodeString(s)
}

// detail extracts go-webauthn's description of a failure without its Go type noise.
func detail(err error) string {
	var pe *protocol.Error
	if errors.As(err, &pe) {
		msg := pe.Details
		if pe.DevInfo != "" {
			msg += " (" + pe.DevInfo + ")"
		}
		return strings.TrimSuffix(msg, ".")
	}
	return strings.TrimSuffix(err.Error(), ".")
}
