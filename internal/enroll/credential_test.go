package enroll

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

type recorded struct{ warnings []string }

func (r *recorded) Touch(string)          {}
func (r *recorded) Warn(code, msg string) { r.warnings = append(r.warnings, code) }
func (r *recorded) Info(string)           {}

func options(t *testing.T, mutate func(*webauthn.CreationOptions)) *webauthn.CreationOptions {
	t.Helper()
	o, err := webauthn.ParseCreationOptions([]byte(`{"publicKey":{"challenge":"Y2hhbGxlbmdl","rp":{"id":"login.microsoft.com","name":"Microsoft"},
		"user":{"id":"dXNlcg","name":"adele@contoso.example","displayName":"Adele"},
		"pubKeyCredParams":[{"type":"public-key","alg":-257},{"type":"public-key","alg":-7}],
		"excludeCredentials":[{"type":"public-key","id":"AAEC"}],
		"authenticatorSelection":{"requireResidentKey":true,"userVerification":"required"},
		"extensions":{"hmacCreateSecret":true,"enforceCredentialProtectionPolicy":false,"credentialProtectionPolicy":"userVerificationOptional"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(o)
	}
	return o
}

func key(mutate func(*fido.Info)) *fido.Info {
	retries, rk := 8, int64(10)
	info := &fido.Info{
		Options:    map[string]bool{"clientPin": true, "rk": true},
		Extensions: []string{"credProtect", "hmac-secret"},
		Algorithms: []fido.Algorithm{{Type: "public-key", COSE: fido.ES256}},
		PINRetries: &retries, RemainingDiscoverableCredentials: &rk,
	}
	if mutate != nil {
		mutate(info)
	}
	return info
}

func TestCredentialRequestFollowsTheOptions(t *testing.T) {
	ev := &recorded{}
	req, err := credentialRequest(options(t, nil), key(nil), false, ev)
	if err != nil {
		t.Fatal(err)
	}
	// RS256 is preferred by Graph but the key only does ES256: the first supported wins.
	if len(req.Algorithms) != 1 || req.Algorithms[0] != fido.ES256 {
		t.Errorf("algorithms %v, want [-7]", req.Algorithms)
	}
	if !req.ResidentKey || !req.UserVerification || req.CredProtect != 1 || !req.HMACSecret {
		t.Errorf("request %+v does not follow the options", req)
	}
	if len(req.ExcludeList) != 1 || string(req.ExcludeList[0]) != "\x00\x01\x02" {
		t.Errorf("exclude list %x", req.ExcludeList)
	}
	if len(ev.warnings) != 0 {
		t.Errorf("warnings %v", ev.warnings)
	}
}

func TestCredentialRequestAdaptsOrRefuses(t *testing.T) {
	tests := []struct {
		name     string
		opts     func(*webauthn.CreationOptions)
		info     func(*fido.Info)
		wantCode string
		warn     string
	}{
		{"no common algorithm", nil, func(i *fido.Info) { i.Algorithms = []fido.Algorithm{{Type: "public-key", COSE: fido.EdDSA}} }, "unsupported_algorithm", ""},
		{"CTAP 2.0 key lists no algorithms: ES256", nil, func(i *fido.Info) { i.Algorithms = nil }, "", ""},
		{"credProtect missing, not enforced", nil, func(i *fido.Info) { i.Extensions = []string{"hmac-secret"} }, "", "cred_protect_unsupported"},
		{"credProtect missing, enforced", func(o *webauthn.CreationOptions) { o.PublicKey.Extensions.EnforceCredentialProtectionPolicy = true },
			func(i *fido.Info) { i.Extensions = nil }, "unsupported_extension", ""},
		{"hmac-secret missing", nil, func(i *fido.Info) { i.Extensions = []string{"credProtect"} }, "", "hmac_secret_unsupported"},
		{"key full", nil, func(i *fido.Info) { zero := int64(0); i.RemainingDiscoverableCredentials = &zero }, "key_full", ""},
		{"long user name", func(o *webauthn.CreationOptions) {
			o.PublicKey.User.Name = strings.Repeat("é", 40) + "@contoso.example"
		}, nil, "", "user_name_truncated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := &recorded{}
			_, err := credentialRequest(options(t, tt.opts), key(tt.info), false, ev)
			if got := code(err); got != tt.wantCode {
				t.Fatalf("code %q (%v), want %q", got, err, tt.wantCode)
			}
			if tt.warn != "" && (len(ev.warnings) != 1 || ev.warnings[0] != tt.warn) {
				t.Errorf("warnings %v, want [%s]", ev.warnings, tt.warn)
			}
		})
	}
}

func code(err error) string {
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	if err != nil {
		return "uncoded"
	}
	return ""
}

func TestVerifyUser(t *testing.T) {
	pin := func(p fido.PIN) PINFunc {
		return func(context.Context, *fido.Info) (fido.PIN, error) { return p, nil }
	}
	tests := []struct {
		name     string
		info     func(*fido.Info)
		uvWanted bool
		pin      PINFunc
		wantCode string
		wantPIN  bool
	}{
		{"PIN given", nil, true, pin("1234"), "", true},
		{"no PIN source", nil, true, nil, "pin_required", false},
		{"empty PIN", nil, true, pin(""), "pin_required", false},
		{"no PIN set", func(i *fido.Info) { i.Options["clientPin"] = false }, true, pin("1234"), "pin_not_set", false},
		{"no PIN support", func(i *fido.Info) { delete(i.Options, "clientPin") }, true, pin("1234"), "uv_unsupported", false},
		{"built-in UV", func(i *fido.Info) { i.Options["clientPin"] = false; i.Options["uv"] = true }, true, nil, "", false},
		{"blocked", func(i *fido.Info) { zero := 0; i.PINRetries = &zero }, true, pin("1234"), "pin_blocked", false},
		{"change pending", func(i *fido.Info) { i.ForcePINChange = true }, true, pin("1234"), "pin_change_required", false},
		{"UV not asked, PIN set: still used", nil, false, pin("1234"), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := &fido.CredentialRequest{UserVerification: tt.uvWanted}
			err := verifyUser(context.Background(), req, nil, key(tt.info), tt.pin)
			if got := code(err); got != tt.wantCode {
				t.Fatalf("code %q (%v), want %q", got, err, tt.wantCode)
			}
			if got := !req.PIN.Empty(); got != tt.wantPIN {
				t.Errorf("PIN passed on: %v, want %v", got, tt.wantPIN)
			}
		})
	}
}

func TestTruncateUTF8(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"adele@contoso.example", 64, "adele@contoso.example"},
		{"abcdef", 3, "abc"},
		{"aé", 2, "a"},   // é is two bytes: never split
		{"ééé", 5, "éé"}, // 4 bytes fit, the fifth starts a character
		{"", 4, ""},
	}
	for _, tt := range tests {
		if got := truncateUTF8(tt.in, tt.n); got != tt.want {
			t.Errorf("truncateUTF8(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestDefaultDisplayName(t *testing.T) {
	day := time.Date(2026, 11, 28, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		info fido.Info
		want string
	}{
		{fido.Info{AAGUID: "ee882879-721c-4913-9775-3dfcce97072a"}, "YubiKey 5 Series 2026-11-28"},
		{fido.Info{AAGUID: "00000000-0000-0000-0000-000000000000"}, "Security key 2026-11-28"},
		{fido.Info{Location: fido.Location{Virtual: true}}, "Virtual test key 2026-11-28"},
	}
	for _, tt := range tests {
		got := defaultDisplayName(&tt.info, day)
		if got != tt.want || webauthn.ValidateDisplayName(got) != nil {
			t.Errorf("defaultDisplayName = %q, want %q (and valid)", got, tt.want)
		}
	}
}

func TestExpiredChallengeRefusedBeforeTheKey(t *testing.T) {
	o := options(t, func(o *webauthn.CreationOptions) { o.ChallengeTimeout = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) })
	// A nil device: the expiry check must come before any use of the key.
	_, err := MakeCredential(context.Background(), nil, o, CredentialParams{}, NoEvents{})
	if code(err) != "challenge_expired" {
		t.Fatalf("got %v, want challenge_expired", err)
	}
}

// TestRegressionAmbiguousExclusionProbedBothWays: a 48- or 96-byte credential id ending
// in 0x35 also reads as .NET's padding-digit form. Read only that way, the key missed
// the credential Entra holds and overwrote it; both readings must reach the key.
func TestRegressionAmbiguousExclusionProbedBothWays(t *testing.T) {
	for _, size := range []int{48, 96} {
		id := append([]byte(strings.Repeat("\x9c", size-1)), 0x35)
		enc := base64.RawURLEncoding.EncodeToString(id)
		opts := options(t, nil)
		if err := json.Unmarshal([]byte(`[{"type":"public-key","id":"`+enc+`"},{"type":"future-key","id":"AAEC"}]`), &opts.PublicKey.ExcludeCredentials); err != nil {
			t.Fatal(err)
		}
		req, err := credentialRequest(opts, key(nil), false, &recorded{})
		if err != nil {
			t.Fatal(err)
		}
		var sizes []int
		held := false
		for _, e := range req.ExcludeList {
			sizes = append(sizes, len(e))
			held = held || bytes.Equal(e, id)
		}
		if !held || len(req.ExcludeList) != 2 {
			t.Errorf("%d-byte id: exclude list of sizes %v, want the id itself (%d) and its other reading (%d), and no future-key entry", size, sizes, size, size-1)
		}
	}
}

// recordingDevice is a key that answers nothing but remembers the request.
type recordingDevice struct{ req *fido.CredentialRequest }

func (d *recordingDevice) Location() fido.Location { return fido.Location{Path: "test"} }
func (d *recordingDevice) Close() error            { return nil }
func (d *recordingDevice) Info(context.Context) (*fido.Info, error) {
	return key(func(i *fido.Info) { i.Options["clientPin"] = false; i.PINRetries = nil }), nil
}
func (d *recordingDevice) Holds(context.Context, string, [][]byte) (bool, error) { return false, nil }
func (d *recordingDevice) MakeCredential(_ context.Context, req *fido.CredentialRequest) (*fido.Attestation, error) {
	d.req = req
	return nil, fido.ErrOperationDenied
}

// TestCredentialRequestCarriesClientDataJSON: a platform backend (webauthn.dll) takes the
// clientDataJSON itself; the request carries it with its hash.
func TestCredentialRequestCarriesClientDataJSON(t *testing.T) {
	dev := &recordingDevice{}
	opts := options(t, func(o *webauthn.CreationOptions) { o.PublicKey.AuthenticatorSelection.UserVerification = "discouraged" })
	_, _ = MakeCredential(context.Background(), dev, opts, CredentialParams{DisplayName: "k"}, &recorded{})
	if dev.req == nil {
		t.Fatal("the key was not asked")
	}
	sum := sha256.Sum256(dev.req.ClientDataJSON)
	if len(dev.req.ClientDataJSON) == 0 || !bytes.Equal(sum[:], dev.req.ClientDataHash) {
		t.Errorf("clientDataJSON %q does not hash to the request's hash", dev.req.ClientDataJSON)
	}
}

// platformDevice is a webauthn.dll-like backend: no getInfo, no probe; it asks for the
// PIN itself and answers with an attestation whose model is in the authData.
type platformDevice struct{ req *fido.CredentialRequest }

func (d *platformDevice) Location() fido.Location { return fido.Location{Path: "webauthn:"} }
func (d *platformDevice) Close() error            { return nil }
func (d *platformDevice) MakeCredential(_ context.Context, req *fido.CredentialRequest) (*fido.Attestation, error) {
	d.req = req
	coseKey, _ := cbor.Marshal(map[int]any{1: 2, 3: -7, -1: 1, -2: bytes.Repeat([]byte{1}, 32), -3: bytes.Repeat([]byte{2}, 32)})
	rp := sha256.Sum256([]byte(req.RP.ID))
	credID := []byte("platform-credential-id")
	aaguid := []byte{0xcb, 0x69, 0x48, 0x1e, 0x8f, 0xf7, 0x40, 0x39, 0x93, 0xec, 0x0a, 0x27, 0x29, 0xa1, 0x54, 0xa8}
	authData := append(append(append(append(rp[:], 0x45, 0, 0, 0, 1), aaguid...), 0, byte(len(credID))), credID...)
	return &fido.Attestation{Format: "none", AuthData: append(authData, coseKey...), CredentialID: credID, Algorithm: -7}, nil
}

// With a platform backend, the request leaves the choices to the platform (every
// algorithm Graph accepts, the exclusions, no PIN of ours) and the model comes from the
// attested credential data.
func TestMakeCredentialOnAPlatformBackend(t *testing.T) {
	dev := &platformDevice{}
	cred, err := MakeCredential(context.Background(), dev, options(t, nil), CredentialParams{
		PIN: func(context.Context, *fido.Info) (fido.PIN, error) {
			t.Error("a platform asks for the PIN itself")
			return "", nil
		},
	}, &recorded{})
	if err != nil {
		t.Fatal(err)
	}
	if got := dev.req.Algorithms; len(got) != 2 || got[0] != -257 || got[1] != -7 {
		t.Errorf("algorithms %v, want Graph's list in its order", got)
	}
	if len(dev.req.ExcludeList) == 0 || !dev.req.UserVerification || !dev.req.ResidentKey || dev.req.PIN != "" {
		t.Errorf("request %+v", dev.req)
	}
	if cred.Key.AAGUID != "cb69481e-8ff7-4039-93ec-0a2729a154a8" || cred.Key.Path != "webauthn:" || !strings.HasPrefix(cred.DisplayName, "YubiKey") {
		t.Errorf("key facts %+v, display name %q", cred.Key, cred.DisplayName)
	}
}
