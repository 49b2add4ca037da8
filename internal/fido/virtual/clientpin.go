package virtual

import (
	"bytes"
	"crypto/sha256"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"
)

// clientPIN subcommands (CTAP 2.1 §6.5.5).
const (
	pinGetRetries          = 0x01
	pinGetKeyAgreement     = 0x02
	pinSetPIN              = 0x03
	pinChangePIN           = 0x04
	pinGetToken            = 0x05
	pinGetTokenPermissions = 0x09
)

func (a *authenticator) protocol(m map[int]cbor.RawMessage, key int) (pinProtocol, int, error) {
	var n int
	if ok, err := field(m, key, &n); err != nil {
		return nil, 0, err
	} else if !ok {
		return nil, 0, ctapError(ctapMissingParameter)
	}
	for _, p := range a.st.PINProtocols {
		if p == n {
			if n == 1 {
				return protocolOne{}, n, nil
			}
			return protocolTwo{}, n, nil
		}
	}
	return nil, n, ctapError(ctapInvalidParameter)
}

// clientPIN is authenticatorClientPIN (CTAP 2.1 §6.5).
func (a *authenticator) clientPIN(params []byte) (any, error) {
	m, err := decodeParams(params)
	if err != nil {
		return nil, err
	}
	var sub int
	if ok, err := field(m, 2, &sub); err != nil {
		return nil, err
	} else if !ok {
		return nil, ctapError(ctapMissingParameter)
	}
	if sub == pinGetRetries {
		return map[int]any{3: a.st.PINRetries, 4: a.st.Boot.PINFailures >= 3}, nil
	}
	proto, _, err := a.protocol(m, 1)
	if err != nil {
		return nil, err
	}
	if sub == pinGetKeyAgreement {
		raw := a.keyAgreement.PublicKey().Bytes()
		return map[int]any{1: map[int]any{1: 2, 3: -25, -1: 1, -2: raw[1:33], -3: raw[33:65]}}, nil
	}
	secret, err := a.sharedSecret(m, proto)
	if err != nil {
		return nil, err
	}
	switch sub {
	case pinSetPIN:
		return nil, a.setPIN(m, proto, secret)
	case pinChangePIN:
		return nil, a.changePIN(m, proto, secret)
	case pinGetToken:
		return a.issueToken(m, proto, secret, permMakeCredential|permGetAssertion, "")
	case pinGetTokenPermissions:
		perms, rpID, err := permissionsRequest(m)
		if err != nil {
			return nil, err
		}
		return a.issueToken(m, proto, secret, perms, rpID)
	}
	return nil, ctapError(ctapInvalidSubcommand)
}

// permissionsRequest checks getPinUvAuthTokenUsingPinWithPermissions' permissions and
// rpId (CTAP 2.1 §6.5.5.7.2) before the PIN, so a bad request spends no retry.
func permissionsRequest(m map[int]cbor.RawMessage) (byte, string, error) {
	var perms int64
	if ok, err := field(m, 9, &perms); err != nil {
		return 0, "", err
	} else if !ok {
		return 0, "", ctapError(ctapMissingParameter)
	}
	if perms <= 0 {
		return 0, "", ctapError(ctapInvalidParameter)
	}
	// Only mc, ga, cm and acfg exist here: no bio enrollment or large blobs.
	if perms&^(permMakeCredential|permGetAssertion|permCredMgmt|permConfig) != 0 {
		return 0, "", ctapError(ctapUnauthorizedPerm)
	}
	var rpID string
	if _, err := field(m, 0x0a, &rpID); err != nil {
		return 0, "", err
	}
	if perms&(permMakeCredential|permGetAssertion) != 0 && rpID == "" {
		return 0, "", ctapError(ctapMissingParameter)
	}
	return byte(perms), rpID, nil
}

