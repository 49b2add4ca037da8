package winwebauthn

import (
	"crypto/sha256"
	"encoding/binary"
	"sync"
	"testing"
	"unsafe"

	"github.com/fxamacker/cbor/v2"
)

// fakeDLL stands in for webauthn.dll: it reads the call through the pointers as the
// DLL would and answers with a result in Go memory laid out as the DLL's.
type fakeDLL struct {
	api     uint32
	loadErr error
	noID    bool
	hwnd    uintptr
	// answer makes the result; nil answers hr with no result.
	answer func(seen *seenCall) *credentialAttestation
	hr     uint32
	// block makes makeCredential wait for cancelCurrentOperation, then fail with hr.
	block bool

	mu        sync.Mutex
	seen      *seenCall
	calls     int
	frees     []*credentialAttestation
	cancelled []guid
	unblock   chan struct{}
}

var fakeCancelID = guid{Data1: 0x1234abcd, Data2: 7, Data3: 9, Data4: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}}

func (f *fakeDLL) load() error        { return f.loadErr }
func (f *fakeDLL) apiVersion() uint32 { return f.api }
func (f *fakeDLL) window() uintptr    { return f.hwnd }
func (f *fakeDLL) errorName(hr uint32) string {
	if hr == nteExists {
		return "InvalidStateError"
	}
	return ""
}

func (f *fakeDLL) cancellationID() (guid, bool) {
	if f.noID {
		return guid{}, false
	}
	return fakeCancelID, true
}

func (f *fakeDLL) cancelCurrentOperation(id *guid) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cancelled = append(f.cancelled, *id)
	if f.unblock != nil {
		close(f.unblock)
		f.unblock = nil
	}
}

func (f *fakeDLL) freeCredentialAttestation(att *credentialAttestation) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.frees = append(f.frees, att)
}

func (f *fakeDLL) makeCredential(hwnd uintptr, c *makeCredentialCall) (*credentialAttestation, uint32) {
	seen := readCall(hwnd, c)
	f.mu.Lock()
	f.seen, f.calls = seen, f.calls+1
	var wait chan struct{}
	if f.block {
		f.unblock = make(chan struct{})
		wait = f.unblock
	}
	f.mu.Unlock()
	if wait != nil {
		<-wait
		return nil, f.hr
	}
	if f.answer == nil {
		return nil, f.hr
	}
	return f.answer(seen), hrOK
}

// seenCall is the call as the DLL reads it, through its pointers.
type seenCall struct {
	hwnd                  uintptr
	rpVersion             uint32
	rpID, rpName          string
	userVersion           uint32
	userID                []byte
	userName, displayName string
	paramVersions         []uint32
	paramTypes            []string
	algs                  []int
	clientDataVersion     uint32
	clientDataJSON        []byte
	hashAlg               string

	optVersion      uint32
	timeoutMS       uint32
	attachment      uint32
	requireRK       int32
	uv              uint32
	conveyance      uint32
	excludeV1       [][]byte
	excludeV1Types  []string
	excludeEx       [][]byte // nil when the options version has no list
	excludeExTypes  []string
	extensions      map[string][]byte
	cancelID        *guid
	preferRK        int32
	enterpriseAtt   uint32
	largeBlob       uint32
	privateMode     int32
	enablePRF       int32
	linkedDevice    unsafe.Pointer
	jsonExt         []byte
	hmacSecretValue int32
	credProtect     *credProtectExtensionIn
}

