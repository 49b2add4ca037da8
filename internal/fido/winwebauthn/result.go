package winwebauthn

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// Result is what webauthn.dll returns for a new credential, with the document it made
// it over.
type Result struct {
	// AttestationObject is the DLL's CBOR attestationObject, as a relying party gets it.
	AttestationObject []byte
	// ClientDataJSON is the document the DLL hashed for the key (checked before the call).
	ClientDataJSON []byte
	// Attestation is the same credential in the parts every backend returns.
	Attestation *fido.Attestation
	// Transport is how the DLL reached the key ("usb", "nfc", "ble", "hybrid",
	// "internal"), "" when its result version does not say.
	Transport string
	// ResidentKey says whether the credential is discoverable, nil when the DLL's
	// result version does not say.
	ResidentKey *bool
}

// readAttestation copies the DLL's result out of its memory (before
// WebAuthNFreeCredentialAttestation) and checks it against req: the attestation object
// parses, says what the separate fields say, is for req's relying party, was made with
// the user present (and verified, when req asked), and holds a credential of an
// algorithm req allowed.
func readAttestation(att *credentialAttestation, req *fido.CredentialRequest) (*Result, error) {
	if att == nil {
		return nil, attestationError("no credential", nil)
	}
	if att.Version < 1 {
		return nil, attestationError(fmt.Sprintf("a result of version %d", att.Version), nil)
	}
	for _, n := range []uint32{att.AuthenticatorDataLen, att.AttestationObjectLen, att.CredentialIDLen} {
		if n > webauthn.MaxAttestationSize {
			return nil, attestationError("a result larger than 64 KiB", nil)
		}
	}
	format := goWString(att.FormatType)
	authData := goBytes(att.AuthenticatorData, att.AuthenticatorDataLen)
	attObj := goBytes(att.AttestationObject, att.AttestationObjectLen)
	credID := goBytes(att.CredentialID, att.CredentialIDLen)
	res := &Result{AttestationObject: attObj, ClientDataJSON: append([]byte(nil), req.ClientDataJSON...)}
	if att.Version >= 3 {
		res.Transport = transportName(att.UsedTransport)
	}
	if att.Version >= 4 {
		rk := att.ResidentKey != 0
		res.ResidentKey = &rk
	}

	obj, ad, err := webauthn.ParseAttestationObject(attObj)
	if err != nil {
		return nil, attestationError("an attestation object that does not parse", err)
	}
	switch {
	case format != "" && obj.Format != format:
		return nil, attestationError(fmt.Sprintf("format %q beside an attestation object of format %q", format, obj.Format), nil)
	case len(authData) > 0 && !bytes.Equal(authData, obj.AuthData):
		return nil, attestationError("authenticator data that differ from the attestation object's", nil)
	case ad.RPIDHash != sha256.Sum256([]byte(req.RP.ID)):
		return nil, attestationError("a credential for another relying party than "+req.RP.ID, nil)
	case !ad.UserPresent():
		return nil, attestationError("a credential made without the user present", nil)
	case req.UserVerification && !ad.UserVerified():
		return nil, attestationError("a credential made without user verification, which was required", nil)
	case ad.AttestedCredential == nil:
		return nil, attestationError("authenticator data without a credential", nil)
	case len(credID) > 0 && !bytes.Equal(credID, ad.AttestedCredential.CredentialID):
		return nil, attestationError("a credential id that differs from the authenticator data's", nil)
	case !slices.Contains(req.Algorithms, ad.AttestedCredential.Alg):
		return nil, attestationError(fmt.Sprintf("a credential of algorithm %d, which was not asked for", ad.AttestedCredential.Alg), nil)
	}
	sig, alg, cert, err := statement(obj.AttStmt)
	if err != nil {
		return nil, err
	}
	// Self attestation signs with the credential's own key (WebAuthn §8.2.1).
	if obj.Format == "packed" && cert == nil && alg != ad.AttestedCredential.Alg {
		return nil, attestationError(fmt.Sprintf("a self attestation of algorithm %d for a credential of algorithm %d", alg, ad.AttestedCredential.Alg), nil)
	}
	res.Attestation = &fido.Attestation{
		Format:       obj.Format,
		AuthData:     obj.AuthData,
		CredentialID: ad.AttestedCredential.CredentialID,
		Algorithm:    ad.AttestedCredential.Alg,
		Sig:          sig,
		Cert:         cert,
	}
	return res, nil
}

// statement reads attStmt's sig, alg and leaf certificate (WebAuthn §8.2, §8.6); none
// of them is there for format none.
func statement(stmt map[string]any) (sig []byte, alg int, cert []byte, err error) {
	if v, ok := stmt["sig"]; ok {
		if sig, ok = v.([]byte); !ok {
			return nil, 0, nil, attestationError("an attestation signature that is not a byte string", nil)
		}
	}
	switch v := stmt["alg"].(type) {
	case nil:
	case int64:
		alg = int(v)
	case uint64:
		alg = int(v)
	default:
		return nil, 0, nil, attestationError("an attestation algorithm that is not an integer", nil)
	}
	if v, ok := stmt["x5c"]; ok {
		chain, ok := v.([]any)
		if !ok || len(chain) == 0 {
			return nil, 0, nil, attestationError("an empty or malformed certificate chain", nil)
		}
		if cert, ok = chain[0].([]byte); !ok {
			return nil, 0, nil, attestationError("an attestation certificate that is not a byte string", nil)
		}
	}
	return sig, alg, cert, nil
}

// transportName names a WEBAUTHN_CTAP_TRANSPORT_* bit as WebAuthn's AuthenticatorTransport does.
func transportName(t uint32) string {
	switch {
	case t&transportUSB != 0:
		return "usb"
	case t&transportNFC != 0:
		return "nfc"
	case t&transportBLE != 0:
		return "ble"
	case t&transportHybrid != 0:
		return "hybrid"
	case t&transportInternal != 0:
		return "internal"
	}
	return ""
}
