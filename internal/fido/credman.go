package fido

import "context"

// StoredCredential is one discoverable credential a key holds, as credential
// management (CTAP 2.1 §6.8, authenticatorCredentialManagement) lists it.
type StoredCredential struct {
	RPID         string `json:"rpId"`
	CredentialID []byte `json:"credentialId"`
	// UserID is the user handle the relying party gave at registration.
	UserID          []byte `json:"userId"`
	UserName        string `json:"userName"`
	UserDisplayName string `json:"userDisplayName,omitempty"`
	// CredProtect is the credential's protection level (1–3), 0 when the key does not say.
	CredProtect int `json:"credProtect"`
}

// CredentialList is what a key holds for one relying party.
type CredentialList struct {
	RPID        string             `json:"rpId"`
	Credentials []StoredCredential `json:"credentials"`
	// Remaining is how many more discoverable credentials fit, nil when the key does
	// not say.
	Remaining *int `json:"remaining"`
}

// CredentialManager is a device that can list and delete the discoverable credentials
// it holds. Both need the PIN (a pinUvAuthToken with the cm permission).
type CredentialManager interface {
	// Credentials lists the credentials for rpID (none is an empty list, not an error).
	Credentials(ctx context.Context, rpID string, pin PIN) (*CredentialList, error)
	// DeleteCredential removes the credential with id; credential_not_on_key when the key
	// holds no such credential.
	DeleteCredential(ctx context.Context, id []byte, pin PIN) error
}

// ErrCredentialNotOnKey is deleting (or finding) a credential the key does not hold.
var ErrCredentialNotOnKey = sentinel("credential_not_on_key")

// ErrNoCredentialManagement is what ManageCredentials says for a backend or a key that
// cannot list credentials.
var ErrNoCredentialManagement = New("unsupported_by_backend", "this key backend cannot list or delete the credentials on a key (credential management needs raw CTAP: run elevated, or use the libfido2 backend)", nil)

// ManageCredentials returns dev's credential management, ErrNoCredentialManagement when
// its backend has none.
func ManageCredentials(dev Device) (CredentialManager, error) {
	if m, ok := dev.(CredentialManager); ok {
		return m, nil
	}
	return nil, ErrNoCredentialManagement
}
