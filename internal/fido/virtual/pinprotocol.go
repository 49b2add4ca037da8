package virtual

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"io"
)

// pinProtocol is a PIN/UV auth protocol (CTAP 2.1 §6.5.6 one, §6.5.7 two), authenticator side.
type pinProtocol interface {
	// kdf derives the shared secret from the ECDH x-coordinate Z.
	kdf(z []byte) ([]byte, error)
	encrypt(rnd io.Reader, secret, plain []byte) ([]byte, error)
	decrypt(secret, ct []byte) ([]byte, error)
	// verify checks an authenticate(key, msg) value; key is a shared secret or a token.
	verify(key, msg, mac []byte) bool
}

type protocolOne struct{}

func (protocolOne) kdf(z []byte) ([]byte, error) {
	h := sha256.Sum256(z)
	return h[:], nil
}

func (protocolOne) encrypt(_ io.Reader, secret, plain []byte) ([]byte, error) {
	return cbcEncrypt(secret, make([]byte, aes.BlockSize), plain)
}

func (protocolOne) decrypt(secret, ct []byte) ([]byte, error) {
	return cbcDecrypt(secret, make([]byte, aes.BlockSize), ct)
}

func (protocolOne) verify(key, msg, mac []byte) bool {
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	return len(mac) == 16 && hmac.Equal(m.Sum(nil)[:16], mac)
}

type protocolTwo struct{}

var hkdfSalt = make([]byte, 32)

func (protocolTwo) kdf(z []byte) ([]byte, error) {
	hmacKey, err := hkdf.Key(sha256.New, z, hkdfSalt, "CTAP2 HMAC key", 32)
	if err != nil {
		return nil, err
	}
	aesKey, err := hkdf.Key(sha256.New, z, hkdfSalt, "CTAP2 AES key", 32)
	if err != nil {
		return nil, err
	}
	return append(hmacKey, aesKey...), nil
}

// aesKey picks protocol two's AES half of a shared secret.
func aesKey(secret []byte) []byte { return secret[32:] }

// hmacKey picks protocol two's HMAC half of a shared secret; a 32-byte token is used whole.
func hmacKey(key []byte) []byte {
	if len(key) == 64 {
		return key[:32]
	}
	return key
}

func (protocolTwo) encrypt(rnd io.Reader, secret, plain []byte) ([]byte, error) {
	iv := make([]byte, aes.BlockSize)
	if _, err := io.ReadFull(rnd, iv); err != nil {
		return nil, err
	}
	ct, err := cbcEncrypt(aesKey(secret), iv, plain)
	if err != nil {
		return nil, err
	}
	return append(iv, ct...), nil
}

func (protocolTwo) decrypt(secret, ct []byte) ([]byte, error) {
	if len(ct) < aes.BlockSize {
		return nil, errors.New("ciphertext too short")
	}
	return cbcDecrypt(aesKey(secret), ct[:aes.BlockSize], ct[aes.BlockSize:])
}

func (protocolTwo) verify(key, msg, mac []byte) bool {
	m := hmac.New(sha256.New, hmacKey(key))
	m.Write(msg)
	return len(mac) == 32 && hmac.Equal(m.Sum(nil), mac)
}

func cbcEncrypt(key, iv, plain []byte) ([]byte, error) {
	if len(plain)%aes.BlockSize != 0 {
		return nil, errors.New("plaintext not a multiple of the block size")
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(plain))
	cipher.NewCBCEncrypter(b, iv).CryptBlocks(out, plain)
	return out, nil
}

func cbcDecrypt(key, iv, ct []byte) ([]byte, error) {
	if len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return nil, errors.New("ciphertext not a multiple of the block size")
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(ct))
	cipher.NewCBCDecrypter(b, iv).CryptBlocks(out, ct)
	return out, nil
}

// platformKey reads the platform's COSE_Key (kty EC2, crv P-256) for ECDH.
func platformKey(cose map[int]any) (*ecdh.PublicKey, error) {
	x, _ := cose[-2].([]byte)
	y, _ := cose[-3].([]byte)
	if len(x) != 32 || len(y) != 32 {
		return nil, errors.New("keyAgreement is not a P-256 point")
	}
	return ecdh.P256().NewPublicKey(append(append([]byte{4}, x...), y...))
}
