// Package winwebauthn reaches security keys through Windows' webauthn.dll, which needs
// no Administrator and shows Windows' own PIN and touch dialogs.
//
// The DLL's structures and the mapping of requests and results (structs.go,
// request.go, result.go) compile everywhere and are tested on any OS against a fake
// DLL; only the calls into webauthn.dll (dll_windows.go) are Windows-only. What needs
// raw CTAP (getInfo, PIN commands, authenticatorConfig, reset) this backend does not
// implement, so fido.ReadInfo and the like say unsupported_by_backend.
package winwebauthn
