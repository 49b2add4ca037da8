//go:build cgo

package libfido2

import (
	"context"
	"errors"
	"fmt"

	gofido "github.com/keys-pub/go-libfido2"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// MakeCredential probes the exclude list silently, then runs makeCredential.
func (d *device) MakeCredential(ctx context.Context, req *fido.CredentialRequest) (*fido.Attestation, error) {
	if err := validate(req); err != nil {
		return nil, err
	}
	alg := req.Algorithms[0]
	opts := &gofido.MakeCredentialOpts{RK: gofido.False, UV: gofido.Default}
	if req.ResidentKey {
		opts.RK = gofido.True
	}
	// With a PIN, libfido2 verifies the user through pinUvAuthParam; the uv option is
	// only for keys with built-in verification (CTAP 2.1 §6.1.2 step 5).
	if req.UserVerification && req.PIN.Empty() {
		opts.UV = gofido.True
	}
	if req.HMACSecret {
		opts.Extensions = append(opts.Extensions, gofido.HMACSecretExtension)
	}
	switch req.CredProtect {
	case 0:
	case 1:
		opts.CredProtect = gofido.CredProtectUVOptional
	case 2:
		opts.CredProtect = gofido.CredProtectUVOptionalWithID
	case 3:
		opts.CredProtect = gofido.CredProtectUVRequired
	default:
		return nil, fido.New("device_error", fmt.Sprintf("credProtect level %d does not exist", req.CredProtect), nil)
	}
	var att *gofido.Attestation
	err := d.run(ctx, "making the credential", func() error {
		var err error
		att, err = d.dev.MakeCredential(req.ClientDataHash,
			gofido.RelyingParty{ID: req.RP.ID, Name: req.RP.Name},
			gofido.User{ID: req.User.ID, Name: req.User.Name, DisplayName: req.User.DisplayName},
			gofido.CredentialType(alg), req.PIN.Reveal(), opts)
		return err
	})
	if err != nil {
		return nil, d.withRetries(err)
	}
	return &fido.Attestation{
		Format:       att.Format,
		AuthData:     att.AuthData,
		CredentialID: att.CredentialID,
		Algorithm:    int(att.CredentialType),
		Sig:          att.Sig,
		Cert:         att.Cert,
	}, nil
}

// validate guards go-libfido2, which indexes the first byte of every slice it gets.
func validate(req *fido.CredentialRequest) error {
	switch {
	case len(req.ClientDataHash) != 32:
		return fido.New("device_error", "client data hash must be 32 bytes", nil)
	case req.RP.ID == "":
		return fido.New("device_error", "no relying party id", nil)
	case len(req.User.ID) == 0 || req.User.Name == "":
		return fido.New("device_error", "no user id or user name", nil)
	case len(req.Algorithms) == 0:
		return fido.ErrUnsupportedAlgorithm
	}
	return nil
}

// Holds looks for credentials with a silent assertion (no touch, no PIN):
// go-libfido2 cannot pass an exclude list to makeCredential, and this way an already
// registered key is reported before the user is asked to touch it.
func (d *device) Holds(ctx context.Context, rpID string, excluded [][]byte) (bool, error) {
	ids := usableIDs(excluded, d.info)
	if len(ids) == 0 || rpID == "" {
		return false, nil
	}
	batch := 1
	if d.info != nil && d.info.MaxCredentialCountInList > 0 {
		batch = int(d.info.MaxCredentialCountInList)
	}
	zero := make([]byte, 32)
	for start := 0; start < len(ids); start += batch {
		chunk := ids[start:min(start+batch, len(ids))]
		err := d.run(ctx, "looking for existing credentials", func() error {
			_, err := d.dev.Assertion(rpID, zero, chunk, "", &gofido.AssertionOpts{UP: gofido.False})
			return err
		})
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, fido.ErrCancelled), errors.Is(err, fido.ErrTimeout), errors.Is(err, fido.ErrDeviceBusy):
			return false, err
		}
		// No credentials, or a key that will not answer silently (alwaysUv): go on.
		// Graph refuses a duplicate registration in any case.
	}
	return false, nil
}

// usableIDs drops ids the key could never have issued (empty, or longer than it allows).
func usableIDs(ids [][]byte, info *fido.Info) [][]byte {
	out := make([][]byte, 0, len(ids))
	for _, id := range ids {
		if len(id) == 0 {
			continue
		}
		if info != nil && info.MaxCredentialIDLength > 0 && uint64(len(id)) > info.MaxCredentialIDLength {
			continue
		}
		out = append(out, id)
	}
	return out
}
