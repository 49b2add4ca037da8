//go:build cgo

package libfido2

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// These tests drive the software key through the real libfido2 and unmodified
// go-libfido2: libfido2's CTAPHID framing, CBOR, PIN protocols and error mapping run.

const testPIN = fido.PIN("48151623")

// newKey creates a software key with the given PIN protocols and returns it opened.
func newKey(t testing.TB, protocols []int, configure func(*virtual.State)) *device {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key.json")
	if err := virtual.Configure(path, func(s *virtual.State) error {
		s.PINProtocols = protocols
		if configure != nil {
			configure(s)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	dev, err := NewOpener().Open(context.Background(), VirtualPrefix+path)
	if err != nil {
		t.Fatal(err)
	}
	return dev.(*device)
}

func request(user string) *fido.CredentialRequest {
	h := sha256.Sum256([]byte(`{"type":"webauthn.create","challenge":"abc","origin":"https://login.microsoft.com","crossOrigin":false}`))
	return &fido.CredentialRequest{
		ClientDataHash: h[:], RP: fido.RelyingParty{ID: "login.microsoft.com", Name: "Microsoft"},
		User:       fido.User{ID: []byte("handle-" + user), Name: user, DisplayName: user},
		Algorithms: []int{fido.ES256}, ResidentKey: true, UserVerification: true, CredProtect: 1, HMACSecret: true,
		PIN: testPIN,
	}
}

func TestPINProtocolsAndMakeCredential(t *testing.T) {
	for _, protocols := range [][]int{{1}, {2}, {2, 1}} {
		t.Run("", func(t *testing.T) {
			ctx := context.Background()
			d := newKey(t, protocols, nil)
			// setPIN through libfido2's clientPIN with this protocol.
			if err := d.SetPIN(ctx, testPIN); err != nil {
				t.Fatalf("SetPIN: %v", err)
			}
			info, err := fido.ReadInfoWithRetries(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if !info.PINSet() || info.PINRetries == nil || *info.PINRetries != 8 {
				t.Fatalf("after SetPIN: clientPin %v retries %v", info.PINSet(), info.PINRetries)
			}
			att, err := d.MakeCredential(ctx, request("adele@contoso.example"))
			if err != nil {
				t.Fatalf("MakeCredential: %v", err)
			}
			ad, err := webauthn.ParseAuthData(webauthn.UnwrapAuthData(att.AuthData))
			if err != nil {
				t.Fatal(err)
			}
			if !ad.UserPresent() || !ad.UserVerified() || ad.AttestedCredential == nil {
				t.Errorf("flags %#x: want UP, UV and attested data", ad.Flags)
			}
			if got := ad.Extensions["credProtect"]; got != uint64(1) {
				t.Errorf("credProtect extension = %v, want 1", got)
			}
			if got := ad.Extensions["hmac-secret"]; got != true {
				t.Errorf("hmac-secret extension = %v, want true", got)
			}
			if att.Format != "packed" || len(att.Cert) == 0 || att.Algorithm != fido.ES256 {
				t.Errorf("format %q alg %d cert %d bytes", att.Format, att.Algorithm, len(att.Cert))
			}
			held, err := d.Holds(ctx, "login.microsoft.com", [][]byte{[]byte("other"), att.CredentialID})
			if err != nil || !held {
				t.Errorf("Holds(own credential) = %v, %v; want true", held, err)
			}
			held, err = d.Holds(ctx, "login.microsoft.com", [][]byte{[]byte("not-this-key's")})
			if err != nil || held {
				t.Errorf("Holds(foreign credential) = %v, %v; want false", held, err)
			}
		})
	}
}

func TestKeyRefusalsMapToCodes(t *testing.T) {
	ctx := context.Background()
	withPIN := func(s *virtual.State) { _ = s.SetPIN(testPIN.Reveal()) }
	tests := []struct {
		name      string
		configure func(*virtual.State)
		req       func() *fido.CredentialRequest
		want      *fido.Error
		retries   int
	}{
		{"wrong PIN", withPIN, func() *fido.CredentialRequest { r := request("u"); r.PIN = "00000000"; return r }, fido.ErrPINInvalid, 7},
		{"no PIN given", withPIN, func() *fido.CredentialRequest { r := request("u"); r.PIN = ""; return r }, fido.ErrPINRequired, -1},
		{"PIN blocked", func(s *virtual.State) { withPIN(s); s.PINRetries = 0 }, func() *fido.CredentialRequest { return request("u") }, fido.ErrPINBlocked, -1},
		{"PIN not set", nil, func() *fido.CredentialRequest { return request("u") }, fido.ErrPINNotSet, -1},
		{"key full", func(s *virtual.State) { withPIN(s); s.MaxDiscoverable = 0 }, func() *fido.CredentialRequest { return request("u") }, fido.ErrKeyFull, -1},
		{"denied", func(s *virtual.State) { withPIN(s); s.Faults.Deny = true }, func() *fido.CredentialRequest { return request("u") }, fido.ErrOperationDenied, -1},
		{"not touched", func(s *virtual.State) {
			withPIN(s)
			s.Faults.NoTouch = true
			s.Faults.TouchTimeout = 200 * time.Millisecond
		}, func() *fido.CredentialRequest { return request("u") }, fido.ErrActionTimeout, -1},
		{"forced PIN change", func(s *virtual.State) { withPIN(s); s.ForcePINChange = true }, func() *fido.CredentialRequest { return request("u") }, fido.ErrPINPolicyViolation, -1},
		{"unsupported algorithm", withPIN, func() *fido.CredentialRequest { r := request("u"); r.Algorithms = []int{fido.RS256}; return r }, fido.ErrUnsupportedAlgorithm, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newKey(t, []int{2, 1}, tt.configure)
			_, err := d.MakeCredential(ctx, tt.req())
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want code %s", err, tt.want.Code)
			}
			var fe *fido.Error
			errors.As(err, &fe)
			if fe.Retries != tt.retries {
				t.Errorf("retries = %d, want %d", fe.Retries, tt.retries)
			}
			if fe.ErrorHint() == "" && tt.want.Code != "cancelled" {
				t.Errorf("no hint for %s", fe.Code)
			}
		})
	}
}

func TestTimeoutAndCancelStopTheKey(t *testing.T) {
	slow := func(s *virtual.State) { _ = s.SetPIN(testPIN.Reveal()); s.Faults.TouchDelay = 20 * time.Second }
	for _, tt := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want *fido.Error
	}{
		{"timeout", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 300*time.Millisecond)
		}, fido.ErrTimeout},
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			return ctx, cancel
		}, fido.ErrCancelled},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newKey(t, []int{2}, slow)
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			_, err := d.MakeCredential(ctx, request("u"))
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %s", err, tt.want.Code)
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("took %v: the key was not cancelled", took)
			}
			// The key answers again at once: the cancelled command released it.
			if _, err := d.Info(context.Background()); err != nil {
				t.Errorf("Info after cancel: %v", err)
			}
		})
	}
}

