package virtual

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"fmt"
)

// COSE algorithms the key supports (CTAP 2.1 §6.4 algorithms).
const (
	algES256 = -7
	algEdDSA = -8
)

// newCredentialKey makes a credential key pair; it returns the PKCS #8 private key and
// the COSE_Key encoding of the public key (RFC 9053 §7).
func newCredentialKey(rnd randSource, alg int) (priv []byte, coseKey []byte, err error) {
	switch alg {
	case algES256:
		k, err := ecdsa.GenerateKey(elliptic.P256(), rnd)
		if err != nil {
			return nil, nil, err
		}
		priv, err = x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			return nil, nil, err
		}
		pub, _ := k.PublicKey.ECDH()
		raw := pub.Bytes() // 0x04 || x || y
		coseKey, err = ctap2Enc.Marshal(map[int]any{1: 2, 3: algES256, -1: 1, -2: raw[1:33], -3: raw[33:65]})
		return priv, coseKey, err
	case algEdDSA:
		pub, k, err := ed25519.GenerateKey(rnd)
		if err != nil {
			return nil, nil, err
		}
		priv, err = x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			return nil, nil, err
		}
		coseKey, err = ctap2Enc.Marshal(map[int]any{1: 1, 3: algEdDSA, -1: 6, -2: []byte(pub)})
		return priv, coseKey, err
	}
	return nil, nil, fmt.Errorf("algorithm %d not supported", alg)
}

// sign signs authData || clientDataHash with a credential's key (WebAuthn §6.3.3).
func sign(rnd randSource, c *Credential, authData, cdh []byte) ([]byte, error) {
	k, err := x509.ParsePKCS8PrivateKey(c.PrivateKey)
	if err != nil {
		return nil, err
	}
	msg := append(append([]byte{}, authData...), cdh...)
	switch key := k.(type) {
	case *ecdsa.PrivateKey:
		h := sha256.Sum256(msg)
		return ecdsa.SignASN1(rnd, key, h[:])
	case ed25519.PrivateKey:
		return key.Sign(rnd, msg, crypto.Hash(0))
	}
	return nil, fmt.Errorf("credential key %T not supported", k)
}

// publicCOSEKey is the COSE_Key of a stored credential's public key, as credential
// management lists it.
func publicCOSEKey(c *Credential) ([]byte, error) {
	k, err := x509.ParsePKCS8PrivateKey(c.PrivateKey)
	if err != nil {
		return nil, err
	}
	switch key := k.(type) {
	case *ecdsa.PrivateKey:
		pub, err := key.PublicKey.ECDH()
		if err != nil {
			return nil, err
		}
		raw := pub.Bytes()
		return ctap2Enc.Marshal(map[int]any{1: 2, 3: algES256, -1: 1, -2: raw[1:33], -3: raw[33:65]})
	case ed25519.PrivateKey:
		return ctap2Enc.Marshal(map[int]any{1: 1, 3: algEdDSA, -1: 6, -2: []byte(key.Public().(ed25519.PublicKey))})
	}
	return nil, fmt.Errorf("credential key %T not supported", k)
}
