package virtual

import (
	"bytes"
	"crypto/ecdh"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// CTAP commands (CTAP 2.1 §6) and status codes (§8.2).
const (
	cmdMakeCredential   = 0x01
	cmdGetAssertion     = 0x02
	cmdGetInfo          = 0x04
	cmdClientPIN        = 0x06
	cmdReset            = 0x07
	cmdGetNextAssertion = 0x08
	cmdCredMgmt         = 0x0a
	cmdConfig           = 0x0d
	// cmdCredMgmtPreview is credential management under its CTAP 2.1 preview number,
	// which libfido2 1.12 always sends (src/credman.c, CTAP_CBOR_CRED_MGMT_PRE).
	cmdCredMgmtPreview = 0x41

	ctapOK                   = 0x00
	ctapInvalidCommand       = 0x01
	ctapInvalidParameter     = 0x02
	ctapInvalidLength        = 0x03
	ctapCBORUnexpectedType   = 0x11
	ctapInvalidCBOR          = 0x12
	ctapMissingParameter     = 0x14
	ctapCredentialExcluded   = 0x19
	ctapUnsupportedAlgorithm = 0x26
	ctapOperationDenied      = 0x27
	ctapKeyStoreFull         = 0x28
	ctapUnsupportedOption    = 0x2b
	ctapInvalidOption        = 0x2c
	ctapKeepaliveCancel      = 0x2d
	ctapNoCredentials        = 0x2e
	ctapUserActionTimeout    = 0x2f
	ctapNotAllowed           = 0x30
	ctapPINInvalid           = 0x31
	ctapPINBlocked           = 0x32
	ctapPINAuthInvalid       = 0x33
	ctapPINAuthBlocked       = 0x34
	ctapPINNotSet            = 0x35
	ctapPUATRequired         = 0x36
	ctapPINPolicyViolation   = 0x37
	ctapRequestTooLarge      = 0x39
	ctapInvalidSubcommand    = 0x3e
	ctapUnauthorizedPerm     = 0x40
	ctapOther                = 0x7f
)

// Token permissions (CTAP 2.1 §6.5.5.7).
const (
	permMakeCredential = 0x01
	permGetAssertion   = 0x02
	permCredMgmt       = 0x04
	permConfig         = 0x20
)

// maxMsgSize is the largest CTAP request the key takes, as getInfo says.
const maxMsgSize = 1200

// ctap2Enc encodes CTAP2 canonical CBOR; dec decodes requests, refusing duplicates.
var (
	ctap2Enc, _ = cbor.CTAP2EncOptions().EncMode()
	dec, _      = cbor.DecOptions{DupMapKey: cbor.DupMapKeyEnforcedAPF, MaxNestedLevels: 8,
		MaxArrayElements: 256, MaxMapPairs: 64, IndefLength: cbor.IndefLengthForbidden}.DecMode()
)

// ctapError is a CTAP status code a command ends with.
type ctapError byte

func (e ctapError) Error() string { return fmt.Sprintf("ctap status 0x%02x", byte(e)) }

// authenticator is the CTAP 2.1 state machine behind a Conn.
type authenticator struct {
	mu   sync.Mutex
	st   *State
	path string
	// saved is the state as last written, so commands that change nothing skip the fsync.
	saved []byte
	rnd   randSource
	now   func() time.Time

	keyAgreement *ecdh.PrivateKey
	token        []byte
	tokenPerms   byte
	tokenRPID    string
	// enumeration is what credential management's getNextRP or getNextCredential
	// returns next; any other command ends it (CTAP 2.1 §6.8.3, §6.8.4).
	enumeration *enumeration
}

func newAuthenticator(st *State, path string, rnd randSource, now func() time.Time) *authenticator {
	a := &authenticator{st: st, path: path, rnd: rnd, now: now}
	a.saved, _ = st.encode() // as just loaded or created
	a.regenerateKeyAgreement()
	a.resetToken()
	return a
}

func (a *authenticator) regenerateKeyAgreement() {
	k, err := ecdh.P256().GenerateKey(a.rnd)
	if err == nil {
		a.keyAgreement = k
	}
}

// resetToken makes a new pinUvAuthToken, invalidating the old one.
func (a *authenticator) resetToken() {
	a.token = make([]byte, 32)
	_, _ = a.rnd.Read(a.token)
	a.tokenPerms, a.tokenRPID = 0, ""
}

// handle runs one CTAP command and returns status || CBOR response.
func (a *authenticator) handle(req []byte, cancel <-chan struct{}, keepalive func()) []byte {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case len(req) == 0:
		return []byte{ctapInvalidLength}
	case len(req) > maxMsgSize:
		return []byte{ctapRequestTooLarge}
	}
	resp, err := a.run(req, &userPresence{faults: a.st.Faults, cancel: cancel, keepalive: keepalive})
	// Save failures too: a wrong PIN spends a retry that must survive the program.
	if saveErr := a.persist(); saveErr != nil {
		return []byte{ctapOther}
	}
	if err != nil {
		code, ok := err.(ctapError)
		if !ok {
			code = ctapOther
		}
		return []byte{byte(code)}
	}
	if resp == nil {
		return []byte{ctapOK}
	}
	out, err := ctap2Enc.Marshal(resp)
	if err != nil {
		return []byte{ctapOther}
	}
	return append([]byte{ctapOK}, out...)
}

