package winwebauthn

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// collectedClientData is the part of WebAuthn §5.8.1's CollectedClientData we check.
type collectedClientData struct {
	Type        string `json:"type"`
	Challenge   string `json:"challenge"`
	Origin      string `json:"origin"`
	CrossOrigin *bool  `json:"crossOrigin"`
}

// checkClientData checks the clientDataJSON webauthn.dll is given, which is the
// document it hashes for the key and the one that goes to Graph with the attestation:
// a registration (type webauthn.create), a challenge, the origin https://<rp.id>, not
// cross-origin, and the hash the caller computed when it gave one.
func checkClientData(req *fido.CredentialRequest) error {
	bad := func(msg string) error {
		return fido.New("invalid_options", "the clientDataJSON for webauthn.dll "+msg, nil)
	}
	var cd collectedClientData
	dec := json.NewDecoder(bytes.NewReader(req.ClientDataJSON))
	if err := dec.Decode(&cd); err != nil || dec.More() {
		return bad("is not one JSON object")
	}
	if cd.Type != "webauthn.create" {
		return bad("is not a registration (type " + quote(cd.Type) + ")")
	}
	if cd.Challenge == "" {
		return bad("has no challenge")
	}
	if _, err := base64.RawURLEncoding.Strict().DecodeString(strings.TrimRight(cd.Challenge, "=")); err != nil {
		return bad("has a challenge that is not base64url")
	}
	if want := "https://" + req.RP.ID; cd.Origin != want {
		return bad("has origin " + quote(cd.Origin) + ", not " + want)
	}
	if cd.CrossOrigin != nil && *cd.CrossOrigin {
		return bad("is cross-origin")
	}
	if len(req.ClientDataHash) > 0 {
		if h := sha256.Sum256(req.ClientDataJSON); !bytes.Equal(h[:], req.ClientDataHash) {
			return bad("does not hash to the request's client data hash")
		}
	}
	return nil
}

// quote bounds a value from a document for a message.
func quote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	b, _ := json.Marshal(s)
	return string(b)
}
