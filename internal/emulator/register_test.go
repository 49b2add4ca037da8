package emulator

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

const adeleMethods = "/v1.0/users/adele%40contoso.example/authentication/fido2Methods"

func TestRegisterAccepted(t *testing.T) {
	credID := []byte("0123456789abcdef0123456789abcdef01234567") // 40 bytes: two "=" of padding
	tests := []struct {
		name      string
		mutate    func(*Config)
		ro        regOpts
		wantLevel string
		wantCerts bool
	}{
		{"packed chained to the root", nil, regOpts{credID: credID}, "attested", true},
		{"with credProtect and hmac-secret outputs", nil, regOpts{credID: credID, extensions: true}, "attested", true},
		{"packed self attestation", nil, regOpts{credID: credID, format: "self"}, "notAttested", false},
		{"none", nil, regOpts{credID: credID, format: "none"}, "notAttested", false},
		{"display name of 30 characters", nil, regOpts{credID: credID, displayName: strings.Repeat("é", 30)}, "attested", true},
		{"enforced attestation, chained", func(c *Config) { c.Policy.IsAttestationEnforced = true }, regOpts{credID: credID}, "attested", true},
		{"passkey profile allowing the AAGUID", func(c *Config) {
			c.Policy.PasskeyProfiles = []PasskeyProfile{{ID: "p1", Name: "Keys", PasskeyTypes: "deviceBound",
				AttestationEnforcement: "registrationOnly",
				KeyRestrictions:        KeyRestrictions{IsEnforced: true, EnforcementType: "allow", AAGUIDs: []string{testAAGUID}}}}
		}, regOpts{credID: credID}, "attested", true},
		{"one of two applicable profiles allows it", func(c *Config) {
			c.Users[1].Groups = []string{"f0000000-0000-4000-8000-0000000000bb"}
			c.Policy.PasskeyProfiles = []PasskeyProfile{
				{ID: "block", Name: "Block", PasskeyTypes: "deviceBound",
					KeyRestrictions: KeyRestrictions{IsEnforced: true, EnforcementType: "block", AAGUIDs: []string{testAAGUID}}},
				{ID: "allow", Name: "Allow", PasskeyTypes: "deviceBound",
					KeyRestrictions: KeyRestrictions{IsEnforced: true, EnforcementType: "allow", AAGUIDs: []string{testAAGUID}}}}
			c.Policy.IncludeTargets = []PolicyTarget{{TargetType: "group", ID: "all_users", AllowedPasskeyProfiles: []string{"block"}},
				{TargetType: "group", ID: "f0000000-0000-4000-8000-0000000000bb", AllowedPasskeyProfiles: []string{"allow"}}}
		}, regOpts{credID: credID}, "attested", true},
		{"unknown properties with the lenient quirk", func(c *Config) { c.Quirks.LenientBody = true },
			regOpts{credID: credID, extra: map[string]any{"type": "public-key"}}, "attested", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := startEnv(t, tc.mutate)
			r := e.call("POST", adeleMethods, "", e.key.register(t, e.options(adele), tc.ro))
			if r.status != http.StatusCreated {
				t.Fatalf("status %d: %s", r.status, r.raw)
			}
			var certs []any
			if tc.wantCerts {
				sum := sha1.Sum(e.key.attDER)
				certs = []any{hex.EncodeToString(sum[:])}
			} else {
				certs = []any{}
			}
			delete(r.json, "@odata.context")
			want := map[string]any{
				"id": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nw2", "displayName": def(tc.ro.displayName, "Test key 0001"),
				"createdDateTime": e.clock.Now().UTC().Format(time.RFC3339), "aaGuid": testAAGUID, "model": "Emulator Test Key",
				"attestationCertificates": certs, "attestationLevel": tc.wantLevel, "passkeyType": "deviceBound",
			}
			if !reflect.DeepEqual(r.json, want) {
				t.Errorf("201 body =\n%v\nwant\n%v", r.json, want)
			}
			ms := e.s.Methods(adele)
			if len(ms) != 1 || string(ms[0].CredentialID) != string(credID) {
				t.Fatalf("Methods = %+v", ms)
			}
			ex := e.options(adele)["publicKey"].(map[string]any)["excludeCredentials"].([]any)
			if len(ex) != 1 || ex[0].(map[string]any)["id"] != want["id"] {
				t.Errorf("excludeCredentials after registering = %v", ex)
			}
		})
	}
}

