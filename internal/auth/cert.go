package auth

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"errors"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"software.sslmate.com/src/go-pkcs12"
)

// loadCertificate reads a PEM (certificate(s) and private key) or a PFX. PFX goes through
// go-pkcs12 because golang.org/x/crypto/pkcs12 cannot read the AES-encrypted files that
// OpenSSL 3 and current Windows export by default.
func loadCertificate(data []byte, password string) ([]*x509.Certificate, crypto.PrivateKey, error) {
	bad := func(msg string, err error) ([]*x509.Certificate, crypto.PrivateKey, error) {
		// The decoders' messages say what is wrong with the structure, never the key or password.
		return nil, nil, &Error{Code: "auth_config_invalid", Message: msg + ": " + err.Error(), Err: err,
			Hint: "give a PEM with the certificate and its unencrypted private key, or a PFX and its password"}
	}
	if bytes.Contains(data, []byte("-----BEGIN")) {
		certs, key, err := confidential.CertFromPEM(data, password)
		if err != nil {
			return bad("reading the PEM certificate", err)
		}
		return certs, key, nil
	}
	key, leaf, chain, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, nil, &Error{Code: "auth_config_invalid", Message: "the PFX password is wrong", Err: err,
				Hint: "give the PFX's password in a file or a named environment variable"}
		}
		return bad("reading the PFX certificate", err)
	}
	return append([]*x509.Certificate{leaf}, chain...), key, nil
}
