package emulator

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// TestClientWireTypesAgree checks the client's wire package against the emulator:
// it parses every options variant the emulator emits, and a body it re-encodes is
// accepted.
func TestClientWireTypesAgree(t *testing.T) {
	credID := []byte{0xfb, 0xff, 0xbf, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}
	rpIDs := append([]string{"login.microsoftonline.com"}, webauthn.EntraRPIDs...)
	for _, q := range []Quirks{{}, {ExcludeIDEncoding: IDStd}, {ExcludeIDEncoding: IDRaw},
		{WrapOptionsInValue: true}, {RPID: "login.microsoftonline.com"}} {
		e := startEnv(t, func(c *Config) {
			c.Quirks = q
			c.Methods = []Method{{UserID: "alex@contoso.example", CredentialID: credID}}
		})
		r := e.call("GET", "/v1.0/users/alex%40contoso.example/authentication/fido2Methods/creationOptions", "", nil)
		opts, err := webauthn.ParseCreationOptionsFor(r.raw, rpIDs)
		if err != nil {
			t.Fatalf("quirks %+v: the client's parser refused the emulator's options: %v", q, err)
		}
		pk := opts.PublicKey
		if len(pk.ExcludeCredentials) != 1 || !bytes.Equal(pk.ExcludeCredentials[0].ID.Bytes, credID) ||
			len(pk.User.ID) != userHandleLen || len(pk.Challenge) < 2000 || opts.ChallengeTimeout.IsZero() {
			t.Errorf("quirks %+v: parsed %+v", q, opts)
		}
	}

	e := startEnv(t, nil)
	raw := e.call("GET", optionsAdele, "", nil).raw
	var doc map[string]any
	_ = json.Unmarshal(raw, &doc)
	body := e.key.register(t, doc, regOpts{})
	cdB64 := body["publicKeyCredential"].(map[string]any)["response"].(map[string]any)["clientDataJSON"].(string)
	cd, _ := base64.RawURLEncoding.DecodeString(cdB64)
	if want := webauthn.ClientDataJSON(challengeOf(t, doc), "login.microsoft.com"); !bytes.Equal(cd, want) {
		t.Fatalf("the test key's clientDataJSON\n%s\ndiffers from the client's\n%s", cd, want)
	}
	plain, _ := json.Marshal(body)
	rb, err := webauthn.ParseRegistrationBody(plain)
	if err != nil {
		t.Fatalf("ParseRegistrationBody: %v", err)
	}
	again, err := json.Marshal(rb)
	if err != nil {
		t.Fatal(err)
	}
	if r := e.call("POST", adeleMethods, "", again); r.status != http.StatusCreated {
		t.Fatalf("the client's body was refused: %d %s", r.status, r.raw)
	}
}
