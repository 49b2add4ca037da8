//go:build darwin && cgo

package auth

import "github.com/AzureAD/microsoft-authentication-extensions-for-go/cache/accessor"

const (
	osStoreName = "the macOS keychain"
	osStoreHint = "unlock the login keychain (an SSH session may not reach it)"
)

// newOSStore opens the keychain item for the cache at path: service "entra-passkey
// token cache", account <path> (…#probe for the scratch item).
func newOSStore(path string, probe bool) (accessor.Accessor, error) {
	if probe {
		path += "#probe"
	}
	return accessor.New("entra-passkey token cache", accessor.WithAccount(path))
}
