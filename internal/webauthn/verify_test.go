package webauthn

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
)

// registration is one run from Graph's options to the JSON body, through the soft key.
type registration struct {
	opts       *CreationOptions
	clientData []byte
	parts      AttestationParts
	body       []byte
}

// register does what the enrol flow does, with the soft key in place of libfido2.
// tamper, when set, changes the key's output before it is assembled.
func register(t *testing.T, k *softKey, format string, tamper func(*AttestationParts)) registration {
	t.Helper()
	opts, err := ParseCreationOptions(readFixture(t, "large_challenge.json"))
	if err != nil {
		t.Fatal(err)
	}
	cd := ClientDataJSON(opts.PublicKey.Challenge, opts.PublicKey.RP.ID)
	parts := k.attest(t, format, opts.PublicKey.RP.ID, ClientDataHash(cd))
	if tamper != nil {
		tamper(&parts)
	}
	att, err := BuildAttestationObject(parts)
	if err != nil {
		t.Fatalf("BuildAttestationObject: %v", err)
	}
	body, err := NewRegistrationBody("Soft key 2024-06", k.credID, cd, att)
	if err != nil {
		t.Fatalf("NewRegistrationBody: %v", err)
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return registration{opts: opts, clientData: cd, parts: parts, body: b}
}

// goWebAuthnInput turns Graph's body into the PublicKeyCredential go-webauthn reads:
// it wants WebAuthn's type and rawId, which Graph's body leaves out.
func goWebAuthnInput(t *testing.T, body []byte) []byte {
	t.Helper()
	var doc struct {
		PublicKeyCredential map[string]any `json:"publicKeyCredential"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	cred := doc.PublicKeyCredential
	cred["type"], cred["rawId"] = "public-key", cred["id"]
	b, err := json.Marshal(cred)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// verifyWithGoWebAuthn runs go-webauthn's §7.1 registration checks as Entra would:
// origin https://login.microsoft.com, UV and UP required, no metadata.
func verifyWithGoWebAuthn(t *testing.T, r registration) ([]byte, *protocol.ParsedCredentialCreationData, error) {
	t.Helper()
	pcc, err := protocol.ParseCredentialCreationResponseBytes(goWebAuthnInput(t, r.body))
	if err != nil {
		return nil, nil, err
	}
	var params []protocol.CredentialParameter
	for _, alg := range r.opts.Algorithms() {
		params = append(params, protocol.CredentialParameter{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.COSEAlgorithmIdentifier(alg)})
	}
	hash, err := pcc.Verify(r.opts.PublicKey.Challenge, "login.microsoft.com", []string{"https://login.microsoft.com"}, nil, nil,
		protocol.TopOriginExplicitVerificationMode, false, true, true, nil, params, protocol.AttestationPolicy{}, protocol.SignaturePolicy{})
	return hash, pcc, err
}

func TestGoWebAuthnVerifiesRegistration(t *testing.T) {
	k := newSoftKey(t)
	tests := []struct {
		format     string
		wantFormat string
		wantAAGUID [16]byte
	}{
		{"packed", "packed", k.aaguid},
		{"self", "packed", k.aaguid},
		{"fido-u2f", "fido-u2f", [16]byte{}},
		{"none", "none", k.aaguid},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			r := register(t, k, tt.format, nil)
			hash, pcc, err := verifyWithGoWebAuthn(t, r)
			if err != nil {
				t.Fatalf("go-webauthn refused the registration: %v", describe(err))
			}
			if !bytes.Equal(hash, ClientDataHash(r.clientData)) {
				t.Errorf("go-webauthn hashed clientDataJSON to %x, we to %x", hash, ClientDataHash(r.clientData))
			}
			att := pcc.Response.AttestationObject
			if att.Format != tt.wantFormat || !bytes.Equal(att.AuthData.AttData.AAGUID, tt.wantAAGUID[:]) ||
				!bytes.Equal(att.AuthData.AttData.CredentialID, k.credID) {
				t.Errorf("go-webauthn read fmt %q, AAGUID %x, credential id %x", att.Format, att.AuthData.AttData.AAGUID, att.AuthData.AttData.CredentialID)
			}
		})
	}
}

func TestGoWebAuthnRejectsTampering(t *testing.T) {
	k := newSoftKey(t)
	flipSig := func(p *AttestationParts) { p.Sig[len(p.Sig)/2] ^= 0x01 }
	tests := []struct {
		name   string
		format string
		tamper func(*AttestationParts)
	}{
		{"packed signature byte flipped", "packed", flipSig},
		{"self signature byte flipped", "self", flipSig},
		{"fido-u2f signature byte flipped", "fido-u2f", flipSig},
		{"another relying party", "none", func(p *AttestationParts) {
			p.AuthData = k.authData("login.microsoftonline.us", flagsUPUVAT, k.aaguid, nil)
		}},
		{"user not verified", "none", func(p *AttestationParts) {
			p.AuthData = k.authData("login.microsoft.com", FlagUserPresent|FlagAttested, k.aaguid, nil)
		}},
		{"attestation certificate of another key", "packed", func(p *AttestationParts) {
			p.X5C = [][]byte{newSoftKey(t).leafDER}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := register(t, k, tt.format, tt.tamper)
			_, _, err := verifyWithGoWebAuthn(t, r)
			if err == nil {
				t.Fatal("go-webauthn accepted a tampered registration")
			}
			t.Logf("refused: %s", describe(err))
		})
	}
	// The wrong challenge: the options of another request.
	r := register(t, k, "packed", nil)
	other, err := ParseCreationOptions(readFixture(t, "graph_v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	r.opts = other
	if _, _, err := verifyWithGoWebAuthn(t, r); err == nil {
		t.Fatal("go-webauthn accepted a registration for another challenge")
	}
}

// describe adds go-webauthn's details, which its Error() leaves out.
func describe(err error) string {
	if pe, ok := err.(*protocol.Error); ok {
		return pe.Error() + ": " + pe.Details + " " + pe.DevInfo
	}
	return err.Error()
}
