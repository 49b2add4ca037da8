package enroll

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// SchemaVersion is the version of the JSON documents the CLI reads and writes.
const SchemaVersion = 1

// maxKeyUserNameBytes is the longest user name every key seen so far stores (64 bytes);
// longer UPNs are cut for the key only, Graph keeps the full name.
const maxKeyUserNameBytes = 64

// PINFunc supplies the PIN when the key needs one. It is called at most once, only after
// the key has said it has a PIN, so a prompt appears only when it must.
type PINFunc func(ctx context.Context, info *fido.Info) (fido.PIN, error)

// CredentialParams are the choices the caller makes for a credential.
type CredentialParams struct {
	// DisplayName is the method's name in Entra ID (1..30 characters); empty picks
	// "<key model> <date>".
	DisplayName string
	// UserID is the Entra user (object id or UPN) the credential is for; empty takes the
	// user name (UPN) from the options.
	UserID string
	PIN    PINFunc
	Now    func() time.Time
	// Serial is the serial number the operator read off the key (--serial, a roster
	// column): recorded when the key tells none, and checked against the one it tells.
	Serial string
}

// Credential is the document make-credential writes: the Graph POST body fields
// (displayName, publicKeyCredential) at the top level, as Graph wants them, and what we
// know about the user and the key in separate fields.
type Credential struct {
	SchemaVersion       int                          `json:"schemaVersion"`
	UserID              string                       `json:"userId"`
	DisplayName         string                       `json:"displayName"`
	PublicKeyCredential webauthn.PublicKeyCredential `json:"publicKeyCredential"`
	Key                 KeyFacts                     `json:"key"`
	ChallengeTimeout    *time.Time                   `json:"challengeTimeoutDateTime,omitempty"`
}

// KeyFacts records which key made a credential, for the admin's records.
type KeyFacts struct {
	AAGUID string  `json:"aaguid"`
	Model  string  `json:"model,omitempty"`
	Serial *string `json:"serial"`
	// SerialSource says where Serial came from: "yubikey" or "nitrokey" (the key's
	// vendor command) or "operator" (--serial, a roster column).
	SerialSource string `json:"serialSource,omitempty"`
	// Firmware is the vendor's firmware version from the same vendor command ("5.4.3").
	Firmware          string `json:"firmware,omitempty"`
	AttestationFormat string `json:"attestationFormat"`
	Algorithm         int    `json:"algorithm"`
	CredProtect       int    `json:"credProtect,omitempty"`
	Path              string `json:"path"`
	Manufacturer      string `json:"manufacturer,omitempty"`
	Product           string `json:"product,omitempty"`
	VendorID          uint16 `json:"vendorId,omitempty"`
	ProductID         uint16 `json:"productId,omitempty"`
	FirmwareVersion   uint64 `json:"firmwareVersion,omitempty"`
	// Virtual marks a software test key: never valid for a real tenant.
	Virtual bool `json:"virtual"`
}

