package virtual

import (
	"github.com/fxamacker/cbor/v2"
)

// getAssertion is authenticatorGetAssertion (CTAP 2.1 §6.2). It returns one credential:
// the most recent match, with no numberOfCredentials, so libfido2 never asks for
// getNextAssertion.
func (a *authenticator) getAssertion(params []byte, u *userPresence) (any, error) {
	m, err := decodeParams(params)
	if err != nil {
		return nil, err
	}
	var rpID string
	var cdh []byte
	for key, v := range map[int]any{1: &rpID, 2: &cdh} {
		if ok, err := field(m, key, v); err != nil {
			return nil, err
		} else if !ok {
			return nil, ctapError(ctapMissingParameter)
		}
	}
	var allow []credDescriptor
	var opts map[string]bool
	var ext map[string]cbor.RawMessage
	for key, v := range map[int]any{3: &allow, 4: &ext, 5: &opts} {
		if _, err := field(m, key, v); err != nil {
			return nil, err
		}
	}
	if _, ok := opts["rk"]; ok {
		return nil, ctapError(ctapUnsupportedOption) // §6.2.2 step 5
	}
	up, ok := opts["up"]
	if !ok {
		up = true
	}
	if err := a.selectByTouch(m, 6, u); err != nil {
		return nil, err
	}
	uv, err := a.checkUV(m, 6, 7, cdh, permGetAssertion, rpID)
	if err != nil {
		return nil, err
	}
	if !uv.verified && opts["uv"] {
		return nil, ctapError(ctapInvalidOption)
	}
	// alwaysUv binds only with user presence: silent probes (up=false), which libfido2
	// sends to check excludeCredentials, still work.
	if !uv.verified && up && a.st.AlwaysUV {
		return nil, ctapError(ctapPUATRequired)
	}
	c := a.locate(rpID, allow, uv.verified)
	if c == nil {
		return nil, ctapError(ctapNoCredentials)
	}
	flags := byte(0)
	if up {
		if err := u.touch(); err != nil {
			return nil, err
		}
		flags |= 0x01
		a.tokenUsed(uv)
	}
	if uv.verified {
		flags |= 0x04
	}
	c.SignCount++
	authData := authDataHeader(rpID, flags, c.SignCount)
	sig, err := sign(a.rnd, c, authData, cdh)
	if err != nil {
		return nil, ctapError(ctapOther)
	}
	resp := map[int]any{
		1: map[string]any{"id": c.ID, "type": "public-key"},
		2: authData,
		3: sig,
	}
	if c.Discoverable {
		user := map[string]any{"id": c.UserID}
		if uv.verified {
			user["name"], user["displayName"] = c.UserName, c.UserDisplayName
		}
		resp[4] = user
	}
	return resp, nil
}

// locate finds the credential to assert with, honouring credProtect (CTAP 2.1 §12.1):
// level 2 credentials need an allow list or UV, level 3 always need UV. With an allow
// list the first listed credential held wins; without, the newest discoverable one.
func (a *authenticator) locate(rpID string, allow []credDescriptor, uv bool) *Credential {
	if len(allow) > 0 {
		for _, d := range allow {
			if c := a.find(rpID, d.ID); c != nil && (c.CredProtect < 3 || uv) {
				return c
			}
		}
		return nil
	}
	var found *Credential
	for i := range a.st.Credentials {
		c := &a.st.Credentials[i]
		if c.RPID == rpID && c.Discoverable && (c.CredProtect < 2 || uv) {
			found = c
		}
	}
	return found
}