func TestRegisterRefused(t *testing.T) {
	other := newTestKey(t, testAAGUID)
	tamper := func(c string) string {
		b := []byte(c)
		if b[100] == 'A' {
			b[100] = 'B'
		} else {
			b[100] = 'A'
		}
		return string(b)
	}
	tests := []struct {
		name       string
		mutate     func(*Config)
		optsUser   string
		ro         regOpts
		challenge  func(string) string
		before     func(e *env, body map[string]any)
		raw        string
		path       string
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{name: "wrong origin", ro: regOpts{origin: "https://login.microsoftonline.com"}, wantCode: "invalidOrigin"},
		{name: "wrong type", ro: regOpts{typ: "webauthn.get"}, wantCode: "invalidClientData"},
		{name: "tampered challenge", challenge: tamper, wantCode: "invalidChallenge"},
		{name: "challenge for another user", optsUser: "alex@contoso.example", wantCode: "invalidChallenge"},
		{name: "expired challenge", before: func(e *env, _ map[string]any) { e.clock.Add(5*time.Minute + time.Second) },
			wantCode: "challengeExpired"},
		{name: "reused challenge", before: func(e *env, body map[string]any) {
			if r := e.call("POST", adeleMethods, "", body); r.status != http.StatusCreated {
				e.t.Fatalf("first POST: %d %s", r.status, r.raw)
			}
		}, wantCode: "challengeAlreadyUsed"},
		{name: "UV missing", ro: regOpts{flags: flagUP | flagAT}, wantCode: "userVerificationRequired"},
		{name: "UP missing", ro: regOpts{flags: flagUV | flagAT}, wantCode: "userPresenceRequired"},
		{name: "rpIdHash of another rp", ro: regOpts{rpID: "login.microsoftonline.com"}, wantCode: "invalidRpIdHash"},
		{name: "bad attestation signature", ro: regOpts{badSig: true}, wantCode: "invalidAttestation"},
		{name: "certificate AAGUID differs from authData", ro: regOpts{aaguid: "cb69481e-8ff7-4039-93ec-0a2729a154a8"},
			wantCode: "invalidAttestation"},
		{name: "fido-u2f format", ro: regOpts{format: "fido-u2f"}, wantCode: "unsupportedAttestationFormat"},
		{name: "credential id differs from the body id", ro: regOpts{bodyID: "AAAA"}, wantCode: "invalidCredentialId"},
		{name: "not chained when enforced", mutate: func(c *Config) {
			c.Policy.IsAttestationEnforced = true
			c.AttestationRoots = [][]byte{other.rootPEM}
		}, wantCode: "attestationNotTrusted"},
		{name: "none when enforced", mutate: func(c *Config) { c.Policy.IsAttestationEnforced = true },
			ro: regOpts{format: "none"}, wantCode: "attestationNotTrusted"},
		{name: "profile enforcing attestation", mutate: func(c *Config) {
			c.Policy.PasskeyProfiles = []PasskeyProfile{{ID: "p1", Name: "Strict", PasskeyTypes: "deviceBound,synced",
				AttestationEnforcement: "registrationOnly"}}
		}, ro: regOpts{format: "self"}, wantCode: "attestationNotTrusted"},
		{name: "blocked AAGUID", mutate: func(c *Config) {
			c.Policy.KeyRestrictions = KeyRestrictions{IsEnforced: true, EnforcementType: "block", AAGUIDs: []string{strings.ToUpper(testAAGUID)}}
		}, wantCode: "aaguidNotAllowed"},
		{name: "AAGUID not on the profile's allow list", mutate: func(c *Config) {
			c.Policy.PasskeyProfiles = []PasskeyProfile{{ID: "p1", Name: "YubiKeys", PasskeyTypes: "deviceBound",
				KeyRestrictions: KeyRestrictions{IsEnforced: true, EnforcementType: "allow", AAGUIDs: []string{"cb69481e-8ff7-4039-93ec-0a2729a154a8"}}}}
		}, wantCode: "aaguidNotAllowed"},
		{name: "profile for synced passkeys only", mutate: func(c *Config) {
			c.Policy.PasskeyProfiles = []PasskeyProfile{{ID: "p1", Name: "Synced", PasskeyTypes: "synced"}}
		}, wantCode: "passkeyTypeNotAllowed"},
		{name: "group-targeted profile wins over the default", mutate: func(c *Config) {
			c.Users[1].Groups = []string{"f0000000-0000-4000-8000-0000000000aa"}
			c.Policy.DefaultPasskeyProfile = "open"
			c.Policy.PasskeyProfiles = []PasskeyProfile{{ID: "open", Name: "Open", PasskeyTypes: "deviceBound"},
				{ID: "strict", Name: "Strict", PasskeyTypes: "deviceBound",
					KeyRestrictions: KeyRestrictions{IsEnforced: true, EnforcementType: "block", AAGUIDs: []string{testAAGUID}}}}
			c.Policy.IncludeTargets = []PolicyTarget{{TargetType: "group", ID: "f0000000-0000-4000-8000-0000000000aa",
				AllowedPasskeyProfiles: []string{"strict"}}}
		}, wantCode: "aaguidNotAllowed"},
		{name: "duplicate credential id", mutate: func(c *Config) {
			c.Methods = []Method{{UserID: "alex@contoso.example", CredentialID: []byte("dup-credential-id")}}
		}, ro: regOpts{credID: []byte("dup-credential-id")}, wantStatus: http.StatusConflict, wantCode: "credentialAlreadyRegistered"},
		{name: "displayName of 31 characters", ro: regOpts{displayName: strings.Repeat("x", 31)}, wantCode: "invalidDisplayName"},
		{name: "empty displayName", ro: regOpts{displayName: " "}, wantCode: "invalidDisplayName"},
		{name: "@odata.type in the body", ro: regOpts{extra: map[string]any{"@odata.type": "#microsoft.graph.fido2AuthenticationMethod"}},
			wantCode: "badRequest", wantMsg: missingEntityMessage},
		{name: "body is a JSON string", raw: `"{\"displayName\":\"x\"}"`, wantCode: "badRequest", wantMsg: missingEntityMessage},
		{name: "unknown top-level property", ro: regOpts{extra: map[string]any{"type": "public-key"}},
			wantCode: "badRequest", wantMsg: missingEntityMessage},
		{name: "guest user", path: "/v1.0/users/guest_fabrikam.example%23EXT%23%40contoso.example/authentication/fido2Methods",
			wantCode: "unsupportedUserType"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := startEnv(t, tc.mutate)
			opts := e.options(def(tc.optsUser, adele))
			ro := tc.ro
			if tc.challenge != nil {
				ro.challenge = tc.challenge(challengeOf(t, opts))
			}
			var body any = e.key.register(t, opts, ro)
			if tc.before != nil {
				tc.before(e, body.(map[string]any))
			}
			if tc.raw != "" {
				body = []byte(tc.raw)
			}
			r := e.call("POST", def(tc.path, adeleMethods), "", body)
			wantStatus := tc.wantStatus
			if wantStatus == 0 {
				wantStatus = http.StatusBadRequest
			}
			if r.status != wantStatus || r.errorCode() != tc.wantCode {
				t.Fatalf("got %d %q, want %d %q: %s", r.status, r.errorCode(), wantStatus, tc.wantCode, r.raw)
			}
			if tc.wantMsg != "" && r.errorMessage() != tc.wantMsg {
				t.Errorf("message = %q, want %q", r.errorMessage(), tc.wantMsg)
			}
			inner, _ := r.json["error"].(map[string]any)["innerError"].(map[string]any)
			if inner["request-id"] != r.header.Get("request-id") || inner["client-request-id"] == nil || inner["date"] == nil {
				t.Errorf("innerError = %v", inner)
			}
			if tc.name != "reused challenge" && len(e.s.Methods(adele)) != 0 {
				t.Errorf("a refused registration was stored")
			}
		})
	}
}

func TestExpiredChallengeNamesTheExpiry(t *testing.T) {
	e := startEnv(t, nil)
	body := e.key.register(t, e.options(adele), regOpts{})
	e.clock.Add(10 * time.Minute)
	r := e.call("POST", adeleMethods, "", body)
	msg := strings.ToLower(r.errorMessage())
	if !strings.Contains(msg, "challenge") || !strings.Contains(msg, "expired") {
		t.Errorf("message %q should say the challenge expired (the client maps that to challenge_expired)", msg)
	}
}
