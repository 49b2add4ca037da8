package emulator

import (
	"encoding/base64"
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestCreationOptionsShape(t *testing.T) {
	e := startEnv(t, nil)
	r := e.call("GET", "/v1.0/users/adele%40contoso.example/authentication/fido2Methods/creationOptions", "", nil)
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.raw)
	}
	if got := r.header.Get("client-request-id"); got != "11111111-2222-3333-4444-555555555555" {
		t.Errorf("client-request-id = %q, want the echo", got)
	}
	if r.header.Get("request-id") == "" || r.header.Get("Date") == "" {
		t.Errorf("missing request-id or Date: %v", r.header)
	}
	if r.json["@odata.context"] == nil {
		t.Errorf("no @odata.context")
	}
	wantExpiry := e.clock.Now().Add(5 * time.Minute).UTC().Format(time.RFC3339)
	if got := r.json["challengeTimeoutDateTime"]; got != wantExpiry {
		t.Errorf("challengeTimeoutDateTime = %v, want %s", got, wantExpiry)
	}
	pk := r.json["publicKey"].(map[string]any)
	user := pk["user"].(map[string]any)
	handle, err := base64.RawURLEncoding.DecodeString(user["id"].(string))
	if err != nil || len(handle) != 51 {
		t.Errorf("user.id = %v (%d bytes, err %v), want 51 bytes base64url", user["id"], len(handle), err)
	}
	if again := challengeOf(t, e.options(adele)); again == pk["challenge"] {
		t.Errorf("two option requests got the same challenge")
	}
	if len(pk["challenge"].(string)) < 2000 {
		t.Errorf("challenge is %d characters; Entra's are several KB", len(pk["challenge"].(string)))
	}
	delete(pk, "challenge")
	delete(user, "id")
	want := map[string]any{
		"rp":                 map[string]any{"id": "login.microsoft.com", "name": "Microsoft"},
		"user":               map[string]any{"name": adele, "displayName": "Adele Vance"},
		"pubKeyCredParams":   []any{map[string]any{"type": "public-key", "alg": -7.0}, map[string]any{"type": "public-key", "alg": -257.0}},
		"timeout":            60000.0,
		"excludeCredentials": []any{},
		"authenticatorSelection": map[string]any{"authenticatorAttachment": "cross-platform",
			"requireResidentKey": true, "userVerification": "required"},
		"attestation": "direct",
		"extensions": map[string]any{"hmacCreateSecret": true, "enforceCredentialProtectionPolicy": true,
			"credentialProtectionPolicy": "userVerificationOptional"},
	}
	if !reflect.DeepEqual(pk, want) {
		t.Errorf("publicKey =\n%v\nwant\n%v", pk, want)
	}
}

func TestCreationOptionsQuirks(t *testing.T) {
	// 16 bytes: two "=" of padding, so the encodings differ visibly.
	credID := []byte{0xfb, 0xff, 0xbf, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}
	tests := []struct {
		name    string
		quirks  Quirks
		wantID  string
		wantRP  string
		wrapped bool
	}{
		{"defaults", Quirks{}, "-_-_AQIDBAUGBwgJCgsMDQ2", "login.microsoft.com", false},
		{"standard base64 ids", Quirks{ExcludeIDEncoding: IDStd}, "+/+/AQIDBAUGBwgJCgsMDQ==", "login.microsoft.com", false},
		{"raw base64url ids", Quirks{ExcludeIDEncoding: IDRaw}, "-_-_AQIDBAUGBwgJCgsMDQ", "login.microsoft.com", false},
		{"value wrapper", Quirks{WrapOptionsInValue: true}, "-_-_AQIDBAUGBwgJCgsMDQ2", "login.microsoft.com", true},
		{"documentation rp id", Quirks{RPID: "login.microsoftonline.com"}, "-_-_AQIDBAUGBwgJCgsMDQ2", "login.microsoftonline.com", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := startEnv(t, func(c *Config) {
				c.Quirks = tc.quirks
				c.Methods = []Method{{UserID: adele, CredentialID: credID, DisplayName: "Old key"}}
			})
			doc := e.options(adele)
			if tc.wrapped {
				v, ok := doc["value"].(map[string]any)
				if !ok || doc["@odata.context"] == nil || doc["publicKey"] != nil {
					t.Fatalf("want {@odata.context, value:{...}}, got %v", doc)
				}
				doc = v
			}
			pk := doc["publicKey"].(map[string]any)
			ex := pk["excludeCredentials"].([]any)
			if len(ex) != 1 {
				t.Fatalf("excludeCredentials = %v", ex)
			}
			got := ex[0].(map[string]any)
			wantEx := map[string]any{"type": "public-key", "id": tc.wantID, "transports": []any{"usb", "nfc"}}
			if !reflect.DeepEqual(got, wantEx) {
				t.Errorf("excludeCredentials[0] = %v, want %v", got, wantEx)
			}
			if rp := pk["rp"].(map[string]any)["id"]; rp != tc.wantRP {
				t.Errorf("rp.id = %v, want %s", rp, tc.wantRP)
			}
		})
	}
}

