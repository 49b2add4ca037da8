package fido

// RelyingParty identifies the relying party a credential is made for.
type RelyingParty struct {
	ID   string
	Name string
}

// User is the user a credential is made for (WebAuthn §5.4.3).
type User struct {
	ID          []byte
	Name        string
	DisplayName string
}

// CredentialRequest is an authenticatorMakeCredential request, already reduced to what
// the key needs: the client data is hashed by the caller.
type CredentialRequest struct {
	ClientDataHash []byte
	// ClientDataJSON is what ClientDataHash hashes: a platform API (webauthn.dll) takes
	// the JSON itself and hashes it.
	ClientDataJSON []byte
	RP             RelyingParty
	User           User
	// Algorithms lists COSE algorithm identifiers in order of preference; the first one
	// the key supports is used.
	Algorithms []int
	// ResidentKey asks for a discoverable credential.
	ResidentKey bool
	// UserVerification asks the key to verify the user (with the PIN).
	UserVerification bool
	// CredProtect is the credProtect level (1..3), 0 to leave the extension out.
	CredProtect int
	// HMACSecret asks for the hmac-secret extension.
	HMACSecret bool
	// ExcludeList holds credential ids that must not already be on the key.
	ExcludeList [][]byte
	PIN         PIN
}

// Attestation is what the key returns from makeCredential, in the parts libfido2 gives.
type Attestation struct {
	Format string
	// AuthData is the raw authenticator data (webauthn.UnwrapAuthData also takes it
	// wrapped in a CBOR byte string, as fido_cred_authdata_ptr gives it).
	AuthData     []byte
	CredentialID []byte
	// Algorithm is the credential's COSE algorithm.
	Algorithm int
	Sig       []byte
	// Cert is the attestation certificate (DER), empty for self attestation.
	Cert []byte
}

// Check refuses a request no backend can send: backends' libraries answer an empty
// field with a bare "invalid argument", which tells nobody what was missing.
func (r *CredentialRequest) Check() error {
	switch {
	case r.RP.ID == "":
		return New("device_error", "no relying party id", nil)
	case len(r.User.ID) == 0 || r.User.Name == "":
		return New("device_error", "no user id or user name", nil)
	case len(r.Algorithms) == 0:
		return ErrUnsupportedAlgorithm
	}
	return nil
}
