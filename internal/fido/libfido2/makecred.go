//go:build cgo

package libfido2

/*
#include <fido.h>
#include <stdlib.h>
#include <string.h>

// pin_free zeroes a C copy of a PIN before freeing it.
static void pin_free(char *pin) {
	if (pin != NULL) {
		explicit_bzero(pin, strlen(pin));
		free(pin);
	}
}
*/
import "C"

import (
	"context"
	"fmt"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// cPIN is the PIN as a C string for libfido2, nil for none; free it with freePIN, which
// zeroes it first.
func cPIN(pin fido.PIN) *C.char {
	if pin.Empty() {
		return nil
	}
	return C.CString(pin.Reveal())
}

func freePIN(p *C.char) { C.pin_free(p) }

// cBytes is b in C memory (libfido2 copies what it is given); free it with C.free.
func cBytes(b []byte) (*C.uchar, C.size_t) {
	return (*C.uchar)(C.CBytes(b)), C.size_t(len(b))
}

// MakeCredential runs authenticatorMakeCredential. With a PIN, libfido2 gets one
// pinUvAuthToken (keyAgreement, getPinUvAuthToken) and sends the command with it.
func (d *device) MakeCredential(ctx context.Context, req *fido.CredentialRequest) (*fido.Attestation, error) {
	if err := validate(req); err != nil {
		return nil, err
	}
	cred := C.fido_cred_new()
	if cred == nil {
		return nil, fido.New("device_error", "out of memory", nil)
	}
	defer C.fido_cred_free(&cred)
	if err := setCredential(cred, req); err != nil {
		return nil, err
	}
	pin := cPIN(req.PIN)
	defer freePIN(pin)
	d.changed() // a resident credential changes remainingDiscoverableCredentials
	err := d.h.run(ctx, "making the credential", noTimeout, func(dev *C.fido_dev_t) C.int {
		return C.fido_dev_make_cred(dev, cred, pin)
	})
	if err != nil {
		return nil, d.withRetries(ctx, err)
	}
	return &fido.Attestation{
		Format:       C.GoString(C.fido_cred_fmt(cred)),
		AuthData:     goBytes(C.fido_cred_authdata_raw_ptr(cred), C.fido_cred_authdata_raw_len(cred)),
		CredentialID: goBytes(C.fido_cred_id_ptr(cred), C.fido_cred_id_len(cred)),
		Algorithm:    int(C.fido_cred_type(cred)),
		Sig:          goBytes(C.fido_cred_sig_ptr(cred), C.fido_cred_sig_len(cred)),
		Cert:         goBytes(C.fido_cred_x5c_ptr(cred), C.fido_cred_x5c_len(cred)),
	}, nil
}

func goBytes(p *C.uchar, n C.size_t) []byte {
	if p == nil || n == 0 {
		return nil
	}
	return C.GoBytes(unsafe.Pointer(p), C.int(n))
}

// setCredential puts the request's parameters on cred.
func setCredential(cred *C.fido_cred_t, req *fido.CredentialRequest) error {
	var ext C.int
	if req.HMACSecret {
		ext |= C.FIDO_EXT_HMAC_SECRET
	}
	var prot C.int
	switch req.CredProtect {
	case 0:
	case 1:
		prot = C.FIDO_CRED_PROT_UV_OPTIONAL
	case 2:
		prot = C.FIDO_CRED_PROT_UV_OPTIONAL_WITH_ID
	case 3:
		prot = C.FIDO_CRED_PROT_UV_REQUIRED
	default:
		return fido.New("device_error", fmt.Sprintf("credProtect level %d does not exist", req.CredProtect), nil)
	}
	rk, uv := C.fido_opt_t(C.FIDO_OPT_OMIT), C.fido_opt_t(C.FIDO_OPT_OMIT)
	if req.ResidentKey {
		rk = C.FIDO_OPT_TRUE
	}
	// With a PIN, libfido2 verifies the user through pinUvAuthParam; the uv option is
	// only for keys with built-in verification (CTAP 2.1 §6.1.2 step 5).
	if req.UserVerification && req.PIN.Empty() {
		uv = C.FIDO_OPT_TRUE
	}
	rpID, rpName := C.CString(req.RP.ID), C.CString(req.RP.Name)
	defer C.free(unsafe.Pointer(rpID))
	defer C.free(unsafe.Pointer(rpName))
	userName, displayName := C.CString(req.User.Name), C.CString(req.User.DisplayName)
	defer C.free(unsafe.Pointer(userName))
	defer C.free(unsafe.Pointer(displayName))
	uid, uidLen := cBytes(req.User.ID)
	defer C.free(unsafe.Pointer(uid))
	cdh, cdhLen := cBytes(req.ClientDataHash)
	defer C.free(unsafe.Pointer(cdh))
	for _, r := range []C.int{
		C.fido_cred_set_type(cred, C.int(req.Algorithms[0])),
		C.fido_cred_set_clientdata_hash(cred, cdh, cdhLen),
		C.fido_cred_set_rp(cred, rpID, rpName),
		C.fido_cred_set_user(cred, uid, uidLen, userName, displayName, nil),
		C.fido_cred_set_rk(cred, rk),
		C.fido_cred_set_uv(cred, uv),
		C.fido_cred_set_extensions(cred, ext),
		// After the extensions, which it adds credProtect to.
		C.fido_cred_set_prot(cred, prot),
	} {
		if r != C.FIDO_OK {
			return codeError(int(r), "preparing the credential request")
		}
	}
	return nil
}

// validate guards libfido2, which refuses empty fields with a bare FIDO_ERR_INVALID_ARGUMENT.
func validate(req *fido.CredentialRequest) error {
	if len(req.ClientDataHash) != 32 {
		return fido.New("device_error", "client data hash must be 32 bytes", nil)
	}
	return req.Check()
}
