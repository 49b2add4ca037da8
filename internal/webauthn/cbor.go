package webauthn

import "github.com/fxamacker/cbor/v2"

// ctap2Enc encodes CTAP2 canonical CBOR (CTAP 2.1 §8), which attestationObject uses.
var ctap2Enc, _ = cbor.CTAP2EncOptions().EncMode()

// strictDec decodes untrusted CBOR with limits, rejecting duplicate map keys and
// indefinite lengths.
var strictDec, _ = cbor.DecOptions{
	DupMapKey:        cbor.DupMapKeyEnforcedAPF,
	IndefLength:      cbor.IndefLengthForbidden,
	MaxNestedLevels:  16,
	MaxArrayElements: 1024,
	MaxMapPairs:      256,
	DefaultMapType:   nil,
}.DecMode()
