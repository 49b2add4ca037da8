package winwebauthn

import "fmt"

// structVersions are the struct versions one webauthn.dll API version defines
// (webauthn.h's WEBAUTHN_API_VERSION_n comments).
type structVersions struct {
	MakeCredentialOptions uint32
	// CredentialAttestation is the newest result version the DLL may write.
	CredentialAttestation uint32
}

// versionsFor returns the struct versions API version api defines, capped at
// version 7's, the newest structs.go lays out. A newer DLL accepts older structs, and
// writes its result at whatever version it likes, which result.go reads only as far
// as it knows.
func versionsFor(api uint32) (structVersions, error) {
	switch {
	case api == 0:
		return structVersions{}, fmt.Errorf("webauthn.dll reports API version 0")
	case api <= 2: // version 2 added only the credProtect extension
		return structVersions{MakeCredentialOptions: 3, CredentialAttestation: 3}, nil
	case api == 3:
		return structVersions{MakeCredentialOptions: 4, CredentialAttestation: 4}, nil
	case api <= 5:
		return structVersions{MakeCredentialOptions: 5, CredentialAttestation: 4}, nil
	case api == 6:
		return structVersions{MakeCredentialOptions: 6, CredentialAttestation: 5}, nil
	default: // 7 and later
		return structVersions{MakeCredentialOptions: 7, CredentialAttestation: 6}, nil
	}
}

// hasCredProtect reports whether API version api knows the credProtect extension.
func hasCredProtect(api uint32) bool { return api >= 2 }
