package winwebauthn

import (
	"fmt"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// makeCredentialCall holds the arguments of one WebAuthNAuthenticatorMakeCredential
// call. Everything the structs point to is Go memory reachable from here, so keeping
// the call alive until the DLL returns (runtime.KeepAlive) keeps all of it.
type makeCredentialCall struct {
	RP         rpEntityInformation
	User       userEntityInformation
	Params     coseCredentialParameters
	ClientData clientData
	Options    makeCredentialOptions

	// The memory the structs point into.
	params      []coseCredentialParameter
	exclude     []credential
	excludeEx   []credentialEx
	excludePtrs []*credentialEx
	excludeList credentialList
	exts        []extension
	hmacSecret  int32
	credProtect credProtectExtensionIn
	cancelID    guid
	keep        [][]byte
}

// defaultTimeout is the DLL's timeout when ctx has no deadline: the DLL needs one,
// and two minutes is what a person needs to find the key, type the PIN and touch it.
const defaultTimeout = 2 * time.Minute

// newCall maps req onto the structs API version api defines. cancel, when not nil, is
// the cancellation id WebAuthNCancelCurrentOperation will be given.
func newCall(req *fido.CredentialRequest, api uint32, timeout time.Duration, cancel *guid) (*makeCredentialCall, error) {
	if err := validate(req); err != nil {
		return nil, err
	}
	versions, err := versionsFor(api)
	if err != nil {
		return nil, fido.New("unsupported_by_backend", "webauthn.dll reports no usable API version", err)
	}
	c := &makeCredentialCall{}
	// Every byte slice the DLL reads is a copy owned by the call.
	own := func(b []byte) (*byte, uint32) {
		b = append([]byte(nil), b...)
		c.keep = append(c.keep, b)
		return bytesPtr(b)
	}
	var werr error
	w := func(s string) *uint16 {
		p, err := wstr(s)
		if err != nil && werr == nil {
			werr = err
		}
		return p
	}
	publicKey := w(credentialTypePublicKey)

	c.RP = rpEntityInformation{Version: 1, ID: w(req.RP.ID), Name: w(req.RP.Name)}
	c.User = userEntityInformation{Version: 1, Name: w(req.User.Name), DisplayName: w(req.User.DisplayName)}
	c.User.ID, c.User.IDLen = own(req.User.ID)

	for _, alg := range req.Algorithms {
		c.params = append(c.params, coseCredentialParameter{Version: 1, CredentialType: publicKey, Alg: int32(alg)})
	}
	c.Params = coseCredentialParameters{Count: uint32(len(c.params)), Params: &c.params[0]}

	c.ClientData = clientData{Version: 1, HashAlgID: w(hashAlgSHA256)}
	c.ClientData.JSON, c.ClientData.JSONLen = own(req.ClientDataJSON)

	o := &c.Options
	o.Version = versions.MakeCredentialOptions
	o.TimeoutMilliseconds = uint32(timeout / time.Millisecond)
	// Security keys only: never Windows Hello's platform authenticator.
	o.AuthenticatorAttachment = attachmentCrossPlatform
	o.RequireResidentKey = boolean(req.ResidentKey)
	o.UserVerificationRequirement = uvDiscouraged
	if req.UserVerification {
		o.UserVerificationRequirement = uvRequired
	}
	o.AttestationConveyancePreference = attestationDirect

	// The exclude list, both ways: WEBAUTHN_CREDENTIALS for version 1 and 2 readers,
	// WEBAUTHN_CREDENTIAL_LIST (which wins from version 3) for the others.
	if n := len(req.ExcludeList); n > 0 {
		c.exclude = make([]credential, n)
		c.excludeEx = make([]credentialEx, n)
		c.excludePtrs = make([]*credentialEx, n)
		for i, id := range req.ExcludeList {
			p, l := own(id)
			c.exclude[i] = credential{Version: 1, IDLen: l, ID: p, CredentialType: publicKey}
			c.excludeEx[i] = credentialEx{Version: 1, IDLen: l, ID: p, CredentialType: publicKey}
			c.excludePtrs[i] = &c.excludeEx[i]
		}
		o.CredentialList = credentials{Count: uint32(n), Credentials: &c.exclude[0]}
		c.excludeList = credentialList{Count: uint32(n), Credentials: &c.excludePtrs[0]}
		o.ExcludeCredentialList = &c.excludeList
	}

	if req.HMACSecret {
		c.hmacSecret = 1
		c.exts = append(c.exts, extension{ID: w(extHMACSecret), Len: uint32(unsafe.Sizeof(c.hmacSecret)), Value: unsafe.Pointer(&c.hmacSecret)})
	}
	switch {
	case req.CredProtect == 0:
	case req.CredProtect < 0 || req.CredProtect > 3:
		return nil, fido.New("device_error", fmt.Sprintf("credProtect level %d does not exist", req.CredProtect), nil)
	case !hasCredProtect(api):
		return nil, fido.New("unsupported_by_backend",
			fmt.Sprintf("this Windows' webauthn.dll (API version %d) cannot ask for credProtect: it needs version 2 (Windows 10 2004) or later", api), nil)
	default:
		// Required: a key that would drop the policy must not be registered as if it
		// kept it, as with libfido2, which sends credProtect as asked.
		c.credProtect = credProtectExtensionIn{CredProtect: uint32(req.CredProtect), RequireCredProtect: 1}
		c.exts = append(c.exts, extension{ID: w(extCredProtect), Len: uint32(unsafe.Sizeof(c.credProtect)), Value: unsafe.Pointer(&c.credProtect)})
	}
	if len(c.exts) > 0 {
		o.Extensions = extensions{Count: uint32(len(c.exts)), Extensions: &c.exts[0]}
	}
	if cancel != nil {
		c.cancelID = *cancel
		o.CancellationID = &c.cancelID
	}
	if werr != nil {
		return nil, fido.New("device_error", "a name in the request cannot be passed to webauthn.dll", werr)
	}
	return c, nil
}

// validate refuses what the DLL would refuse with a bare NTE_INVALID_PARAMETER.
func validate(req *fido.CredentialRequest) error {
	if len(req.ClientDataJSON) == 0 {
		return fido.New("device_error", "webauthn.dll needs the clientDataJSON itself, not only its hash", nil)
	}
	return req.Check()
}

func boolean(b bool) int32 {
	if b {
		return 1
	}
	return 0
}
