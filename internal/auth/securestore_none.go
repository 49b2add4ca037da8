//go:build !((linux && cgo) || (darwin && cgo) || windows)

package auth

import (
	"errors"
	"runtime"

	"github.com/AzureAD/microsoft-authentication-extensions-for-go/cache/accessor"
)

const (
	osStoreName = "the OS secret store"
	osStoreHint = "use a build made with cgo (CGO_ENABLED=1) on Linux or macOS"
)

// newOSStore fails: the OS stores need cgo on Linux and macOS, and others have none.
func newOSStore(string, bool) (accessor.Accessor, error) {
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
		return nil, errors.New("this binary was built without cgo, which the Secret Service (libsecret) and the keychain need")
	}
	return nil, errors.New("entra-passkey supports none on " + runtime.GOOS)
}
