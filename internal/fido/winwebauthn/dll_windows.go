//go:build windows

package winwebauthn

import (
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The DLL's functions, loaded from system32 only.
var (
	modWebAuthn = windows.NewLazySystemDLL("webauthn.dll")
	modUser32   = windows.NewLazySystemDLL("user32.dll")
	modKernel32 = windows.NewLazySystemDLL("kernel32.dll")

	procGetAPIVersion     = modWebAuthn.NewProc("WebAuthNGetApiVersionNumber")
	procMakeCredential    = modWebAuthn.NewProc("WebAuthNAuthenticatorMakeCredential")
	procFreeAttestation   = modWebAuthn.NewProc("WebAuthNFreeCredentialAttestation")
	procGetCancellationID = modWebAuthn.NewProc("WebAuthNGetCancellationId")
	procCancel            = modWebAuthn.NewProc("WebAuthNCancelCurrentOperation")
	procGetErrorName      = modWebAuthn.NewProc("WebAuthNGetErrorName")

	procGetForegroundWindow = modUser32.NewProc("GetForegroundWindow")
	procGetConsoleWindow    = modKernel32.NewProc("GetConsoleWindow")
)

func systemDLL() dll { return &winDLL{} }

// winDLL calls webauthn.dll. Every procedure is found in load, so no call can panic
// on a missing export.
type winDLL struct {
	once sync.Once
	err  error
}

func (d *winDLL) load() error {
	d.once.Do(func() {
		for _, p := range []*windows.LazyProc{procGetAPIVersion, procMakeCredential, procFreeAttestation,
			procGetCancellationID, procCancel, procGetErrorName} {
			if d.err = p.Find(); d.err != nil {
				return
			}
		}
	})
	return d.err
}

func (d *winDLL) apiVersion() uint32 {
	if d.load() != nil {
		return 0
	}
	r, _, _ := procGetAPIVersion.Call()
	return uint32(r)
}

func (d *winDLL) cancellationID() (guid, bool) {
	var id guid
	r, _, _ := procGetCancellationID.Call(uintptr(unsafe.Pointer(&id)))
	return id, uint32(r) == hrOK
}

func (d *winDLL) makeCredential(hwnd uintptr, c *makeCredentialCall) (*credentialAttestation, uint32) {
	var out *credentialAttestation
	r, _, _ := procMakeCredential.Call(hwnd,
		uintptr(unsafe.Pointer(&c.RP)),
		uintptr(unsafe.Pointer(&c.User)),
		uintptr(unsafe.Pointer(&c.Params)),
		uintptr(unsafe.Pointer(&c.ClientData)),
		uintptr(unsafe.Pointer(&c.Options)),
		uintptr(unsafe.Pointer(&out)))
	return out, uint32(r)
}

func (d *winDLL) freeCredentialAttestation(att *credentialAttestation) {
	_, _, _ = procFreeAttestation.Call(uintptr(unsafe.Pointer(att)))
}

func (d *winDLL) cancelCurrentOperation(id *guid) {
	_, _, _ = procCancel.Call(uintptr(unsafe.Pointer(id)))
}

func (d *winDLL) errorName(hr uint32) string {
	var name *uint16
	r, _, _ := procGetErrorName.Call(uintptr(hr))
	// The result is a pointer to a constant string inside the DLL; reading it
	// through a typed pointer variable keeps vet's unsafeptr rule.
	*(*uintptr)(unsafe.Pointer(&name)) = r
	return goWString(name)
}

func (d *winDLL) window() uintptr {
	if procGetForegroundWindow.Find() == nil {
		if h, _, _ := procGetForegroundWindow.Call(); h != 0 {
			return h
		}
	}
	if procGetConsoleWindow.Find() == nil {
		h, _, _ := procGetConsoleWindow.Call()
		return h
	}
	return 0
}
