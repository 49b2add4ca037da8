//go:build cgo

package libfido2

/*
#include <fido.h>
#include <fido/credman.h>
#include <stdlib.h>
*/
import "C"

import (
	"context"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

var _ fido.CredentialManager = (*device)(nil)

// credmanTimeout bounds a credential management command: none needs a touch.
const credmanTimeout = 10 * time.Second

// Credentials lists the discoverable credentials the key holds for rpID
// (fido_credman_get_dev_rk), and how many more fit (fido_credman_get_dev_metadata).
// Each call gets its own pinUvAuthToken with the cm permission, the first bound to rpID.
func (d *device) Credentials(ctx context.Context, rpID string, pin fido.PIN) (*fido.CredentialList, error) {
	if rpID == "" {
		return nil, fido.New("device_error", "listing credentials needs a relying party id", nil)
	}
	if err := d.canManageCredentials(ctx, pin); err != nil {
		return nil, err
	}
	cpin := cPIN(pin)
	defer freePIN(cpin)
	list := &fido.CredentialList{RPID: rpID, Credentials: []fido.StoredCredential{}}
	err := d.h.run(ctx, "listing the credentials on the key", credmanTimeout, func(dev *C.fido_dev_t) C.int {
		rk := C.fido_credman_rk_new()
		if rk == nil {
			return C.FIDO_ERR_INTERNAL
		}
		defer C.fido_credman_rk_free(&rk)
		crp := C.CString(rpID)
		defer C.free(unsafe.Pointer(crp))
		r := C.fido_credman_get_dev_rk(dev, crp, rk, cpin)
		if r == C.FIDO_ERR_NO_CREDENTIALS {
			return C.FIDO_OK // none for this RP: an empty list
		}
		for i := C.size_t(0); r == C.FIDO_OK && i < C.fido_credman_rk_count(rk); i++ {
			list.Credentials = append(list.Credentials, storedCredential(rpID, C.fido_credman_rk(rk, i)))
		}
		return r
	})
	if err != nil {
		return nil, d.withRetries(ctx, err)
	}
	var remaining C.uint64_t
	err = d.h.run(ctx, "reading how many more credentials fit on the key", credmanTimeout, func(dev *C.fido_dev_t) C.int {
		md := C.fido_credman_metadata_new()
		if md == nil {
			return C.FIDO_ERR_INTERNAL
		}
		defer C.fido_credman_metadata_free(&md)
		r := C.fido_credman_get_dev_metadata(dev, md, cpin)
		remaining = C.fido_credman_rk_remaining(md)
		return r
	})
	if err != nil {
		return nil, d.withRetries(ctx, err)
	}
	n := int(remaining)
	list.Remaining = &n
	return list, nil
}

func storedCredential(rpID string, cred *C.fido_cred_t) fido.StoredCredential {
	return fido.StoredCredential{
		RPID:            rpID,
		CredentialID:    goBytes(C.fido_cred_id_ptr(cred), C.fido_cred_id_len(cred)),
		UserID:          goBytes(C.fido_cred_user_id_ptr(cred), C.fido_cred_user_id_len(cred)),
		UserName:        C.GoString(C.fido_cred_user_name(cred)),
		UserDisplayName: C.GoString(C.fido_cred_display_name(cred)),
		// FIDO_CRED_PROT_UV_OPTIONAL and the others are CTAP's levels 1 to 3.
		CredProtect: int(C.fido_cred_prot(cred)),
	}
}

// DeleteCredential removes the discoverable credential id (fido_credman_del_dev_rk).
func (d *device) DeleteCredential(ctx context.Context, id []byte, pin fido.PIN) error {
	if len(id) == 0 {
		return fido.New("credential_not_on_key", "an empty credential id", nil)
	}
	if err := d.canManageCredentials(ctx, pin); err != nil {
		return err
	}
	cpin := cPIN(pin)
	defer freePIN(cpin)
	cid, n := cBytes(id)
	defer C.free(unsafe.Pointer(cid))
	var raw C.int
	d.changed() // remainingDiscoverableCredentials
	err := d.h.run(ctx, "deleting the credential from the key", credmanTimeout, func(dev *C.fido_dev_t) C.int {
		raw = C.fido_credman_del_dev_rk(dev, cid, n, cpin)
		return raw
	})
	// CTAP2_ERR_NO_CREDENTIALS (§6.8.5): the key holds no credential with that id.
	if raw == C.FIDO_ERR_NO_CREDENTIALS && ctx.Err() == nil {
		return fido.New("credential_not_on_key", "", err)
	}
	return d.withRetries(ctx, err)
}

// canManageCredentials says, before anything is sent, why credential management cannot
// work: the key lacks it, has no PIN (no token to be had), or none was given.
func (d *device) canManageCredentials(ctx context.Context, pin fido.PIN) error {
	info, err := d.Info(ctx)
	if err != nil {
		return err
	}
	cm, _ := info.Option("credMgmt")
	preview, _ := info.Option("credentialMgmtPreview")
	switch {
	case !cm && !preview:
		return fido.New("unsupported_by_key", "the key has no credential management (CTAP 2.1 credMgmt), so it cannot list or delete its credentials", nil)
	case !info.PINSet():
		return fido.New("pin_not_set", "the key has no PIN, and listing or deleting its credentials needs one", nil)
	case pin.Empty():
		return fido.New("pin_required", "", nil)
	}
	return nil
}
