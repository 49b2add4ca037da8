//go:build windows

package auth

import (
	"strings"

	"github.com/AzureAD/microsoft-authentication-extensions-for-go/cache/accessor"
)

const (
	osStoreName = "a DPAPI-encrypted file"
	osStoreHint = "check the config directory is writable and the user profile is loaded"
)

// newOSStore opens the DPAPI-encrypted file for the cache at path: msal-cache.dpapi
// beside msal-cache.json (msal-cache.probe.dpapi for the scratch entry).
func newOSStore(path string, probe bool) (accessor.Accessor, error) {
	path = strings.TrimSuffix(path, ".json")
	if probe {
		path += ".probe"
	}
	return accessor.New(path + ".dpapi")
}
