package webauthn

import "crypto/sha256"

// ClientDataJSON returns the collected client data (WebAuthn §5.8.1) Entra ID expects,
// byte for byte: compact, in this key order, the challenge exactly as Graph sent it
// (validated base64url, so it needs no escaping) and the origin https://<rp.id>.
func ClientDataJSON(challenge, rpID string) []byte {
	b := make([]byte, 0, len(challenge)+len(rpID)+90)
	b = append(b, `{"type":"webauthn.create","challenge":"`...)
	b = append(b, challenge...)
	b = append(b, `","origin":"https://`...)
	b = append(b, rpID...)
	b = append(b, `","crossOrigin":false}`...)
	return b
}

// ClientDataHash is the SHA-256 of clientDataJSON that the key signs.
func ClientDataHash(clientDataJSON []byte) []byte {
	h := sha256.Sum256(clientDataJSON)
	return h[:]
}
