//go:build !windows

package winwebauthn

import "errors"

// systemDLL off Windows: there is no webauthn.dll.
func systemDLL() dll { return noDLL{} }

// noDLL is the absent DLL; only load is ever called.
type noDLL struct{}

var errNotWindows = errors.New("webauthn.dll exists only on Windows")

func (noDLL) load() error                                      { return errNotWindows }
func (noDLL) apiVersion() uint32                               { return 0 }
func (noDLL) cancellationID() (guid, bool)                     { return guid{}, false }
func (noDLL) freeCredentialAttestation(*credentialAttestation) {}
func (noDLL) cancelCurrentOperation(*guid)                     {}
func (noDLL) errorName(uint32) string                          { return "" }
func (noDLL) window() uintptr                                  { return 0 }
func (noDLL) makeCredential(uintptr, *makeCredentialCall) (*credentialAttestation, uint32) {
	return nil, hrWin32ModuleNotFound
}
