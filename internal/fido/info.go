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

// MaxPINLength is the longest PIN a key takes, in bytes (CTAP 2.1 §6.5.1): getInfo has
// no field for it.
const MaxPINLength = 63

// ConfigSupport says which preparation commands a key supports, from its getInfo.
type ConfigSupport struct {
	// PIN: the key can have a PIN (option clientPin present).
	PIN bool `json:"pin"`
	// AuthenticatorConfig: the key has authenticatorConfig (option authnrCfg).
	AuthenticatorConfig bool `json:"authenticatorConfig"`
	// SetMinPINLength: the key can raise its minimum PIN length (option setMinPINLength);
	// forcing a PIN change is part of the same subcommand.
	SetMinPINLength bool `json:"setMinPinLength"`
	ForcePINChange  bool `json:"forcePinChange"`
	// MinPINLengthRPIDs is how many relying parties may read the minimum PIN length.
	MinPINLengthRPIDs uint64 `json:"minPinLengthRpIds"`
	// AlwaysUV: the key has the alwaysUv option (present, true or false).
	AlwaysUV bool `json:"alwaysUv"`
	// Reset: every CTAP2 key has authenticatorReset.
	Reset bool `json:"reset"`
}

// Supports returns what the key can be prepared with.
func (i *Info) Supports() ConfigSupport {
	cfg, _ := i.Option("authnrCfg")
	minLen, _ := i.Option("setMinPINLength")
	_, alwaysUV := i.Option("alwaysUv")
	return ConfigSupport{
		PIN:                 i.SupportsPIN(),
		AuthenticatorConfig: cfg,
		SetMinPINLength:     cfg && minLen,
		ForcePINChange:      cfg && minLen && i.SupportsPIN(),
		MinPINLengthRPIDs:   i.MaxRPIDsForSetMinPINLength,
		AlwaysUV:            cfg && alwaysUV,
		Reset:               true,
	}
}

// EffectiveMinPINLength is the key's minimum PIN length in code points: its getInfo
// minPINLength, or CTAP's 4 when it reports none (CTAP 2.0).
func (i *Info) EffectiveMinPINLength() int {
	if i.MinPINLength < 4 || i.MinPINLength > MaxPINLength {
		return 4
	}
	return int(i.MinPINLength)
}
