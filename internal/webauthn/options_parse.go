package webauthn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxOptionsSize bounds creation options: Graph's are a few KB.
const MaxOptionsSize = 1 << 20

// MaxChallengeLength bounds the challenge (base64url characters). Graph's are a few KB.
const MaxChallengeLength = 256 << 10

// MaxExcludeCredentials bounds excludeCredentials: one per passkey the user holds.
const MaxExcludeCredentials = 1024

// maxUserIDBytes is WebAuthn's limit on user.id (§5.4.3).
const maxUserIDBytes = 64

// EntraRPIDs are the relying party ids Entra ID registers passkeys under.
var EntraRPIDs = []string{"login.microsoft.com", "login.microsoftonline.us", "login.partner.microsoftonline.cn"}

// ParseCreationOptions reads Graph's creationOptions response as Graph returns it: the
// object at the top level or wrapped in "value", with every "@odata.*" key and any
// unknown key ignored.
func ParseCreationOptions(data []byte) (*CreationOptions, error) {
	return ParseCreationOptionsFor(data, EntraRPIDs)
}

// ParseCreationOptionsFor is ParseCreationOptions accepting the given relying parties.
func ParseCreationOptionsFor(data []byte, rpIDs []string) (*CreationOptions, error) {
	return parseCreationOptions(data, rpIDs, true)
}

// parseCreationOptions unwraps "value" at most once: recursing on every level re-read
// the rest of the input per level, seconds for a deeply nested 100 KB document.
func parseCreationOptions(data []byte, rpIDs []string, unwrap bool) (*CreationOptions, error) {
	if len(data) > MaxOptionsSize {
		return nil, errorf("input_too_large", "", fmt.Sprintf("creation options larger than %d bytes", MaxOptionsSize))
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, errorf("invalid_json", "", "no input: expected Graph's creation options (JSON)")
	}
	var outer struct {
		Value            json.RawMessage `json:"value"`
		PublicKey        json.RawMessage `json:"publicKey"`
		ChallengeTimeout json.RawMessage `json:"challengeTimeoutDateTime"`
	}
	if err := decodeStrictTypes(data, &outer); err != nil {
		return nil, err
	}
	if unwrap && len(outer.PublicKey) == 0 && len(outer.Value) > 0 && outer.Value[0] == '{' {
		return parseCreationOptions(outer.Value, rpIDs, false)
	}
	if len(outer.PublicKey) == 0 || string(outer.PublicKey) == "null" {
		return nil, errorf("invalid_options", "publicKey", "missing")
	}
	opts := &CreationOptions{}
	if len(outer.ChallengeTimeout) > 0 && string(outer.ChallengeTimeout) != "null" {
		var s string
		if err := json.Unmarshal(outer.ChallengeTimeout, &s); err != nil {
			return nil, errorf("invalid_json", "challengeTimeoutDateTime", "must be a string")
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, errorf("invalid_options", "challengeTimeoutDateTime", "not an RFC 3339 date-time")
		}
		opts.ChallengeTimeout = t
	}
	if err := decodeStrictTypes(outer.PublicKey, &opts.PublicKey); err != nil {
		var e *Error
		if errors.As(err, &e) {
			switch {
			case e.Field != "":
				e.Field = "publicKey." + e.Field
			case e.Code == "invalid_json": // publicKey itself is not an object
				e.Field = "publicKey"
			}
		}
		return nil, err
	}
	if err := opts.validate(rpIDs); err != nil {
		return nil, err
	}
	return opts, nil
}

// decodeStrictTypes decodes JSON, naming the field whose type is wrong.
func decodeStrictTypes(data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		want := typeErr.Type.String()
		if typeErr.Field == "" { // the document itself; its Go type means nothing to a reader
			want = "a JSON object"
		}
		return &Error{Code: "invalid_json", Field: typeErr.Field, Msg: fmt.Sprintf("expected %s, got JSON %s", want, typeErr.Value), Err: err}
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return &Error{Code: "invalid_json", Msg: fmt.Sprintf("not JSON (at byte %d)", syntaxErr.Offset), Err: err}
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Code: "invalid_json", Msg: err.Error(), Err: err}
}

func (o *CreationOptions) validate(rpIDs []string) error {
	pk := &o.PublicKey
	switch {
	case pk.Challenge == "":
		return errorf("invalid_options", "publicKey.challenge", "missing")
	case !isBase64URL(pk.Challenge):
		return errorf("invalid_options", "publicKey.challenge", "not base64url")
	case len(pk.Challenge) > MaxChallengeLength:
		// The credential carries it in clientDataJSON, a third larger: past this it
		// would not fit submit's 1 MiB input, after the key was already used.
		return errorf("invalid_options", "publicKey.challenge", fmt.Sprintf("%d characters, more than the %d a credential document can carry", len(pk.Challenge), MaxChallengeLength))
	case pk.RP.ID == "":
		return errorf("invalid_options", "publicKey.rp.id", "missing")
	case len(pk.User.ID) == 0:
		return errorf("invalid_options", "publicKey.user.id", "missing")
	case len(pk.User.ID) > maxUserIDBytes:
		return errorf("invalid_options", "publicKey.user.id", fmt.Sprintf("%d bytes, more than WebAuthn's %d", len(pk.User.ID), maxUserIDBytes))
	case pk.User.Name == "":
		return errorf("invalid_options", "publicKey.user.name", "missing")
	case !utf8.ValidString(pk.User.Name) || !utf8.ValidString(pk.User.DisplayName):
		return errorf("invalid_options", "publicKey.user", "not valid UTF-8")
	case len(o.Algorithms()) == 0:
		return errorf("invalid_options", "publicKey.pubKeyCredParams", "no public-key algorithm")
	}
	rpID, ok := entraRPID(rpIDs, pk.RP.ID)
	if !ok {
		return errorf("unsupported_rp", "publicKey.rp.id", fmt.Sprintf("%q is not an Entra ID relying party (expected %s)", pk.RP.ID, strings.Join(rpIDs, " or ")))
	}
	pk.RP.ID = rpID
	if p := pk.Extensions.CredentialProtectionPolicy; p != "" && credProtectLevels[p] == 0 {
		return errorf("invalid_options", "publicKey.extensions.credentialProtectionPolicy", fmt.Sprintf("unknown policy %q", p))
	}
	if n := len(pk.ExcludeCredentials); n > MaxExcludeCredentials {
		// Each id costs the key a probe: a list this long is not a user's methods.
		return errorf("invalid_options", "publicKey.excludeCredentials", fmt.Sprintf("%d entries, more than %d", n, MaxExcludeCredentials))
	}
	for i, c := range pk.ExcludeCredentials {
		if len(c.ID.Bytes) == 0 {
			return errorf("invalid_options", fmt.Sprintf("publicKey.excludeCredentials[%d].id", i), "missing")
		}
	}
	return nil
}

// entraRPID finds s in list ignoring ASCII case and returns the list's spelling, the
// one the key must hash. Equal byte lengths keep Unicode folding (U+017F to 's', the
// Kelvin sign to 'k') from matching a different name.
func entraRPID(list []string, s string) (string, bool) {
	for _, v := range list {
		if len(v) == len(s) && strings.EqualFold(v, s) {
			return v, true
		}
	}
	return "", false
}
