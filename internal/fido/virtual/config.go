package virtual

import (
	"github.com/fxamacker/cbor/v2"
)

// authenticatorConfig subcommands (CTAP 2.1 §6.11).
const (
	cfgToggleAlwaysUV  = 0x02
	cfgSetMinPINLength = 0x03
)

// config is authenticatorConfig (CTAP 2.1 §6.11).
func (a *authenticator) config(params []byte) error {
	m, err := decodeParams(params)
	if err != nil {
		return err
	}
	var sub int
	if ok, err := field(m, 1, &sub); err != nil {
		return err
	} else if !ok {
		return ctapError(ctapMissingParameter)
	}
	// Without a PIN no token can be had, so toggleAlwaysUv must work without one or
	// alwaysUv could never be turned off (as OpenSK does, CTAP 2.1 §6.11).
	if a.st.PINSet() || (a.st.AlwaysUV && sub != cfgToggleAlwaysUV) {
		// pinUvAuthParam = authenticate(token, 32×0xff || 0x0d || subCommand || subCommandParams)
		msg := make([]byte, 32, 64)
		for i := range msg {
			msg[i] = 0xff
		}
		msg = append(msg, cmdConfig, byte(sub))
		msg = append(msg, m[2]...)
		if _, ok := m[4]; !ok {
			return ctapError(ctapPUATRequired)
		}
		uv, err := a.checkUV(m, 4, 3, msg, permConfig, "")
		if err != nil {
			return err
		}
		if !uv.verified {
			return ctapError(ctapPUATRequired)
		}
	}
	switch sub {
	case cfgToggleAlwaysUV:
		a.st.AlwaysUV = !a.st.AlwaysUV
		return nil
	case cfgSetMinPINLength:
		return a.setMinPINLength(m[2])
	}
	return ctapError(ctapUnsupportedOption)
}

func (a *authenticator) setMinPINLength(raw cbor.RawMessage) error {
	var p struct {
		NewMinPINLength   *int     `cbor:"1,keyasint"`
		MinPinLengthRPIDs []string `cbor:"2,keyasint"`
		ForceChangePin    bool     `cbor:"3,keyasint"`
	}
	if len(raw) > 0 {
		if err := dec.Unmarshal(raw, &p); err != nil {
			return ctapError(ctapInvalidCBOR)
		}
	}
	// Check everything before changing anything: a refused request changes nothing.
	newMin := a.st.MinPINLength
	if p.NewMinPINLength != nil {
		newMin = *p.NewMinPINLength
	}
	// Keys never lower the minimum: a reset is the only way back (§6.11.4).
	if newMin < a.st.MinPINLength || newMin > maxPINBytes {
		return ctapError(ctapPINPolicyViolation)
	}
	if len(p.MinPinLengthRPIDs) > 2 {
		return ctapError(ctapInvalidLength)
	}
	if p.ForceChangePin && !a.st.PINSet() {
		return ctapError(ctapPINNotSet)
	}
	a.st.MinPINLength = newMin
	if p.MinPinLengthRPIDs != nil {
		a.st.MinPINLengthRPIDs = p.MinPinLengthRPIDs
	}
	if p.ForceChangePin || (a.st.PINSet() && a.st.PINCodePoints < newMin) {
		a.st.ForcePINChange = true
	}
	return nil
}

// reset is authenticatorReset (CTAP 2.1 §6.6): only soon after power-up, with a touch.
func (a *authenticator) reset(u *userPresence) error {
	if a.now().Sub(a.st.Boot.PoweredAt) > resetWindow {
		return ctapError(ctapNotAllowed)
	}
	if err := u.touch(); err != nil {
		return err
	}
	st := a.st
	st.Credentials = []Credential{}
	st.PINHash, st.PINCodePoints, st.PINRetries = nil, 0, maxPINRetries
	st.MinPINLength, st.MinPINLengthRPIDs = defaultMinPINLength, nil
	st.ForcePINChange, st.AlwaysUV = false, false
	a.st.Boot.PINFailures = 0
	a.regenerateKeyAgreement()
	a.resetToken()
	return nil
}
