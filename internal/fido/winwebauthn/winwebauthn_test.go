package winwebauthn

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

const rpID = "login.microsoft.com"

var credID = []byte("credential-id-0123456789")

// request is a registration like the one enroll builds from Graph's options.
func request() *fido.CredentialRequest {
	cd := webauthn.ClientDataJSON("Y2hhbGxlbmdlLWZyb20tZ3JhcGg", rpID)
	h := sha256.Sum256(cd)
	return &fido.CredentialRequest{
		ClientDataHash:   h[:],
		ClientDataJSON:   cd,
		RP:               fido.RelyingParty{ID: rpID, Name: "Microsoft"},
		User:             fido.User{ID: []byte("user-handle"), Name: "adele@contoso.com", DisplayName: "Adele Vance ✓"},
		Algorithms:       []int{fido.ES256, fido.RS256},
		ResidentKey:      true,
		UserVerification: true,
		CredProtect:      2,
		HMACSecret:       true,
		ExcludeList:      [][]byte{[]byte("old-1"), []byte("old-22")},
		PIN:              "not-passed",
	}
}

// okAnswer answers as a key that did what was asked.
func okAnswer(t *testing.T, version uint32) func(*seenCall) *credentialAttestation {
	return func(*seenCall) *credentialAttestation {
		return attestationFor(t, credentialSpec{rpID: rpID, flags: 0x05, credID: credID, alg: fido.ES256,
			format: "packed", version: version, transport: transportUSB, rk: true})
	}
}

func TestRequestMapping(t *testing.T) {
	req := request()
	tests := []struct {
		api         uint32
		optVersion  uint32
		hasExList   bool
		credProtect bool
	}{
		{1, 3, true, false},
		{2, 3, true, true},
		{3, 4, true, true},
		{4, 5, true, true},
		{5, 5, true, true},
		{6, 6, true, true},
		{7, 7, true, true},
		{9, 7, true, true}, // newer DLLs get the newest structs we lay out
	}
	for _, tt := range tests {
		r := *req
		if !tt.credProtect {
			r.CredProtect = 0
		}
		f := &fakeDLL{api: tt.api, hwnd: 0x4242, answer: okAnswer(t, 3)}
		dev := &Device{dll: f}
		if _, err := dev.MakeCredential(context.Background(), &r); err != nil {
			t.Fatalf("API %d: %v", tt.api, err)
		}
		s := f.seen
		check := func(what string, got, want any) {
			t.Helper()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("API %d: %s: got %v, want %v", tt.api, what, got, want)
			}
		}
		check("hwnd", s.hwnd, uintptr(0x4242))
		check("rp", []any{s.rpVersion, s.rpID, s.rpName}, []any{uint32(1), rpID, "Microsoft"})
		check("user", []any{s.userVersion, string(s.userID), s.userName, s.displayName},
			[]any{uint32(1), "user-handle", "adele@contoso.com", "Adele Vance ✓"})
		check("algorithms", s.algs, []int{-7, -257})
		check("parameter types", s.paramTypes, []string{"public-key", "public-key"})
		check("parameter versions", s.paramVersions, []uint32{1, 1})
		check("client data", []any{s.clientDataVersion, string(s.clientDataJSON), s.hashAlg},
			[]any{uint32(1), string(r.ClientDataJSON), "SHA-256"})
		check("options version", s.optVersion, tt.optVersion)
		check("timeout", s.timeoutMS, uint32(defaultTimeout/time.Millisecond))
		check("attachment", s.attachment, uint32(attachmentCrossPlatform))
		check("resident key", s.requireRK, int32(1))
		check("user verification", s.uv, uint32(uvRequired))
		check("attestation", s.conveyance, uint32(attestationDirect))
		check("exclude list (v1)", s.excludeV1, r.ExcludeList)
		check("exclude list (v1) types", s.excludeV1Types, []string{"public-key", "public-key"})
		check("exclude list (v3)", s.excludeEx, r.ExcludeList)
		check("cancellation id", *s.cancelID, fakeCancelID)
		check("hmac-secret", s.hmacSecretValue, int32(1))
		check("hmac-secret size", len(s.extensions[extHMACSecret]), 4)
		if tt.credProtect {
			check("credProtect", *s.credProtect, credProtectExtensionIn{CredProtect: 2, RequireCredProtect: 1})
			check("credProtect size", len(s.extensions[extCredProtect]), 8)
		} else if s.credProtect != nil {
			t.Errorf("API %d: credProtect sent", tt.api)
		}
		check("nothing else", []any{s.preferRK, s.enterpriseAtt, s.largeBlob, s.privateMode, s.enablePRF, s.linkedDevice == nil, s.jsonExt},
			[]any{int32(0), uint32(0), uint32(0), int32(0), int32(0), true, []byte(nil)})
		if len(f.frees) != 1 {
			t.Errorf("API %d: result freed %d times", tt.api, len(f.frees))
		}
	}
}