func (a *authenticator) sharedSecret(m map[int]cbor.RawMessage, proto pinProtocol) ([]byte, error) {
	var cose map[int]any
	if ok, err := field(m, 3, &cose); err != nil {
		return nil, err
	} else if !ok {
		return nil, ctapError(ctapMissingParameter)
	}
	pub, err := platformKey(cose)
	if err != nil {
		return nil, ctapError(ctapInvalidParameter)
	}
	z, err := a.keyAgreement.ECDH(pub)
	if err != nil {
		return nil, ctapError(ctapInvalidParameter)
	}
	return proto.kdf(z)
}

func bytesParam(m map[int]cbor.RawMessage, key int) ([]byte, error) {
	var b []byte
	if ok, err := field(m, key, &b); err != nil {
		return nil, err
	} else if !ok {
		return nil, ctapError(ctapMissingParameter)
	}
	return b, nil
}

func (a *authenticator) setPIN(m map[int]cbor.RawMessage, proto pinProtocol, secret []byte) error {
	auth, err := bytesParam(m, 4)
	if err != nil {
		return err
	}
	newPinEnc, err := bytesParam(m, 5)
	if err != nil {
		return err
	}
	if a.st.PINSet() {
		// CTAP 2.1 §6.5.5.5: setPIN on a key with a PIN is PIN_AUTH_INVALID.
		return ctapError(ctapPINAuthInvalid)
	}
	if !proto.verify(secret, newPinEnc, auth) {
		return ctapError(ctapPINAuthInvalid)
	}
	pin, err := decryptPIN(proto, secret, newPinEnc)
	if err != nil {
		return err
	}
	if code := a.st.checkNewPIN(pin); code != 0 {
		return ctapError(code)
	}
	a.st.storePIN(pin)
	return nil
}

func (a *authenticator) changePIN(m map[int]cbor.RawMessage, proto pinProtocol, secret []byte) error {
	auth, err := bytesParam(m, 4)
	if err != nil {
		return err
	}
	newPinEnc, err := bytesParam(m, 5)
	if err != nil {
		return err
	}
	pinHashEnc, err := bytesParam(m, 6)
	if err != nil {
		return err
	}
	if !a.st.PINSet() {
		return ctapError(ctapPINNotSet)
	}
	if !proto.verify(secret, append(append([]byte{}, newPinEnc...), pinHashEnc...), auth) {
		return ctapError(ctapPINAuthInvalid)
	}
	if err := a.checkPINHash(proto, secret, pinHashEnc); err != nil {
		return err
	}
	pin, err := decryptPIN(proto, secret, newPinEnc)
	if err != nil {
		return err
	}
	if code := a.st.checkNewPIN(pin); code != 0 {
		return ctapError(code)
	}
	if a.st.ForcePINChange && bytes.Equal(pinHash(pin), a.st.PINHash) {
		return ctapError(ctapPINPolicyViolation)
	}
	a.st.storePIN(pin)
	a.resetToken()
	return nil
}

// issueToken checks the PIN and returns a fresh pinUvAuthToken, encrypted.
func (a *authenticator) issueToken(m map[int]cbor.RawMessage, proto pinProtocol, secret []byte, perms byte, rpID string) (any, error) {
	pinHashEnc, err := bytesParam(m, 6)
	if err != nil {
		return nil, err
	}
	if !a.st.PINSet() {
		return nil, ctapError(ctapPINNotSet)
	}
	if err := a.checkPINHash(proto, secret, pinHashEnc); err != nil {
		return nil, err
	}
	if a.st.ForcePINChange {
		return nil, ctapError(ctapPINPolicyViolation)
	}
	a.resetToken()
	a.tokenPerms, a.tokenRPID = perms, rpID
	enc, err := proto.encrypt(a.rnd, secret, a.token)
	if err != nil {
		return nil, ctapError(ctapOther)
	}
	return map[int]any{2: enc}, nil
}

