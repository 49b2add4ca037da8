package fido

import "slices"

// Info is what a key reports about itself: authenticatorGetInfo (CTAP 2.1 §6.4) plus the
// PIN retry counter, with field names close to `fido2-token -I`.
type Info struct {
	Location
	Versions     []string        `json:"versions"`
	Extensions   []string        `json:"extensions"`
	AAGUID       string          `json:"aaguid"`
	Options      map[string]bool `json:"options"`
	PINProtocols []int           `json:"pinProtocols"`
	Transports   []string        `json:"transports"`
	Algorithms   []Algorithm     `json:"algorithms"`
	// MaxMsgSize is the largest CTAP message the key accepts, in bytes.
	MaxMsgSize                 uint64 `json:"maxMsgSize"`
	MaxCredentialCountInList   uint64 `json:"maxCredentialCountInList"`
	MaxCredentialIDLength      uint64 `json:"maxCredentialIdLength"`
	FirmwareVersion            uint64 `json:"firmwareVersion"`
	MinPINLength               uint64 `json:"minPinLength"`
	MaxRPIDsForSetMinPINLength uint64 `json:"maxRpIdsForSetMinPinLength"`
	// ForcePINChange is true when the key refuses use until its PIN is changed.
	ForcePINChange bool `json:"forcePinChange"`
	// RemainingDiscoverableCredentials is nil when the key does not say.
	RemainingDiscoverableCredentials *int64            `json:"remainingDiscoverableCredentials"`
	UVAttempts                       uint64            `json:"uvAttempts,omitempty"`
	UVModality                       uint64            `json:"uvModality,omitempty"`
	Certifications                   map[string]uint64 `json:"certifications,omitempty"`
	// PINRetries is nil when the key has no PIN support or did not answer.
	PINRetries *int `json:"pinRetries"`
}

// Algorithm is one entry of getInfo's algorithms list.
type Algorithm struct {
	Type string `json:"type"`
	COSE int    `json:"alg"`
}

// Option reports whether the key lists option name and whether it is true.
func (i *Info) Option(name string) (value, present bool) {
	value, present = i.Options[name]
	return value, present
}

// PINSet reports whether the key has a PIN (option clientPin true).
func (i *Info) PINSet() bool {
	v, _ := i.Option("clientPin")
	return v
}

// SupportsPIN reports whether the key can have a PIN at all.
func (i *Info) SupportsPIN() bool {
	_, ok := i.Option("clientPin")
	return ok
}

// HasExtension reports whether the key lists extension name.
func (i *Info) HasExtension(name string) bool {
	return slices.Contains(i.Extensions, name)
}

// SupportsAlgorithm reports whether the key can make credentials with COSE algorithm
// alg. A key that lists no algorithms (CTAP 2.0) is assumed to support ES256 only, as
// the spec says.
func (i *Info) SupportsAlgorithm(alg int) bool {
	if len(i.Algorithms) == 0 {
		return alg == ES256
	}
	for _, a := range i.Algorithms {
		if a.COSE == alg && (a.Type == "" || a.Type == "public-key") {
			return true
		}
	}
	return false
}

// COSE algorithm identifiers (IANA COSE Algorithms registry).
const (
	ES256 = -7
	EdDSA = -8
	ES384 = -35
	RS256 = -257
)

// ChooseAlgorithm returns the first of the preferred algorithms the key supports.
func (i *Info) ChooseAlgorithm(preferred []int) (int, bool) {
	for _, alg := range preferred {
		if i.SupportsAlgorithm(alg) {
			return alg, true
		}
	}
	return 0, false
}
