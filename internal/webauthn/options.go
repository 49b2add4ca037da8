package webauthn

import (
	"time"
)

// CreationOptions is Graph's webauthnCredentialCreationOptions: the WebAuthn options
// and when their challenge expires.
type CreationOptions struct {
	// ChallengeTimeout is when the challenge expires; zero when Graph did not say.
	ChallengeTimeout time.Time
	PublicKey        PublicKeyCredentialCreationOptions
}

// PublicKeyCredentialCreationOptions is WebAuthn's options dictionary (§5.4) as Graph
// fills it.
type PublicKeyCredentialCreationOptions struct {
	RP   RelyingPartyEntity `json:"rp"`
	User UserEntity         `json:"user"`
	// Challenge is kept exactly as received: clientDataJSON must echo it byte for byte.
	// It is an opaque token of several KB, not 32 random bytes.
	Challenge              string                         `json:"challenge"`
	PubKeyCredParams       []CredentialParameter          `json:"pubKeyCredParams"`
	Timeout                int                            `json:"timeout,omitempty"`
	ExcludeCredentials     []CredentialDescriptor         `json:"excludeCredentials,omitempty"`
	AuthenticatorSelection AuthenticatorSelectionCriteria `json:"authenticatorSelection"`
	Attestation            string                         `json:"attestation,omitempty"`
	Extensions             CreationExtensions             `json:"extensions"`
}

// RelyingPartyEntity is WebAuthn §5.4.2.
type RelyingPartyEntity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// UserEntity is WebAuthn §5.4.3; ID is Entra's opaque user handle (about 51 bytes).
type UserEntity struct {
	ID          URLBytes `json:"id"`
	Name        string   `json:"name"`
	DisplayName string   `json:"displayName"`
}

// CredentialParameter is WebAuthn §5.3.
type CredentialParameter struct {
	Type string `json:"type"`
	Alg  int    `json:"alg"`
}

// CredentialDescriptor is WebAuthn §5.8.3.
type CredentialDescriptor struct {
	Type       string       `json:"type"`
	ID         CredentialID `json:"id"`
	Transports []string     `json:"transports,omitempty"`
}

// AuthenticatorSelectionCriteria is WebAuthn §5.4.4. Graph sends requireResidentKey and
// no residentKey.
type AuthenticatorSelectionCriteria struct {
	AuthenticatorAttachment string `json:"authenticatorAttachment,omitempty"`
	RequireResidentKey      bool   `json:"requireResidentKey"`
	ResidentKey             string `json:"residentKey,omitempty"`
	UserVerification        string `json:"userVerification,omitempty"`
}

// CreationExtensions are the client extension inputs Graph asks for (CTAP 2.1 §12.1
// credProtect, §12.5 hmac-secret), under Graph's names.
type CreationExtensions struct {
	HMACCreateSecret                  bool   `json:"hmacCreateSecret"`
	EnforceCredentialProtectionPolicy bool   `json:"enforceCredentialProtectionPolicy"`
	CredentialProtectionPolicy        string `json:"credentialProtectionPolicy,omitempty"`
}

// credProtect levels by WebAuthn's policy names (CTAP 2.1 §12.1).
var credProtectLevels = map[string]int{
	"userVerificationOptional":                     1,
	"userVerificationOptionalWithCredentialIDList": 2,
	"userVerificationRequired":                     3,
}

// CredProtectLevel is the credProtect level the options ask for, 0 when none.
func (o *CreationOptions) CredProtectLevel() int {
	return credProtectLevels[o.PublicKey.Extensions.CredentialProtectionPolicy]
}

// ResidentKeyRequired reports whether a discoverable credential is required.
func (o *CreationOptions) ResidentKeyRequired() bool {
	sel := o.PublicKey.AuthenticatorSelection
	return sel.RequireResidentKey || sel.ResidentKey == "required"
}

// UserVerificationRequired reports whether the key must verify the user.
func (o *CreationOptions) UserVerificationRequired() bool {
	return o.PublicKey.AuthenticatorSelection.UserVerification == "required"
}

// Algorithms lists the requested COSE algorithms in preference order.
func (o *CreationOptions) Algorithms() []int {
	algs := make([]int, 0, len(o.PublicKey.PubKeyCredParams))
	for _, p := range o.PublicKey.PubKeyCredParams {
		if p.Type == "public-key" {
			algs = append(algs, p.Alg)
		}
	}
	return algs
}

// Expired reports whether the challenge has expired at now.
func (o *CreationOptions) Expired(now time.Time) bool {
	return !o.ChallengeTimeout.IsZero() && !now.Before(o.ChallengeTimeout)
}
