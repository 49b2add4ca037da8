package webauthn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"
)

// MaxDisplayNameLength is Graph's limit for a fido2AuthenticationMethod's displayName.
const MaxDisplayNameLength = 30

// RegistrationBody is the body of POST /users/{id}/authentication/fido2Methods: exactly
// these fields. Graph refuses a body with @odata.type, and WebAuthn's type, rawId and
// transports are left out.
type RegistrationBody struct {
	DisplayName         string              `json:"displayName"`
	PublicKeyCredential PublicKeyCredential `json:"publicKeyCredential"`
}

// PublicKeyCredential is the registration response as Graph takes it.
type PublicKeyCredential struct {
	ID       URLBytes                         `json:"id"`
	Response AuthenticatorAttestationResponse `json:"response"`
	// ClientExtensionResults is always the empty object.
	ClientExtensionResults map[string]any `json:"clientExtensionResults"`
}

// AuthenticatorAttestationResponse is WebAuthn §5.2.1, reduced to what Graph reads.
type AuthenticatorAttestationResponse struct {
	ClientDataJSON    URLBytes `json:"clientDataJSON"`
	AttestationObject URLBytes `json:"attestationObject"`
}

// NewRegistrationBody assembles the POST body.
func NewRegistrationBody(displayName string, credentialID, clientDataJSON, attestationObject []byte) (*RegistrationBody, error) {
	if err := ValidateDisplayName(displayName); err != nil {
		return nil, err
	}
	if len(credentialID) == 0 || len(clientDataJSON) == 0 || len(attestationObject) == 0 {
		return nil, errorf("invalid_body", "publicKeyCredential", "credential id, clientDataJSON and attestationObject are all required")
	}
	return &RegistrationBody{
		DisplayName: displayName,
		PublicKeyCredential: PublicKeyCredential{
			ID: credentialID,
			Response: AuthenticatorAttestationResponse{
				ClientDataJSON: clientDataJSON, AttestationObject: attestationObject,
			},
			ClientExtensionResults: map[string]any{},
		},
	}, nil
}

// ValidateDisplayName checks Graph's rule: 1 to 30 characters, none of them control
// characters.
func ValidateDisplayName(s string) error {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return errorf("invalid_display_name", "displayName", "empty")
	case !utf8.ValidString(s):
		return errorf("invalid_display_name", "displayName", "not valid UTF-8")
	case n > MaxDisplayNameLength:
		return errorf("display_name_too_long", "displayName", fmt.Sprintf("%d characters, Graph allows %d", n, MaxDisplayNameLength))
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return errorf("invalid_display_name", "displayName", "contains a control character")
		}
	}
	return nil
}

// ParseRegistrationBody reads a POST body strictly: only displayName and
// publicKeyCredential, with its three fields.
func ParseRegistrationBody(data []byte) (*RegistrationBody, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b RegistrationBody
	if err := dec.Decode(&b); err != nil {
		return nil, &Error{Code: "invalid_body", Msg: "not a fido2AuthenticationMethod body: " + err.Error(), Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errorf("invalid_body", "", "data after the fido2AuthenticationMethod body")
	}
	if err := ValidateDisplayName(b.DisplayName); err != nil {
		return nil, err
	}
	pk := b.PublicKeyCredential
	if len(pk.ID) == 0 || len(pk.Response.ClientDataJSON) == 0 || len(pk.Response.AttestationObject) == 0 {
		return nil, errorf("invalid_body", "publicKeyCredential", "id, clientDataJSON and attestationObject are all required")
	}
	if b.PublicKeyCredential.ClientExtensionResults == nil {
		b.PublicKeyCredential.ClientExtensionResults = map[string]any{}
	}
	return &b, nil
}