func TestAuthenticatorConfig(t *testing.T) {
	ctx := context.Background()
	d := newKey(t, []int{2}, func(s *virtual.State) { _ = s.SetPIN("123456") })
	if err := d.SetMinPINLength(ctx, 8, []string{"login.microsoft.com"}, "123456"); err != nil {
		t.Fatalf("SetMinPINLength: %v", err)
	}
	info, _ := d.Info(ctx)
	// The PIN is now shorter than the minimum, so the key demands a change.
	if info.MinPINLength != 8 || !info.ForcePINChange {
		t.Fatalf("minPinLength %d forcePinChange %v; want 8 and true", info.MinPINLength, info.ForcePINChange)
	}
	if err := d.SetMinPINLength(ctx, 6, nil, "123456"); !errors.Is(err, fido.ErrPINPolicyViolation) {
		t.Errorf("lowering the minimum: got %v, want pin_policy_violation", err)
	}
	if err := d.ChangePIN(ctx, "123456", "1234567"); !errors.Is(err, fido.ErrPINPolicyViolation) {
		t.Errorf("a new PIN under the minimum: got %v, want pin_policy_violation", err)
	}
	if err := d.ChangePIN(ctx, "123456", "12345678"); err != nil {
		t.Fatalf("ChangePIN: %v", err)
	}
	if info, _ = d.Info(ctx); info.ForcePINChange {
		t.Error("forcePinChange still set after the PIN change")
	}
	if err := d.ForcePINChange(ctx, "12345678"); err != nil {
		t.Fatalf("ForcePINChange: %v", err)
	}
	r := request("u")
	r.PIN = "12345678"
	if _, err := d.MakeCredential(ctx, r); !errors.Is(err, fido.ErrPINPolicyViolation) {
		t.Errorf("use with a change pending: got %v, want pin_policy_violation", err)
	}
	if err := d.ToggleAlwaysUV(ctx, ""); err == nil {
		t.Error("ToggleAlwaysUV without the PIN succeeded on a key with a PIN")
	}
}

func TestLocationsListsRegisteredSoftwareKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "listed.json")
	if err := virtual.Configure(path, func(*virtual.State) error { return nil }); err != nil {
		t.Fatal(err)
	}
	RegisterVirtual(path)
	locs, err := NewOpener().Locations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range locs {
		if l.Path == VirtualPrefix+path {
			if !l.Virtual || l.Manufacturer != virtual.Manufacturer {
				t.Errorf("listed as %+v", l)
			}
			return
		}
	}
	t.Errorf("software key not listed in %+v", locs)
}

// TestHardwareInfo reads the first real key, only when asked: it writes nothing.
func TestHardwareInfo(t *testing.T) {
	if os.Getenv("ENTRA_PASSKEY_TEST_HARDWARE") != "1" {
		t.Skip("set ENTRA_PASSKEY_TEST_HARDWARE=1 to read a plugged-in security key")
	}
	o := NewOpener()
	dev, err := fido.Select(context.Background(), o, os.Getenv("ENTRA_PASSKEY_DEVICE"))
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	info, err := fido.ReadInfoWithRetries(context.Background(), dev)
	if err != nil {
		t.Fatal(err)
	}
	if info.AAGUID == "" || len(info.Versions) == 0 {
		t.Errorf("implausible info: %+v", info)
	}
	t.Logf("%s: %s %s, AAGUID %s, versions %v", info.Path, info.Manufacturer, info.Product, info.AAGUID, info.Versions)
}