// checkPINHash verifies pinHashEnc as §6.5.5.5 orders: retries are spent before the
// comparison, three misses in a row block until power-up, and none left blocks the PIN.
func (a *authenticator) checkPINHash(proto pinProtocol, secret, pinHashEnc []byte) error {
	if a.st.PINRetries <= 0 {
		return ctapError(ctapPINBlocked)
	}
	if a.st.Boot.PINFailures >= 3 {
		return ctapError(ctapPINAuthBlocked)
	}
	a.st.PINRetries--
	got, err := proto.decrypt(secret, pinHashEnc)
	if err != nil || len(got) != 16 || !bytes.Equal(got, a.st.PINHash) {
		a.regenerateKeyAgreement()
		a.st.Boot.PINFailures++
		switch {
		case a.st.PINRetries <= 0:
			return ctapError(ctapPINBlocked)
		case a.st.Boot.PINFailures >= 3:
			return ctapError(ctapPINAuthBlocked)
		}
		return ctapError(ctapPINInvalid)
	}
	a.st.PINRetries = maxPINRetries
	a.st.Boot.PINFailures = 0
	return nil
}

// decryptPIN decrypts newPinEnc: 64 bytes of PIN padded with zeros.
func decryptPIN(proto pinProtocol, secret, enc []byte) ([]byte, error) {
	padded, err := proto.decrypt(secret, enc)
	if err != nil || len(padded) != 64 {
		return nil, ctapError(ctapPINPolicyViolation)
	}
	if i := bytes.IndexByte(padded, 0); i >= 0 {
		padded = padded[:i]
	}
	return padded, nil
}

// checkNewPIN returns the status a new PIN gets under the key's policy, 0 when it is fine.
func (s *State) checkNewPIN(pin []byte) byte {
	if len(pin) > maxPINBytes || !utf8.Valid(pin) || utf8.RuneCount(pin) < s.MinPINLength {
		return ctapPINPolicyViolation
	}
	return 0
}

func (s *State) storePIN(pin []byte) {
	s.PINHash = pinHash(pin)
	s.PINCodePoints = utf8.RuneCount(pin)
	s.PINRetries = maxPINRetries
	s.ForcePINChange = false
}

func pinHash(pin []byte) []byte {
	h := sha256.Sum256(pin)
	return h[:16]
}

// checkUV verifies a command's pinUvAuthParam (key paramKey) over msg with the current
// token, which must carry perm and, when bound, the same RP id.
func (a *authenticator) checkUV(m map[int]cbor.RawMessage, paramKey, protoKey int, msg []byte, perm byte, rpID string) (uvCheck, error) {
	var param []byte
	if ok, err := field(m, paramKey, &param); err != nil {
		return uvCheck{}, err
	} else if !ok {
		return uvCheck{}, nil
	}
	proto, _, err := a.protocol(m, protoKey)
	if err != nil {
		return uvCheck{}, err
	}
	if !proto.verify(a.token, msg, param) || a.tokenPerms&perm == 0 {
		return uvCheck{}, ctapError(ctapPINAuthInvalid)
	}
	if rpID != "" {
		if a.tokenRPID != "" && a.tokenRPID != rpID {
			return uvCheck{}, ctapError(ctapPINAuthInvalid)
		}
		a.tokenRPID = rpID
	}
	return uvCheck{verified: true}, nil
}

// selectByTouch handles a zero-length pinUvAuthParam (key paramKey), which platforms send
// to let the user pick a key (CTAP 2.1 §6.1.2 and §6.2.2 step 1): wait for a touch, then
// report whether a PIN is set.
func (a *authenticator) selectByTouch(m map[int]cbor.RawMessage, paramKey int, u *userPresence) error {
	var param []byte
	if ok, err := field(m, paramKey, &param); err != nil || !ok || len(param) > 0 {
		return err
	}
	if err := u.touch(); err != nil {
		if err == ctapError(ctapKeepaliveCancel) {
			return err
		}
		return ctapError(ctapOperationDenied) // declined or timed out, as the spec says
	}
	if a.st.PINSet() {
		return ctapError(ctapPINInvalid)
	}
	return ctapError(ctapPINNotSet)
}

// tokenUsed spends the token after a command with user presence verified through it: CTAP
// 2.1 (§6.1.2 step 14, §6.2.2 step 9) clears its permissions, so one touch, one use.
func (a *authenticator) tokenUsed(uv uvCheck) {
	if uv.verified {
		a.tokenPerms = 0
	}
}
