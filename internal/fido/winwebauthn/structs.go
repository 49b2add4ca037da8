package winwebauthn

import "unsafe"

// The structures of webauthn.h (microsoft/webauthn, mirrored in mingw-w64), field for
// field. Go lays a struct out as C does on the same architecture (DWORD and BOOL are
// 32 bits, pointers the machine's width, each field aligned to its size), so these
// match the DLL's on windows/amd64, arm64 and 386. Later struct versions only append
// fields: the DLL reads as far as dwVersion says, and we read back only what the
// version it wrote says is there.

// rpEntityInformation is WEBAUTHN_RP_ENTITY_INFORMATION.
type rpEntityInformation struct {
	Version uint32
	ID      *uint16
	Name    *uint16
	Icon    *uint16
}

// userEntityInformation is WEBAUTHN_USER_ENTITY_INFORMATION.
type userEntityInformation struct {
	Version     uint32
	IDLen       uint32
	ID          *byte
	Name        *uint16
	Icon        *uint16
	DisplayName *uint16
}

// clientData is WEBAUTHN_CLIENT_DATA: the clientDataJSON the DLL hashes for the key.
type clientData struct {
	Version   uint32
	JSONLen   uint32
	JSON      *byte
	HashAlgID *uint16
}

// coseCredentialParameter is WEBAUTHN_COSE_CREDENTIAL_PARAMETER.
type coseCredentialParameter struct {
	Version        uint32
	CredentialType *uint16
	Alg            int32
}

// coseCredentialParameters is WEBAUTHN_COSE_CREDENTIAL_PARAMETERS.
type coseCredentialParameters struct {
	Count  uint32
	Params *coseCredentialParameter
}

// credential is WEBAUTHN_CREDENTIAL.
type credential struct {
	Version        uint32
	IDLen          uint32
	ID             *byte
	CredentialType *uint16
}

// credentials is WEBAUTHN_CREDENTIALS.
type credentials struct {
	Count       uint32
	Credentials *credential
}

// credentialEx is WEBAUTHN_CREDENTIAL_EX.
type credentialEx struct {
	Version        uint32
	IDLen          uint32
	ID             *byte
	CredentialType *uint16
	Transports     uint32
}

// credentialList is WEBAUTHN_CREDENTIAL_LIST.
type credentialList struct {
	Count       uint32
	Credentials **credentialEx
}

// extension is WEBAUTHN_EXTENSION.
type extension struct {
	ID    *uint16
	Len   uint32
	Value unsafe.Pointer
}

// extensions is WEBAUTHN_EXTENSIONS.
type extensions struct {
	Count      uint32
	Extensions *extension
}

// credProtectExtensionIn is WEBAUTHN_CRED_PROTECT_EXTENSION_IN.
type credProtectExtensionIn struct {
	CredProtect        uint32
	RequireCredProtect int32
}

// guid is Windows' GUID, here a cancellation id.
type guid struct {
	Data1 uint32
	Data2 uint16
	Data3 uint16
	Data4 [8]byte
}

// makeCredentialOptions is WEBAUTHN_AUTHENTICATOR_MAKE_CREDENTIAL_OPTIONS up to
// version 7, the last one webauthn.h defines here.
type makeCredentialOptions struct {
	Version                         uint32
	TimeoutMilliseconds             uint32
	CredentialList                  credentials
	Extensions                      extensions
	AuthenticatorAttachment         uint32
	RequireResidentKey              int32
	UserVerificationRequirement     uint32
	AttestationConveyancePreference uint32
	Flags                           uint32
	// Version 2.
	CancellationID *guid
	// Version 3: when set, the DLL ignores CredentialList.
	ExcludeCredentialList *credentialList
	// Version 4.
	EnterpriseAttestation uint32
	LargeBlobSupport      uint32
	PreferResidentKey     int32
	// Version 5.
	BrowserInPrivateMode int32
	// Version 6.
	EnablePRF int32
	// Version 7.
	LinkedDevice unsafe.Pointer
	JSONExtLen   uint32
	JSONExt      *byte
}

// credentialAttestation is WEBAUTHN_CREDENTIAL_ATTESTATION up to version 6.
type credentialAttestation struct {
	Version               uint32
	FormatType            *uint16
	AuthenticatorDataLen  uint32
	AuthenticatorData     *byte
	AttestationLen        uint32
	Attestation           *byte
	AttestationDecodeType uint32
	AttestationDecode     unsafe.Pointer
	AttestationObjectLen  uint32
	AttestationObject     *byte
	CredentialIDLen       uint32
	CredentialID          *byte
	// Version 2.
	Extensions extensions
	// Version 3: one WEBAUTHN_CTAP_TRANSPORT_* bit.
	UsedTransport uint32
	// Version 4.
	EpAtt              int32
	LargeBlobSupported int32
	ResidentKey        int32
	// Version 5.
	PRFEnabled int32
	// Version 6.
	UnsignedExtensionOutputsLen uint32
	UnsignedExtensionOutputs    *byte
}

// webauthn.h's constants that the mapping uses.
const (
	attachmentCrossPlatform = 2 // WEBAUTHN_AUTHENTICATOR_ATTACHMENT_CROSS_PLATFORM

	uvRequired    = 1 // WEBAUTHN_USER_VERIFICATION_REQUIREMENT_REQUIRED
	uvDiscouraged = 3 // WEBAUTHN_USER_VERIFICATION_REQUIREMENT_DISCOURAGED

	attestationDirect = 3 // WEBAUTHN_ATTESTATION_CONVEYANCE_PREFERENCE_DIRECT

	transportUSB      = 0x01
	transportNFC      = 0x02
	transportBLE      = 0x04
	transportInternal = 0x10
	transportHybrid   = 0x20
)

// UTF-16 names webauthn.h spells as wide-string macros.
const (
	credentialTypePublicKey = "public-key"  // WEBAUTHN_CREDENTIAL_TYPE_PUBLIC_KEY
	hashAlgSHA256           = "SHA-256"     // WEBAUTHN_HASH_ALGORITHM_SHA_256
	extHMACSecret           = "hmac-secret" // WEBAUTHN_EXTENSIONS_IDENTIFIER_HMAC_SECRET
	extCredProtect          = "credProtect" // WEBAUTHN_EXTENSIONS_IDENTIFIER_CRED_PROTECT
)