// MakeCredential creates a credential on dev for the creation options and returns the
// document for Graph. Everything that can be checked without a touch (expiry, PIN state,
// algorithms, room on the key, an existing registration) is checked first.
func MakeCredential(ctx context.Context, dev fido.Device, opts *webauthn.CreationOptions, p CredentialParams, ev Events) (*Credential, error) {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	if opts.Expired(now()) {
		return nil, &Error{Code: "challenge_expired",
			Message: fmt.Sprintf("the challenge expired at %s", opts.ChallengeTimeout.UTC().Format(time.RFC3339)),
			Hint:    "fetch fresh creation options (get-options) and run make-credential again"}
	}
	info, err := fido.ReadInfo(ctx, dev)
	// A platform backend (webauthn.dll) reads no getInfo: the platform picks the
	// algorithm, checks the exclusions and asks for the PIN in its own dialog.
	platform := errors.Is(err, fido.ErrNoInfo)
	switch {
	case platform:
		info = &fido.Info{Location: dev.Location()}
	case err != nil:
		return nil, fmt.Errorf("reading the key's info: %w", err)
	}
	if p.DisplayName != "" {
		if err := webauthn.ValidateDisplayName(p.DisplayName); err != nil {
			return nil, err
		}
	}
	req, err := credentialRequest(opts, info, platform, ev)
	if err != nil {
		return nil, err
	}
	if !platform {
		if err := verifyUser(ctx, req, opts, info, p.PIN); err != nil {
			return nil, err
		}
	}
	clientData := webauthn.ClientDataJSON(opts.PublicKey.Challenge, opts.PublicKey.RP.ID)
	hash := sha256.Sum256(clientData)
	req.ClientDataHash, req.ClientDataJSON = hash[:], clientData

	identity, err := KeyIdentity(ctx, dev, p.Serial)
	if err != nil {
		return nil, err
	}
	held, err := fido.Holds(ctx, dev, req.RP.ID, req.ExcludeList)
	if err != nil {
		return nil, fmt.Errorf("looking for an existing registration on the key: %w", err)
	}
	if held {
		return nil, fido.ErrCredentialExcluded
	}
	ev.Touch("touch the security key to create the passkey")
	att, err := dev.MakeCredential(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("creating the credential: %w", err)
	}
	if platform {
		// The model is known only now, from the attested credential data.
		if ad, err := webauthn.ParseAuthData(webauthn.UnwrapAuthData(att.AuthData)); err == nil && ad.AttestedCredential != nil {
			info.AAGUID = webauthn.AAGUIDString(ad.AttestedCredential.AAGUID)
		}
	}
	displayName := p.DisplayName
	if displayName == "" {
		displayName = defaultDisplayName(info, now())
	}
	attObj, err := webauthn.BuildAttestationObject(webauthn.AttestationParts{
		Format: att.Format, AuthData: att.AuthData, Sig: att.Sig, X5C: nonEmpty(att.Cert), Alg: att.Algorithm,
	})
	if err != nil {
		return nil, &Error{Code: "invalid_credential", Message: "the key's attestation cannot be encoded", Err: err}
	}
	body, err := webauthn.NewRegistrationBody(displayName, att.CredentialID, clientData, attObj)
	if err != nil {
		return nil, err
	}
	userID := p.UserID
	if userID == "" {
		userID = opts.PublicKey.User.Name
	}
	cred := &Credential{
		SchemaVersion:       SchemaVersion,
		UserID:              userID,
		DisplayName:         body.DisplayName,
		PublicKeyCredential: body.PublicKeyCredential,
		Key:                 keyFacts(info, att, req),
	}
	cred.Key.Serial, cred.Key.SerialSource, cred.Key.Firmware = identity.Serial, identity.Source, identity.Firmware
	if !opts.ChallengeTimeout.IsZero() {
		t := opts.ChallengeTimeout.UTC()
		cred.ChallengeTimeout = &t
	}
	return cred, nil
}

// credentialRequest turns the options into a key request, honouring what Graph asks
// rather than constants.
//
// For a platform backend (no getInfo) every algorithm Graph accepts goes, in Graph's
// order, and the extensions as asked: the platform refuses what the key lacks.
func credentialRequest(opts *webauthn.CreationOptions, info *fido.Info, platform bool, ev Events) (*fido.CredentialRequest, error) {
	pk := opts.PublicKey
	algs := opts.Algorithms()
	if !platform {
		alg, ok := info.ChooseAlgorithm(opts.Algorithms())
		if !ok {
			return nil, fido.New("unsupported_algorithm",
				fmt.Sprintf("the key supports none of the algorithms Graph asks for (%v)", opts.Algorithms()), nil)
		}
		algs = []int{alg}
	}
	req := &fido.CredentialRequest{
		RP:               fido.RelyingParty{ID: pk.RP.ID, Name: pk.RP.Name},
		User:             fido.User{ID: pk.User.ID, Name: truncateUTF8(pk.User.Name, maxKeyUserNameBytes), DisplayName: truncateUTF8(pk.User.DisplayName, maxKeyUserNameBytes)},
		Algorithms:       algs,
		ResidentKey:      opts.ResidentKeyRequired(),
		UserVerification: opts.UserVerificationRequired(),
		CredProtect:      opts.CredProtectLevel(),
		HMACSecret:       pk.Extensions.HMACCreateSecret,
	}
	if req.User.Name != pk.User.Name {
		ev.Warn("user_name_truncated", fmt.Sprintf("the user name is longer than %d bytes: the key stores %q; Entra ID keeps the full name", maxKeyUserNameBytes, req.User.Name))
	}
	if platform {
		req.ExcludeList = excludeList(pk.ExcludeCredentials)
		return req, nil
	}
	if req.CredProtect > 0 && !info.HasExtension("credProtect") {
		if pk.Extensions.EnforceCredentialProtectionPolicy {
			return nil, fido.New("unsupported_extension", "the key does not support credProtect, which the options enforce", nil)
		}
		ev.Warn("cred_protect_unsupported", "the key does not support credProtect: creating the credential without it")
		req.CredProtect = 0
	}
	if req.HMACSecret && !info.HasExtension("hmac-secret") {
		ev.Warn("hmac_secret_unsupported", "the key does not support hmac-secret: creating the credential without it")
		req.HMACSecret = false
	}
	if req.ResidentKey && info.RemainingDiscoverableCredentials != nil && *info.RemainingDiscoverableCredentials == 0 {
		return nil, fido.ErrKeyFull
	}
	req.ExcludeList = excludeList(pk.ExcludeCredentials)
	return req, nil
}