func TestCreationOptionsURLForms(t *testing.T) {
	const base = "/users/adele%40contoso.example/authentication/fido2Methods/"
	tests := []struct {
		name        string
		mutate      func(*Config)
		path        string
		asAdmin     bool
		wantStatus  int
		wantCode    string
		wantMinutes int
	}{
		{"v1.0 fixed five minutes", nil, "/v1.0" + base + "creationOptions", false, 200, "", 5},
		{"v1.0 ignores the query", nil, "/v1.0" + base + "creationOptions?challengeTimeoutInMinutes=60", false, 200, "", 5},
		{"beta function call", nil, "/beta" + base + "creationOptions(challengeTimeoutInMinutes=60)", false, 200, "", 60},
		{"beta function call, escaped", nil, "/beta" + base + "creationOptions%28challengeTimeoutInMinutes%3D43200%29", false, 200, "", 43200},
		{"beta below five minutes", nil, "/beta" + base + "creationOptions(challengeTimeoutInMinutes=4)", false, 400, "badRequest", 0},
		{"beta above thirty days", nil, "/beta" + base + "creationOptions(challengeTimeoutInMinutes=43201)", false, 400, "badRequest", 0},
		{"beta query form", nil, "/beta" + base + "creationOptions?challengeTimeoutInMinutes=60", false, 405, "methodNotAllowed", 0},
		{"beta query form with the quirk", func(c *Config) { c.Quirks.BetaQueryFormWorks = true },
			"/beta" + base + "creationOptions?challengeTimeoutInMinutes=60", false, 200, "", 60},
		{"v1.0 function call", nil, "/v1.0" + base + "creationOptions(challengeTimeoutInMinutes=60)", false, 400, "BadRequest", 0},
		{"/me delegated", nil, "/v1.0/me/authentication/fido2Methods/creationOptions", true, 405, "methodNotAllowed", 0},
		{"/me app-only", nil, "/v1.0/me/authentication/fido2Methods/creationOptions", false, 400, "BadRequest", 0},
		{"self by UPN", nil, "/v1.0/users/admin%40contoso.example/authentication/fido2Methods/creationOptions", true, 405, "methodNotAllowed", 0},
		{"self allowed by quirk", func(c *Config) { c.Quirks.AllowSelfCreationOptions = true },
			"/v1.0/users/admin%40contoso.example/authentication/fido2Methods/creationOptions", true, 200, "", 5},
		{"by object id", nil, "/v1.0/users/7C9E6679-7425-40DE-944B-E07FC1F90AE7/authentication/fido2Methods/creationOptions", false, 200, "", 5},
		{"unknown user", nil, "/v1.0/users/nobody%40contoso.example/authentication/fido2Methods/creationOptions", false, 404, "Request_ResourceNotFound", 0},
		{"guest", nil, "/v1.0/users/guest_fabrikam.example%23EXT%23%40contoso.example/authentication/fido2Methods/creationOptions", false, 400, "unsupportedUserType", 0},
		{"FIDO2 disabled", func(c *Config) { c.Policy.State = "disabled" }, "/v1.0" + base + "creationOptions", false, 400, "fido2NotEnabled", 0},
		{"self-service registration off (known issue)", func(c *Config) { c.Policy.IsSelfServiceRegistrationAllowed = false },
			"/v1.0" + base + "creationOptions", false, 400, "fido2NotEnabled", 0},
		{"self-service off, issue lifted", func(c *Config) {
			c.Policy.IsSelfServiceRegistrationAllowed = false
			c.Quirks.SelfServiceFlagNotRequired = true
		}, "/v1.0" + base + "creationOptions", false, 200, "", 5},
		{"user excluded", func(c *Config) {
			c.Users[1].Groups = []string{"f0000000-0000-4000-8000-00000000000e"}
			c.Policy.ExcludeTargets = []PolicyTarget{{TargetType: "group", ID: "f0000000-0000-4000-8000-00000000000e"}}
		}, "/v1.0" + base + "creationOptions", false, 400, "fido2NotEnabled", 0},
		{"POST is not allowed", nil, "/v1.0" + base + "creationOptions", false, 405, "methodNotAllowed", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := startEnv(t, tc.mutate)
			tok := ""
			if tc.asAdmin {
				var err error
				if tok, err = e.s.Token(DemoPublicClientID, DemoAdminUPN); err != nil {
					t.Fatal(err)
				}
			}
			method := "GET"
			if tc.name == "POST is not allowed" {
				method = "POST"
			}
			r := e.call(method, tc.path, tok, nil)
			if r.status != tc.wantStatus || r.errorCode() != tc.wantCode {
				t.Fatalf("got %d %q, want %d %q: %s", r.status, r.errorCode(), tc.wantStatus, tc.wantCode, r.raw)
			}
			if tc.wantCode == "methodNotAllowed" && r.errorMessage() != "The method is not supported for this URL." {
				t.Errorf("405 message = %q", r.errorMessage())
			}
			if tc.wantMinutes > 0 {
				want := e.clock.Now().Add(time.Duration(tc.wantMinutes) * time.Minute).UTC().Format(time.RFC3339)
				if got := r.json["challengeTimeoutDateTime"]; got != want {
					t.Errorf("challengeTimeoutDateTime = %v, want %s", got, want)
				}
			}
		})
	}
}