func TestRequestMappingMinimal(t *testing.T) {
	req := request()
	req.ResidentKey, req.UserVerification, req.CredProtect, req.HMACSecret, req.ExcludeList = false, false, 0, false, nil
	f := &fakeDLL{api: 4, noID: true, answer: func(*seenCall) *credentialAttestation {
		return attestationFor(t, credentialSpec{rpID: rpID, flags: 0x01, credID: credID, alg: fido.ES256, format: "packed", version: 4})
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := (&Device{dll: f}).MakeCredential(ctx, req); err != nil {
		t.Fatal(err)
	}
	s := f.seen
	if s.requireRK != 0 || s.uv != uvDiscouraged || len(s.extensions) != 0 || s.excludeV1 != nil || s.excludeEx != nil || s.cancelID != nil {
		t.Errorf("options not minimal: %+v", s)
	}
	if s.timeoutMS > 30000 || s.timeoutMS < 29000 {
		t.Errorf("timeout %d ms, want what is left of 30 s", s.timeoutMS)
	}
}

func TestCredProtectNeedsAPI2(t *testing.T) {
	f := &fakeDLL{api: 1, answer: okAnswer(t, 3)}
	_, err := (&Device{dll: f}).MakeCredential(context.Background(), request())
	if code(err) != "unsupported_by_backend" || f.calls != 0 {
		t.Fatalf("got %v after %d calls, want unsupported_by_backend before any", err, f.calls)
	}
}

func TestResult(t *testing.T) {
	for _, tt := range []struct {
		version   uint32
		transport string
		rk        *bool
	}{
		{1, "", nil}, {3, "usb", nil}, {4, "usb", ptr(true)}, {6, "usb", ptr(true)},
	} {
		f := &fakeDLL{api: 7, answer: okAnswer(t, tt.version)}
		req := request()
		res, err := (&Device{dll: f}).MakeCredentialResult(context.Background(), req)
		if err != nil {
			t.Fatalf("version %d: %v", tt.version, err)
		}
		if res.Transport != tt.transport || !reflect.DeepEqual(res.ResidentKey, tt.rk) {
			t.Errorf("version %d: transport %q rk %v, want %q %v", tt.version, res.Transport, res.ResidentKey, tt.transport, tt.rk)
		}
		if !bytes.Equal(res.ClientDataJSON, req.ClientDataJSON) {
			t.Errorf("clientDataJSON %s", res.ClientDataJSON)
		}
		a := res.Attestation
		if a.Format != "packed" || !bytes.Equal(a.CredentialID, credID) || a.Algorithm != fido.ES256 ||
			!bytes.Equal(a.Sig, []byte{0x30, 0x44, 1, 2, 3}) || a.Cert != nil {
			t.Errorf("attestation %+v", a)
		}
		// The parts make the same attestation object again, as enroll does.
		rebuilt, err := webauthn.BuildAttestationObject(webauthn.AttestationParts{Format: a.Format, AuthData: a.AuthData, Sig: a.Sig, Alg: a.Algorithm})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rebuilt, res.AttestationObject) {
			t.Errorf("rebuilt attestation object differs from the DLL's")
		}
	}
}

func TestResultWithCertificate(t *testing.T) {
	cert := []byte{0x30, 0x82, 0x01, 0x00}
	f := &fakeDLL{api: 7, answer: func(*seenCall) *credentialAttestation {
		return attestationFor(t, credentialSpec{rpID: rpID, flags: 0x05, credID: credID, alg: fido.ES256, format: "packed", version: 4,
			stmt: map[string]any{"alg": -7, "sig": []byte{9}, "x5c": [][]byte{cert, {1}}}})
	}}
	a, err := (&Device{dll: f}).MakeCredential(context.Background(), request())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Cert, cert) {
		t.Errorf("cert %x, want the leaf %x", a.Cert, cert)
	}
}