// excludeList is the ids to refuse: WebAuthn §5.1.3 skips entries of a type the client
// does not know (a missing type is taken as public-key: an extra probe costs nothing),
// and an ambiguous id goes under both readings (webauthn.CredentialID).
func excludeList(creds []webauthn.CredentialDescriptor) [][]byte {
	var ids [][]byte
	for _, c := range creds {
		if c.Type != "" && c.Type != "public-key" {
			continue
		}
		ids = append(ids, c.ID.Readings()...)
	}
	return ids
}

// verifyUser checks the key can verify the user as asked and gets the PIN if needed.
func verifyUser(ctx context.Context, req *fido.CredentialRequest, opts *webauthn.CreationOptions, info *fido.Info, pin PINFunc) error {
	builtInUV, _ := info.Option("uv")
	if !req.UserVerification && !info.PINSet() {
		return nil
	}
	switch {
	case info.PINSet():
		if info.ForcePINChange {
			return &Error{Code: "pin_change_required", Message: "the key demands a PIN change before it can be used",
				Hint: "change the key's PIN first: `entra-passkey pin change` (the user picks the new PIN)"}
		}
		if info.PINRetries != nil && *info.PINRetries == 0 {
			return fido.ErrPINBlocked
		}
	case builtInUV:
		return nil
	case !info.SupportsPIN():
		return fido.ErrUVUnsupported
	default:
		return fido.ErrPINNotSet
	}
	if pin == nil {
		return fido.ErrPINRequired
	}
	p, err := pin(ctx, info)
	if err != nil {
		return err
	}
	if p.Empty() {
		if req.UserVerification {
			return fido.ErrPINRequired
		}
		return nil
	}
	req.PIN = p
	req.UserVerification = true
	return nil
}

func keyFacts(info *fido.Info, att *fido.Attestation, req *fido.CredentialRequest) KeyFacts {
	return KeyFacts{
		AAGUID:            info.AAGUID,
		Model:             ModelName(info.AAGUID),
		AttestationFormat: att.Format,
		Algorithm:         att.Algorithm,
		CredProtect:       req.CredProtect,
		Path:              info.Path,
		Manufacturer:      info.Manufacturer,
		Product:           info.Product,
		VendorID:          info.VendorID,
		ProductID:         info.ProductID,
		FirmwareVersion:   info.FirmwareVersion,
		Virtual:           info.Virtual,
	}
}

// defaultDisplayName names the method after the key and the day, as admins commonly do,
// within Graph's 30 characters.
func defaultDisplayName(info *fido.Info, now time.Time) string {
	name := ModelName(info.AAGUID)
	if name == "" || utf8.RuneCountInString(name) > 19 {
		name = "Security key"
	}
	if info.Virtual {
		name = "Virtual test key"
	}
	return name + " " + now.UTC().Format("2006-01-02")
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func nonEmpty(b []byte) [][]byte {
	if len(b) == 0 {
		return nil
	}
	return [][]byte{b}
}

// IsPINError reports whether err is about the PIN, so callers may ask again.
func IsPINError(err error) bool {
	return errors.Is(err, fido.ErrPINInvalid) || errors.Is(err, fido.ErrPINRequired)
}

// Body is the Graph POST body the credential carries.
func (c *Credential) Body() *webauthn.RegistrationBody {
	return &webauthn.RegistrationBody{DisplayName: c.DisplayName, PublicKeyCredential: c.PublicKeyCredential}
}