func readCall(hwnd uintptr, c *makeCredentialCall) *seenCall {
	s := &seenCall{hwnd: hwnd, extensions: map[string][]byte{}}
	s.rpVersion, s.rpID, s.rpName = c.RP.Version, goWString(c.RP.ID), goWString(c.RP.Name)
	s.userVersion = c.User.Version
	s.userID = goBytes(c.User.ID, c.User.IDLen)
	s.userName, s.displayName = goWString(c.User.Name), goWString(c.User.DisplayName)
	for _, p := range unsafe.Slice(c.Params.Params, c.Params.Count) {
		s.paramVersions = append(s.paramVersions, p.Version)
		s.paramTypes = append(s.paramTypes, goWString(p.CredentialType))
		s.algs = append(s.algs, int(p.Alg))
	}
	s.clientDataVersion = c.ClientData.Version
	s.clientDataJSON = goBytes(c.ClientData.JSON, c.ClientData.JSONLen)
	s.hashAlg = goWString(c.ClientData.HashAlgID)

	o := &c.Options
	s.optVersion, s.timeoutMS = o.Version, o.TimeoutMilliseconds
	s.attachment, s.requireRK, s.uv, s.conveyance = o.AuthenticatorAttachment, o.RequireResidentKey, o.UserVerificationRequirement, o.AttestationConveyancePreference
	if o.CredentialList.Count > 0 {
		for _, cr := range unsafe.Slice(o.CredentialList.Credentials, o.CredentialList.Count) {
			s.excludeV1 = append(s.excludeV1, goBytes(cr.ID, cr.IDLen))
			s.excludeV1Types = append(s.excludeV1Types, goWString(cr.CredentialType))
		}
	}
	if o.Extensions.Count > 0 {
		for _, e := range unsafe.Slice(o.Extensions.Extensions, o.Extensions.Count) {
			name := goWString(e.ID)
			s.extensions[name] = goBytes((*byte)(e.Value), e.Len)
			switch name {
			case extHMACSecret:
				s.hmacSecretValue = *(*int32)(e.Value)
			case extCredProtect:
				cp := *(*credProtectExtensionIn)(e.Value)
				s.credProtect = &cp
			}
		}
	}
	// Fields past the version the caller set are not the DLL's to read.
	if o.Version >= 2 {
		s.cancelID = o.CancellationID
	}
	if o.Version >= 3 && o.ExcludeCredentialList != nil {
		s.excludeEx = [][]byte{}
		for _, cr := range unsafe.Slice(o.ExcludeCredentialList.Credentials, o.ExcludeCredentialList.Count) {
			s.excludeEx = append(s.excludeEx, goBytes(cr.ID, cr.IDLen))
			s.excludeExTypes = append(s.excludeExTypes, goWString(cr.CredentialType))
		}
	}
	if o.Version >= 4 {
		s.enterpriseAtt, s.largeBlob, s.preferRK = o.EnterpriseAttestation, o.LargeBlobSupport, o.PreferResidentKey
	}
	if o.Version >= 5 {
		s.privateMode = o.BrowserInPrivateMode
	}
	if o.Version >= 6 {
		s.enablePRF = o.EnablePRF
	}
	if o.Version >= 7 {
		s.linkedDevice, s.jsonExt = o.LinkedDevice, goBytes(o.JSONExt, o.JSONExtLen)
	}
	return s
}

// ctap2 encodes as keys do: CTAP2 canonical CBOR.
var ctap2, _ = cbor.CTAP2EncOptions().EncMode()

// credentialSpec is what a fake key puts in its answer.
type credentialSpec struct {
	rpID      string
	flags     byte
	credID    []byte
	alg       int
	format    string
	stmt      map[string]any
	version   uint32
	transport uint32
	rk        bool
	// Tweaks the separate fields away from the attestation object.
	formatField   string
	authDataField []byte
	credIDField   []byte
}

// authData builds authenticator data with an attested credential (WebAuthn §6.1).
func authData(t *testing.T, rpID string, flags byte, credID []byte, alg int) []byte {
	t.Helper()
	h := sha256.Sum256([]byte(rpID))
	b := append([]byte(nil), h[:]...)
	b = append(b, flags|0x40)
	b = binary.BigEndian.AppendUint32(b, 7)
	b = append(b, make([]byte, 16)...) // AAGUID
	b = binary.BigEndian.AppendUint16(b, uint16(len(credID)))
	b = append(b, credID...)
	key, err := ctap2.Marshal(map[int]any{1: 2, 3: alg, -1: 1, -2: make([]byte, 32), -3: make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	return append(b, key...)
}

// attestationFor lays out a WEBAUTHN_CREDENTIAL_ATTESTATION in Go memory.
func attestationFor(t *testing.T, s credentialSpec) *credentialAttestation {
	t.Helper()
	ad := authData(t, s.rpID, s.flags, s.credID, s.alg)
	if s.stmt == nil {
		s.stmt = map[string]any{"alg": s.alg, "sig": []byte{0x30, 0x44, 1, 2, 3}}
	}
	obj, err := ctap2.Marshal(map[string]any{"fmt": s.format, "attStmt": s.stmt, "authData": ad})
	if err != nil {
		t.Fatal(err)
	}
	format := s.format
	if s.formatField != "" {
		format = s.formatField
	}
	if s.authDataField != nil {
		ad = s.authDataField
	}
	credID := s.credID
	if s.credIDField != nil {
		credID = s.credIDField
	}
	fmtPtr, err := wstr(format)
	if err != nil {
		t.Fatal(err)
	}
	att := &credentialAttestation{Version: s.version, FormatType: fmtPtr, UsedTransport: s.transport, ResidentKey: boolean(s.rk)}
	att.AuthenticatorData, att.AuthenticatorDataLen = bytesPtr(ad)
	att.AttestationObject, att.AttestationObjectLen = bytesPtr(obj)
	att.CredentialID, att.CredentialIDLen = bytesPtr(credID)
	return att
}