func TestResultChecks(t *testing.T) {
	base := credentialSpec{rpID: rpID, flags: 0x05, credID: credID, alg: fido.ES256, format: "packed", version: 4}
	tests := []struct {
		name   string
		change func(*credentialSpec)
	}{
		{"another relying party", func(s *credentialSpec) { s.rpID = "evil.example" }},
		{"no user presence", func(s *credentialSpec) { s.flags = 0x04 }},
		{"no user verification", func(s *credentialSpec) { s.flags = 0x01 }},
		{"algorithm not asked for", func(s *credentialSpec) { s.alg = fido.EdDSA; s.stmt = map[string]any{"alg": -8, "sig": []byte{1}} }},
		{"format field differs", func(s *credentialSpec) { s.formatField = "none" }},
		{"credential id differs", func(s *credentialSpec) { s.credIDField = []byte("other") }},
		{"authenticator data differ", func(s *credentialSpec) { s.authDataField = []byte("short") }},
		{"self attestation of another algorithm", func(s *credentialSpec) { s.stmt = map[string]any{"alg": -257, "sig": []byte{1}} }},
		{"signature not bytes", func(s *credentialSpec) { s.stmt = map[string]any{"alg": -7, "sig": "x"} }},
		{"empty chain", func(s *credentialSpec) { s.stmt = map[string]any{"alg": -7, "sig": []byte{1}, "x5c": []any{}} }},
		{"result version 0", func(s *credentialSpec) { s.version = 0 }},
	}
	for _, tt := range tests {
		spec := base
		tt.change(&spec)
		f := &fakeDLL{api: 7, answer: func(*seenCall) *credentialAttestation { return attestationFor(t, spec) }}
		_, err := (&Device{dll: f}).MakeCredential(context.Background(), request())
		if code(err) != "invalid_attestation" {
			t.Errorf("%s: got %v, want invalid_attestation", tt.name, err)
		}
		if len(f.frees) != 1 {
			t.Errorf("%s: result freed %d times", tt.name, len(f.frees))
		}
	}
	f := &fakeDLL{api: 7, answer: func(*seenCall) *credentialAttestation { return nil }}
	if _, err := (&Device{dll: f}).MakeCredential(context.Background(), request()); code(err) != "invalid_attestation" {
		t.Errorf("no result: got %v", err)
	}
}

