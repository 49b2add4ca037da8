package winwebauthn

import (
	"context"
	"math"
	"runtime"
	"strings"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// dll is the part of webauthn.dll the backend calls, behind an interface so that the
// mapping is tested against a fake on any OS.
type dll interface {
	// load reports whether the DLL and every function the backend needs are there.
	load() error
	// apiVersion is WebAuthNGetApiVersionNumber.
	apiVersion() uint32
	// cancellationID is WebAuthNGetCancellationId.
	cancellationID() (guid, bool)
	// makeCredential is WebAuthNAuthenticatorMakeCredential; it blocks until the
	// dialog ends. A nil result comes with a failed HRESULT.
	makeCredential(hwnd uintptr, c *makeCredentialCall) (*credentialAttestation, uint32)
	// freeCredentialAttestation is WebAuthNFreeCredentialAttestation.
	freeCredentialAttestation(att *credentialAttestation)
	// cancelCurrentOperation is WebAuthNCancelCurrentOperation.
	cancelCurrentOperation(id *guid)
	// errorName is WebAuthNGetErrorName, "" when unknown.
	errorName(hr uint32) string
	// window is the window the dialog belongs to: the foreground window, else the
	// console's, 0 when there is neither.
	window() uintptr
}

// Path is the one key path this backend has: webauthn.dll picks the key in its own
// dialog, so there is nothing to enumerate.
const Path = "webauthn:"

// Backend is webauthn.dll as a fido.Backend.
type Backend struct{ dll dll }

// New returns the webauthn.dll backend (unavailable off Windows, or on a Windows
// without a usable webauthn.dll).
func New() *Backend { return &Backend{dll: systemDLL()} }

// Name names the backend.
func (b *Backend) Name() string { return "webauthn" }

// Available reports whether webauthn.dll is loaded and reports an API version.
func (b *Backend) Available() bool { return b.dll.load() == nil && b.dll.apiVersion() > 0 }

// Handles reports whether path is this backend's.
func (b *Backend) Handles(path string) bool { return strings.HasPrefix(path, Path) }

func (b *Backend) location() fido.Location {
	return fido.Location{Path: Path, Manufacturer: "Microsoft", Product: "Windows security key dialog (webauthn.dll)"}
}

// Locations lists the one path: Windows asks for the key itself.
func (b *Backend) Locations(context.Context) ([]fido.Location, error) {
	if err := b.dll.load(); err != nil {
		return nil, fido.New("unsupported_by_backend", "webauthn.dll cannot be used here", err)
	}
	return []fido.Location{b.location()}, nil
}

// Open returns the device behind Windows' dialog.
func (b *Backend) Open(_ context.Context, path string) (fido.Device, error) {
	if !b.Handles(path) {
		return nil, fido.ErrDeviceNotFound
	}
	if err := b.dll.load(); err != nil {
		return nil, fido.New("unsupported_by_backend", "webauthn.dll cannot be used here", err)
	}
	return &Device{dll: b.dll, loc: b.location()}, nil
}

// Device is the key Windows' dialog will find. It has MakeCredential only: getInfo,
// PIN and configuration commands need raw CTAP, which webauthn.dll does not give.
type Device struct {
	dll dll
	loc fido.Location
}

// Location says which key this is.
func (d *Device) Location() fido.Location { return d.loc }

// Close releases nothing: every call stands alone.
func (d *Device) Close() error { return nil }

// MakeCredential creates a credential through Windows' dialog, which asks for the PIN
// and the touch itself (req.PIN is not used).
func (d *Device) MakeCredential(ctx context.Context, req *fido.CredentialRequest) (*fido.Attestation, error) {
	res, err := d.MakeCredentialResult(ctx, req)
	if err != nil {
		return nil, err
	}
	return res.Attestation, nil
}

// MakeCredentialResult is MakeCredential with the DLL's attestation object and the
// clientDataJSON it hashed. Cancelling ctx cancels the dialog.
func (d *Device) MakeCredentialResult(ctx context.Context, req *fido.CredentialRequest) (*Result, error) {
	if err := validate(req); err != nil {
		return nil, err
	}
	if err := checkClientData(req); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, contextError(ctx)
	}
	api := d.dll.apiVersion()
	var cancel *guid
	if id, ok := d.dll.cancellationID(); ok {
		cancel = &id
	}
	call, err := newCall(req, api, timeoutFor(ctx, time.Now()), cancel)
	if err != nil {
		return nil, err
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		select {
		case <-ctx.Done():
			if cancel != nil {
				d.dll.cancelCurrentOperation(cancel)
			}
		case <-done:
		}
	}()
	att, hr := d.dll.makeCredential(d.dll.window(), call)
	close(done)
	<-stopped
	runtime.KeepAlive(call)
	if att != nil {
		defer d.dll.freeCredentialAttestation(att)
	}
	if hr != hrOK {
		return nil, hresultError(ctx, hr, d.dll.errorName(hr))
	}
	return readAttestation(att, req)
}

// timeoutFor is the DLL's timeout: what is left of ctx's deadline, else defaultTimeout.
func timeoutFor(ctx context.Context, now time.Time) time.Duration {
	dl, ok := ctx.Deadline()
	if !ok {
		return defaultTimeout
	}
	left := dl.Sub(now)
	switch {
	case left < time.Second:
		return time.Second
	case left > math.MaxUint32*time.Millisecond:
		return math.MaxUint32 * time.Millisecond
	}
	return left
}
