package winwebauthn

import "github.com/entra-passkey/entra-passkey/internal/fido"

// Unavailable says why webauthn.dll cannot be used here (fido.Mux reports it when this
// is the backend asked for), nil when it can.
func (b *Backend) Unavailable() error {
	if b.Available() {
		return nil
	}
	return fido.New("unsupported_by_backend", "the webauthn backend is not available here: webauthn.dll is Windows' own (Windows 10 1903 or later); use --backend auto or libfido2", nil)
}