func TestClientDataChecks(t *testing.T) {
	tests := []struct {
		name string
		json string
	}{
		{"not JSON", `{"type":`},
		{"two documents", `{"type":"webauthn.create"} {}`},
		{"assertion", `{"type":"webauthn.get","challenge":"abc","origin":"https://login.microsoft.com"}`},
		{"no challenge", `{"type":"webauthn.create","origin":"https://login.microsoft.com"}`},
		{"challenge not base64url", `{"type":"webauthn.create","challenge":"a+b/c","origin":"https://login.microsoft.com"}`},
		{"other origin", `{"type":"webauthn.create","challenge":"abc","origin":"https://login.microsoft.com.evil"}`},
		{"http origin", `{"type":"webauthn.create","challenge":"abc","origin":"http://login.microsoft.com"}`},
		{"cross-origin", `{"type":"webauthn.create","challenge":"abc","origin":"https://login.microsoft.com","crossOrigin":true}`},
	}
	for _, tt := range tests {
		req := request()
		req.ClientDataJSON = []byte(tt.json)
		req.ClientDataHash = nil
		f := &fakeDLL{api: 7, answer: okAnswer(t, 4)}
		_, err := (&Device{dll: f}).MakeCredential(context.Background(), req)
		if code(err) != "invalid_options" || f.calls != 0 {
			t.Errorf("%s: got %v after %d calls, want invalid_options before any", tt.name, err, f.calls)
		}
	}
	req := request()
	req.ClientDataHash = make([]byte, 32)
	f := &fakeDLL{api: 7, answer: okAnswer(t, 4)}
	if _, err := (&Device{dll: f}).MakeCredential(context.Background(), req); code(err) != "invalid_options" {
		t.Errorf("hash mismatch: got %v", err)
	}
	req = request()
	req.ClientDataJSON = nil
	if _, err := (&Device{dll: f}).MakeCredential(context.Background(), req); code(err) != "device_error" {
		t.Errorf("no clientDataJSON: got %v", err)
	}
}

func TestHRESULTs(t *testing.T) {
	tests := []struct {
		hr   uint32
		want string
	}{
		{nteExists, "credential_excluded"},
		{nteTokenKeysetFull, "key_full"},
		{nteNotSupported, "unsupported_by_key"},
		{hrWin32NotSupported, "unsupported_by_key"},
		{nteInvalidParameter, "device_error"},
		{nteUserCancelled, "cancelled"},
		{hrWin32Cancelled, "cancelled"},
		{hrWin32Timeout, "action_timeout"},
		{nteDeviceNotFound, "no_device"},
		{nteNotFound, "not_allowed"},
		{hrNotImpl, "unsupported_by_backend"},
		{0x80004005, "device_error"},
	}
	for _, tt := range tests {
		f := &fakeDLL{api: 7, hr: tt.hr}
		_, err := (&Device{dll: f}).MakeCredential(context.Background(), request())
		if code(err) != tt.want {
			t.Errorf("0x%08X: got %v (%s), want %s", tt.hr, err, code(err), tt.want)
		}
		var fe *fido.Error
		if errors.As(err, &fe) && fe.Err == nil {
			t.Errorf("0x%08X: no cause for --debug", tt.hr)
		}
	}
	f := &fakeDLL{api: 7, hr: nteExists}
	_, err := (&Device{dll: f}).MakeCredential(context.Background(), request())
	if !errors.Is(err, fido.ErrCredentialExcluded) {
		t.Errorf("errors.Is credential_excluded: %v", err)
	}
	var fe *fido.Error
	if errors.As(err, &fe) && fe.Err.Error() != "webauthn.dll error 0x8009000F (InvalidStateError)" {
		t.Errorf("cause %q", fe.Err)
	}
}