// persist writes the state if it changed since the last write.
func (a *authenticator) persist() error {
	data, err := a.st.encode()
	if err != nil || bytes.Equal(data, a.saved) {
		return err
	}
	if err := writeState(a.path, data); err != nil {
		return err
	}
	a.saved = data
	return nil
}

func (a *authenticator) run(req []byte, u *userPresence) (any, error) {
	params := req[1:]
	enum := a.enumeration
	a.enumeration = nil
	switch req[0] {
	case cmdGetInfo:
		return a.getInfo(), nil
	case cmdMakeCredential:
		return a.makeCredential(params, u)
	case cmdGetAssertion:
		return a.getAssertion(params, u)
	case cmdClientPIN:
		return a.clientPIN(params)
	case cmdReset:
		return nil, a.reset(u)
	case cmdConfig:
		return nil, a.config(params)
	case cmdCredMgmt, cmdCredMgmtPreview:
		return a.credMgmt(params, enum)
	}
	return nil, ctapError(ctapInvalidCommand)
}

// decodeParams decodes a command's parameter map (integer keys).
func decodeParams(b []byte) (map[int]cbor.RawMessage, error) {
	if len(b) == 0 {
		return map[int]cbor.RawMessage{}, nil
	}
	var m map[int]cbor.RawMessage
	if err := dec.Unmarshal(b, &m); err != nil {
		return nil, ctapError(ctapInvalidCBOR)
	}
	return m, nil
}

// field decodes an optional parameter into v; it reports whether it was present.
func field(m map[int]cbor.RawMessage, key int, v any) (bool, error) {
	raw, ok := m[key]
	if !ok {
		return false, nil
	}
	if err := dec.Unmarshal(raw, v); err != nil {
		if _, ok := errors.AsType[*cbor.UnmarshalTypeError](err); ok {
			return true, ctapError(ctapCBORUnexpectedType)
		}
		return true, ctapError(ctapInvalidCBOR)
	}
	return true, nil
}

func (a *authenticator) getInfo() map[int]any {
	st := a.st
	return map[int]any{
		0x01: []string{"FIDO_2_0", "FIDO_2_1"},
		0x02: []string{"credProtect", "hmac-secret", "minPinLength"},
		0x03: st.AAGUID,
		0x04: map[string]bool{
			"rk": true, "up": true, "plat": false, "clientPin": st.PINSet(),
			"pinUvAuthToken": true, "setMinPINLength": true, "authnrCfg": true,
			"credMgmt": true, "credentialMgmtPreview": true,
			"alwaysUv": st.AlwaysUV, "makeCredUvNotRqd": false,
		},
		0x05: maxMsgSize,
		0x06: st.PINProtocols,
		0x07: 8,
		0x08: 128,
		0x09: []string{"usb"},
		0x0a: []map[string]any{{"alg": algES256, "type": "public-key"}, {"alg": algEdDSA, "type": "public-key"}},
		0x0c: st.ForcePINChange,
		0x0d: st.MinPINLength,
		0x0e: 1,
		0x10: 2,
		0x14: st.remainingDiscoverable(),
	}
}

// userPresence simulates the person at the key, with the configured faults.
type userPresence struct {
	faults    Faults
	cancel    <-chan struct{}
	keepalive func()
}

// touch waits for the user as a key does, sending keepalives every 100 ms.
func (u *userPresence) touch() error {
	wait := u.faults.TouchDelay
	if u.faults.NoTouch {
		wait = u.faults.TouchTimeout
		if wait <= 0 {
			wait = 30 * time.Second
		}
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	if wait > 0 {
		u.keepalive()
	}
	for {
		select {
		case <-u.cancel:
			return ctapError(ctapKeepaliveCancel)
		case <-tick.C:
			u.keepalive()
		case <-deadline.C:
			switch {
			case u.faults.NoTouch:
				return ctapError(ctapUserActionTimeout)
			case u.faults.Deny:
				return ctapError(ctapOperationDenied)
			}
			return nil
		}
	}
}
