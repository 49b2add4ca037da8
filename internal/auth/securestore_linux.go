//go:build linux && cgo

package auth

import "github.com/AzureAD/microsoft-authentication-extensions-for-go/cache/accessor"

const (
	osStoreName = "the Secret Service (libsecret)"
	osStoreHint = "install libsecret (the extension loads libsecret-1.so, which Debian and Ubuntu ship in libsecret-1-dev) " +
		"and run an unlocked Secret Service such as gnome-keyring or KeePassXC in a D-Bus session"
)

// newOSStore opens the libsecret entry for the cache at path: schema
// io.github.entra-passkey.TokenCache, attribute cache=<path> (…#probe for the scratch
// entry). libsecret is loaded with dlopen, so a missing library is an error here.
func newOSStore(path string, probe bool) (accessor.Accessor, error) {
	label := "entra-passkey token cache"
	if probe {
		path, label = path+"#probe", label+" (probe)"
	}
	return accessor.New("io.github.entra-passkey.TokenCache",
		accessor.WithAttribute("cache", path), accessor.WithLabel(label))
}