func TestCancel(t *testing.T) {
	for _, tt := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want string
	}{
		{"Ctrl-C", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }, "cancelled"},
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, "timeout"},
	} {
		ctx, cancel := tt.ctx()
		f := &fakeDLL{api: 7, block: true, hr: nteUserCancelled}
		errc := make(chan error, 1)
		go func() {
			_, err := (&Device{dll: f}).MakeCredential(ctx, request())
			errc <- err
		}()
		if tt.want == "cancelled" {
			time.Sleep(20 * time.Millisecond)
			cancel()
		}
		select {
		case err := <-errc:
			if code(err) != tt.want {
				t.Errorf("%s: got %v, want %s", tt.name, err, tt.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: the dialog was never cancelled", tt.name)
		}
		cancel()
		if len(f.cancelled) != 1 || f.cancelled[0] != fakeCancelID {
			t.Errorf("%s: cancelled with %v, want once with the call's id", tt.name, f.cancelled)
		}
	}
	// A call that ends by itself cancels nothing.
	f := &fakeDLL{api: 7, answer: okAnswer(t, 4)}
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := (&Device{dll: f}).MakeCredential(ctx, request()); err != nil {
		t.Fatal(err)
	}
	cancel()
	if len(f.cancelled) != 0 {
		t.Errorf("cancelled %v after the call ended", f.cancelled)
	}
	// A context already done never opens the dialog.
	f = &fakeDLL{api: 7, answer: okAnswer(t, 4)}
	if _, err := (&Device{dll: f}).MakeCredential(ctx, request()); code(err) != "cancelled" || f.calls != 0 {
		t.Errorf("done context: %v after %d calls", err, f.calls)
	}
}

func TestBackend(t *testing.T) {
	b := &Backend{dll: &fakeDLL{api: 4}}
	var _ fido.Backend = b
	if !b.Available() || b.Name() != "webauthn" || !b.Handles(Path) || b.Handles("/dev/hidraw0") {
		t.Error("backend facts")
	}
	locs, err := b.Locations(context.Background())
	if err != nil || len(locs) != 1 || locs[0].Path != Path {
		t.Fatalf("locations %v %v", locs, err)
	}
	dev, err := b.Open(context.Background(), Path)
	if err != nil {
		t.Fatal(err)
	}
	// What needs raw CTAP, it does not fake.
	if _, err := fido.ReadInfo(context.Background(), dev); code(err) != "unsupported_by_backend" {
		t.Errorf("ReadInfo: %v", err)
	}
	if _, ok := dev.(fido.Preparer); ok {
		t.Error("a Preparer")
	}
	if _, err := b.Open(context.Background(), "/dev/hidraw0"); !errors.Is(err, fido.ErrDeviceNotFound) {
		t.Errorf("foreign path: %v", err)
	}
	gone := &Backend{dll: &fakeDLL{api: 4, loadErr: errors.New("no webauthn.dll")}}
	if gone.Available() {
		t.Error("available without the DLL")
	}
	if _, err := gone.Open(context.Background(), Path); code(err) != "unsupported_by_backend" {
		t.Errorf("open without the DLL: %v", err)
	}
	if runtime.GOOS != "windows" && New().Available() {
		t.Error("available off Windows")
	}
}

func TestTimeoutFor(t *testing.T) {
	now := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), now.Add(90*time.Second))
	defer cancel()
	if got := timeoutFor(ctx, now); got != 90*time.Second {
		t.Errorf("got %v", got)
	}
	past, cancel2 := context.WithDeadline(context.Background(), now.Add(-time.Second))
	defer cancel2()
	if got := timeoutFor(past, now); got != time.Second {
		t.Errorf("past deadline: got %v", got)
	}
	if got := timeoutFor(context.Background(), now); got != defaultTimeout {
		t.Errorf("no deadline: got %v", got)
	}
}

func TestWideStrings(t *testing.T) {
	for _, s := range []string{"", "adele@contoso.com", "Zoë 🔑 Łukasz"} {
		p, err := wstr(s)
		if err != nil || goWString(p) != s {
			t.Errorf("%q: round trip %q %v", s, goWString(p), err)
		}
	}
	if _, err := wstr("a\x00b"); err == nil {
		t.Error("NUL accepted")
	}
	req := request()
	req.User.Name = "a\x00b"
	if _, err := (&Device{dll: &fakeDLL{api: 7}}).MakeCredential(context.Background(), req); code(err) != "device_error" {
		t.Errorf("NUL in a name: %v", err)
	}
}

func code(err error) string {
	var fe *fido.Error
	if errors.As(err, &fe) {
		return fe.Code
	}
	return ""
}

func ptr[T any](v T) *T { return &v }
