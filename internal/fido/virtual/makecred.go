package virtual

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io"

	"github.com/fxamacker/cbor/v2"
)

type rpEntity struct {
	ID   string `cbor:"id"`
	Name string `cbor:"name,omitempty"`
}

type userEntity struct {
	ID          []byte `cbor:"id"`
	Name        string `cbor:"name,omitempty"`
	DisplayName string `cbor:"displayName,omitempty"`
}

type credParam struct {
	Alg  int    `cbor:"alg"`
	Type string `cbor:"type"`
}

type credDescriptor struct {
	ID   []byte `cbor:"id"`
	Type string `cbor:"type"`
}

// uvCheck is the outcome of checking pinUvAuthParam.
type uvCheck struct{ verified bool }

// makeCredential is authenticatorMakeCredential (CTAP 2.1 §6.1).
func (a *authenticator) makeCredential(params []byte, u *userPresence) (any, error) {
	m, err := decodeParams(params)
	if err != nil {
		return nil, err
	}
	var cdh []byte
	var rp rpEntity
	var user userEntity
	var algs []credParam
	for key, v := range map[int]any{1: &cdh, 2: &rp, 3: &user, 4: &algs} {
		if ok, err := field(m, key, v); err != nil {
			return nil, err
		} else if !ok {
			return nil, ctapError(ctapMissingParameter)
		}
	}
	var exclude []credDescriptor
	var ext map[string]cbor.RawMessage
	var opts map[string]bool
	for key, v := range map[int]any{5: &exclude, 6: &ext, 7: &opts} {
		if _, err := field(m, key, v); err != nil {
			return nil, err
		}
	}
	alg := 0
	for _, p := range algs {
		if p.Type == "public-key" && (p.Alg == algES256 || p.Alg == algEdDSA) {
			alg = p.Alg
			break
		}
	}
	if rp.ID == "" || user.ID == nil {
		return nil, ctapError(ctapMissingParameter)
	}
	if err := a.selectByTouch(m, 8, u); err != nil {
		return nil, err
	}
	if alg == 0 {
		return nil, ctapError(ctapUnsupportedAlgorithm)
	}
	if up, ok := opts["up"]; ok && !up {
		return nil, ctapError(ctapInvalidOption)
	}
	uv, err := a.checkUV(m, 8, 9, cdh, permMakeCredential, rp.ID)
	if err != nil {
		return nil, err
	}
	if !uv.verified {
		if opts["uv"] {
			return nil, ctapError(ctapInvalidOption) // no built-in user verification
		}
		if a.st.PINSet() || a.st.AlwaysUV {
			return nil, ctapError(ctapPUATRequired) // makeCredUvNotRqd is false
		}
	}
	for _, d := range exclude {
		if c := a.find(rp.ID, d.ID); c != nil && (c.CredProtect < 3 || uv.verified) {
			if err := u.touch(); err != nil {
				return nil, err
			}
			return nil, ctapError(ctapCredentialExcluded)
		}
	}
	rk := opts["rk"]
	if rk && a.replaceable(rp.ID, user.ID) == nil && a.st.remainingDiscoverable() == 0 {
		return nil, ctapError(ctapKeyStoreFull)
	}
	if err := u.touch(); err != nil {
		return nil, err
	}
	a.tokenUsed(uv)
	return a.createCredential(rp, user, alg, rk, uv.verified, ext, cdh)
}

func (a *authenticator) createCredential(rp rpEntity, user userEntity, alg int, rk, uv bool, ext map[string]cbor.RawMessage, cdh []byte) (any, error) {
	priv, coseKey, err := newCredentialKey(a.rnd, alg)
	if err != nil {
		return nil, ctapError(ctapOther)
	}
	c := Credential{ID: make([]byte, 48), RPID: rp.ID, RPName: rp.Name, UserID: user.ID, UserName: user.Name,
		UserDisplayName: user.DisplayName, PrivateKey: priv, Alg: alg, Discoverable: rk, Created: a.now().UTC()}
	if _, err := io.ReadFull(a.rnd, c.ID); err != nil {
		return nil, ctapError(ctapOther)
	}
	extOut, err := a.creationExtensions(&c, ext)
	if err != nil {
		return nil, err
	}
	flags := byte(0x01 | 0x40) // UP, AT
	if uv {
		flags |= 0x04
	}
	authData := authDataHeader(rp.ID, flags, 0)
	authData = append(authData, a.st.AAGUID...)
	authData = binary.BigEndian.AppendUint16(authData, uint16(len(c.ID)))
	authData = append(authData, c.ID...)
	authData = append(authData, coseKey...)
	if len(extOut) > 0 {
		authData[32] |= 0x80
		enc, err := ctap2Enc.Marshal(extOut)
		if err != nil {
			return nil, ctapError(ctapOther)
		}
		authData = append(authData, enc...)
	}
	sig, err := a.st.signAttestation(a.rnd, authData, cdh)
	if err != nil {
		return nil, ctapError(ctapOther)
	}
	if old := a.replaceable(rp.ID, user.ID); rk && old != nil {
		*old = c
	} else {
		a.st.Credentials = append(a.st.Credentials, c)
	}
	return map[int]any{
		1: "packed",
		2: authData,
		3: map[string]any{"alg": algES256, "sig": sig, "x5c": [][]byte{a.st.AttCert}},
	}, nil
}

// creationExtensions processes credProtect, hmac-secret and minPinLength (CTAP 2.1 §12).
func (a *authenticator) creationExtensions(c *Credential, ext map[string]cbor.RawMessage) (map[string]any, error) {
	out := map[string]any{}
	if raw, ok := ext["credProtect"]; ok {
		var level int
		if err := dec.Unmarshal(raw, &level); err != nil || level < 1 || level > 3 {
			return nil, ctapError(ctapInvalidOption)
		}
		c.CredProtect = level
		out["credProtect"] = level
	}
	if raw, ok := ext["hmac-secret"]; ok {
		var want bool
		if err := dec.Unmarshal(raw, &want); err != nil {
			return nil, ctapError(ctapInvalidCBOR)
		}
		if want {
			c.CredRandom = make([]byte, 32)
			_, _ = io.ReadFull(a.rnd, c.CredRandom)
			out["hmac-secret"] = true
		}
	}
	if raw, ok := ext["minPinLength"]; ok {
		var want bool
		if dec.Unmarshal(raw, &want) == nil && want {
			for _, id := range a.st.MinPINLengthRPIDs {
				if id == c.RPID {
					out["minPinLength"] = a.st.MinPINLength
				}
			}
		}
	}
	return out, nil
}

func authDataHeader(rpID string, flags byte, count uint32) []byte {
	h := sha256.Sum256([]byte(rpID))
	out := make([]byte, 0, 256)
	out = append(out, h[:]...)
	out = append(out, flags)
	return binary.BigEndian.AppendUint32(out, count)
}

func (a *authenticator) find(rpID string, id []byte) *Credential {
	for i := range a.st.Credentials {
		c := &a.st.Credentials[i]
		if c.RPID == rpID && bytes.Equal(c.ID, id) {
			return c
		}
	}
	return nil
}

// replaceable is the discoverable credential a new one for the same user replaces.
func (a *authenticator) replaceable(rpID string, userID []byte) *Credential {
	for i := range a.st.Credentials {
		c := &a.st.Credentials[i]
		if c.Discoverable && c.RPID == rpID && bytes.Equal(c.UserID, userID) {
			return c
		}
	}
	return nil
}
