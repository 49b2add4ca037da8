//go:build cgo

package libfido2

/*
#include <fido.h>
#include <stdlib.h>
*/
import "C"

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"
	"unsafe"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// infoTimeout bounds getInfo: it needs no touch, so a key that does not answer within it
// is stuck.
const infoTimeout = 5 * time.Second

// Info runs authenticatorGetInfo through libfido2 directly, because go-libfido2 exposes
// only five of its fields. The answer is kept until a command that may change it.
func (d *device) Info(ctx context.Context) (*fido.Info, error) {
	if d.info != nil {
		return d.info, nil
	}
	var info *fido.Info
	err := d.h.run(ctx, "reading the key's info", infoTimeout, func(dev *C.fido_dev_t) C.int {
		ci := C.fido_cbor_info_new()
		if ci == nil {
			return C.FIDO_ERR_INTERNAL
		}
		defer C.fido_cbor_info_free(&ci)
		r := C.fido_dev_get_cbor_info(dev, ci)
		if r == C.FIDO_OK {
			info = infoFromCBOR(ci)
		}
		return r
	})
	if err != nil {
		return nil, err
	}
	info.Location = d.loc
	d.info = info
	return info, nil
}

func infoFromCBOR(ci *C.fido_cbor_info_t) *fido.Info {
	info := &fido.Info{
		Versions:                   cStrings(C.fido_cbor_info_versions_ptr(ci), C.fido_cbor_info_versions_len(ci)),
		Extensions:                 cStrings(C.fido_cbor_info_extensions_ptr(ci), C.fido_cbor_info_extensions_len(ci)),
		Transports:                 cStrings(C.fido_cbor_info_transports_ptr(ci), C.fido_cbor_info_transports_len(ci)),
		Options:                    map[string]bool{},
		MaxMsgSize:                 uint64(C.fido_cbor_info_maxmsgsiz(ci)),
		MaxCredentialCountInList:   uint64(C.fido_cbor_info_maxcredcntlst(ci)),
		MaxCredentialIDLength:      uint64(C.fido_cbor_info_maxcredidlen(ci)),
		FirmwareVersion:            uint64(C.fido_cbor_info_fwversion(ci)),
		MinPINLength:               uint64(C.fido_cbor_info_minpinlen(ci)),
		MaxRPIDsForSetMinPINLength: uint64(C.fido_cbor_info_maxrpid_minpinlen(ci)),
		ForcePINChange:             bool(C.fido_cbor_info_new_pin_required(ci)),
		UVAttempts:                 uint64(C.fido_cbor_info_uv_attempts(ci)),
		UVModality:                 uint64(C.fido_cbor_info_uv_modality(ci)),
	}
	if p := C.fido_cbor_info_aaguid_ptr(ci); p != nil {
		info.AAGUID = formatAAGUID(C.GoBytes(unsafe.Pointer(p), C.int(C.fido_cbor_info_aaguid_len(ci))))
	}
	names := cStrings(C.fido_cbor_info_options_name_ptr(ci), C.fido_cbor_info_options_len(ci))
	if vp := C.fido_cbor_info_options_value_ptr(ci); vp != nil {
		values := unsafe.Slice(vp, len(names))
		for i, name := range names {
			info.Options[name] = bool(values[i])
		}
	}
	if p := C.fido_cbor_info_protocols_ptr(ci); p != nil {
		for _, b := range C.GoBytes(unsafe.Pointer(p), C.int(C.fido_cbor_info_protocols_len(ci))) {
			info.PINProtocols = append(info.PINProtocols, int(b))
		}
	}
	for i := C.size_t(0); i < C.fido_cbor_info_algorithm_count(ci); i++ {
		info.Algorithms = append(info.Algorithms, fido.Algorithm{
			Type: C.GoString(C.fido_cbor_info_algorithm_type(ci, i)),
			COSE: int(C.fido_cbor_info_algorithm_cose(ci, i)),
		})
	}
	if n := C.fido_cbor_info_certs_len(ci); n > 0 {
		certNames := cStrings(C.fido_cbor_info_certs_name_ptr(ci), n)
		values := unsafe.Slice(C.fido_cbor_info_certs_value_ptr(ci), n)
		info.Certifications = map[string]uint64{}
		for i, name := range certNames {
			info.Certifications[name] = uint64(values[i])
		}
	}
	// libfido2 reports -1 when the key leaves remainingDiscoverableCredentials out.
	if rk := int64(C.fido_cbor_info_rk_remaining(ci)); rk >= 0 {
		info.RemainingDiscoverableCredentials = &rk
	}
	return info
}

func cStrings(p **C.char, n C.size_t) []string {
	if p == nil || n == 0 {
		return []string{}
	}
	out := make([]string, 0, int(n))
	for _, s := range unsafe.Slice(p, int(n)) {
		out = append(out, C.GoString(s))
	}
	return out
}

// formatAAGUID writes an AAGUID in the canonical 8-4-4-4-12 form.
func formatAAGUID(b []byte) string {
	if len(b) != 16 {
		return hex.EncodeToString(b)
	}
	h := hex.EncodeToString(b)
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])
}
