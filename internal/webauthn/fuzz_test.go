package webauthn

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The seed corpora live in testdata/fuzz/<FuzzName>/ (see fuzzseeds_test.go); plain
// `go test` runs every seed through these targets too.

func FuzzParseCreationOptions(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		opts, err := ParseCreationOptions(data)
		if err != nil {
			assertCode(t, err, "invalid_json", "input_too_large", "invalid_options", "unsupported_rp")
			return
		}
		pk := opts.PublicKey
		if pk.Challenge == "" || strings.Trim(pk.Challenge, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			t.Fatalf("accepted challenge %q", pk.Challenge)
		}
		if n := len(pk.User.ID); n == 0 || n > 64 || pk.User.Name == "" || len(opts.Algorithms()) == 0 {
			t.Fatalf("accepted user.id of %d bytes, user.name %q, algorithms %v", n, pk.User.Name, opts.Algorithms())
		}
		known := false
		for _, id := range EntraRPIDs {
			known = known || strings.EqualFold(id, pk.RP.ID)
		}
		if !known {
			t.Fatalf("accepted rp.id %q", pk.RP.ID)
		}
		if lvl := opts.CredProtectLevel(); lvl < 0 || lvl > 3 || (lvl == 0) != (pk.Extensions.CredentialProtectionPolicy == "") {
			t.Fatalf("credProtect level %d for policy %q", lvl, pk.Extensions.CredentialProtectionPolicy)
		}
		for i, c := range pk.ExcludeCredentials {
			if len(c.ID.Bytes) == 0 {
				t.Fatalf("excludeCredentials[%d] accepted without an id", i)
			}
		}
		// Whatever was accepted must make well-formed client data that says the same.
		cd := ClientDataJSON(pk.Challenge, pk.RP.ID)
		var got map[string]any
		if err := json.Unmarshal(cd, &got); err != nil {
			t.Fatalf("clientDataJSON %s is not JSON: %v", cd, err)
		}
		want := map[string]any{"type": "webauthn.create", "challenge": pk.Challenge, "origin": "https://" + pk.RP.ID, "crossOrigin": false}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("clientDataJSON reads back as %v, want %v", got, want)
		}
		again, err := ParseCreationOptions(data)
		if err != nil || !reflect.DeepEqual(again, opts) {
			t.Fatalf("a second parse differs: %v", err)
		}
	})
}

func FuzzParseAttestationObject(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		obj, ad, err := ParseAttestationObject(data)
		if err != nil {
			assertCode(t, err, "invalid_attestation")
			return
		}
		if obj.Format == "" || obj.AttStmt == nil || len(obj.AuthData) < 37 || ad == nil {
			t.Fatalf("accepted %+v, %+v", obj, ad)
		}
		if (ad.AttestedCredential != nil) != (ad.Flags&FlagAttested != 0) {
			t.Fatalf("flags %#x but attested credential %v", ad.Flags, ad.AttestedCredential)
		}
		if direct, err := ParseAuthData(obj.AuthData); err != nil || !reflect.DeepEqual(direct, ad) {
			t.Fatalf("authData parsed on its own differs: %v", err)
		}
		assertRebuilds(t, obj.AuthData)
	})
}

func FuzzParseAuthData(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		ad, err := ParseAuthData(data)
		if err != nil {
			assertCode(t, err, "invalid_attestation")
			return
		}
		if acd := ad.AttestedCredential; acd != nil && (len(acd.CredentialID) == 0 || len(acd.CredentialID) > 1023 || len(acd.PublicKey) == 0) {
			t.Fatalf("accepted credential id of %d bytes, key of %d", len(acd.CredentialID), len(acd.PublicKey))
		}
		// Without extensions (decoded, so not re-encodable byte for byte) the fields
		// must add up to exactly the input.
		if ad.Flags&FlagExtensions == 0 {
			b := append(ad.RPIDHash[:], ad.Flags)
			b = binary.BigEndian.AppendUint32(b, ad.SignCount)
			if acd := ad.AttestedCredential; acd != nil {
				b = append(b, acd.AAGUID[:]...)
				b = binary.BigEndian.AppendUint16(b, uint16(len(acd.CredentialID)))
				b = append(append(b, acd.CredentialID...), acd.PublicKey...)
			}
			if !bytes.Equal(b, data) {
				t.Fatalf("fields reassemble to %x, input %x", b, data)
			}
		}
		if got := UnwrapAuthData(cborBytes(data)); !bytes.Equal(got, data) {
			t.Fatalf("wrapped authData unwraps to %x", got)
		}
		assertRebuilds(t, data)
	})
}

// FuzzCredentialIDReadings feeds arbitrary strings, and encodes arbitrary ids each way
// Graph has: whatever the encoding, the id is among the readings (the round-trip
// property), readings are distinct, and a refused string gets invalid_options.
func FuzzCredentialIDReadings(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, err := CredentialIDReadings(string(data)); err != nil {
			assertCode(t, err, "invalid_options")
		} else {
			for i, r := range got {
				if len(r) > len(data) {
					t.Fatalf("%d bytes decoded from %d characters", len(r), len(data))
				}
				for _, o := range got[:i] {
					if bytes.Equal(o, r) {
						t.Fatalf("reading %x repeated", r)
					}
				}
			}
		}
		if u, err := DecodeURL(base64.RawURLEncoding.EncodeToString(data)); err != nil || !bytes.Equal(u, data) {
			t.Fatalf("DecodeURL of the base64url of %x = %x, %v", data, u, err)
		}
		if u, err := DecodeURL(base64.StdEncoding.EncodeToString(data)); err != nil || !bytes.Equal(u, data) {
			t.Fatalf("DecodeURL of the base64 of %x = %x, %v", data, u, err)
		}
		if len(data) == 0 {
			return
		}
		for _, s := range []string{dotnetEncode(data), base64.RawURLEncoding.EncodeToString(data), base64.StdEncoding.EncodeToString(data)} {
			got, err := CredentialIDReadings(s)
			if err != nil {
				t.Fatalf("CredentialIDReadings(%q): %v", s, err)
			}
			found := false
			for _, r := range got {
				found = found || bytes.Equal(r, data)
			}
			if !found {
				t.Fatalf("CredentialIDReadings(%q) = %x; %x is not among them", s, got, data)
			}
		}
	})
}

// assertRebuilds puts valid authenticator data, wrapped as libfido2 does, into a
// "none" attestationObject: it must build, be canonical and parse back unchanged.
func assertRebuilds(t *testing.T, raw []byte) {
	t.Helper()
	if len(raw) > MaxAttestationSize/2 {
		return // the object would pass ParseAttestationObject's size limit
	}
	obj, err := BuildAttestationObject(AttestationParts{Format: "none", AuthData: cborBytes(raw)})
	if err != nil {
		t.Fatalf("BuildAttestationObject of parsed authData: %v", err)
	}
	assertCanonical(t, obj)
	back, _, err := ParseAttestationObject(obj)
	if err != nil || !bytes.Equal(back.AuthData, raw) {
		t.Fatalf("rebuilt object does not parse back: %v", err)
	}
}

// assertCode fails unless err is an *Error with one of codes.
func assertCode(t *testing.T, err error, codes ...string) {
	t.Helper()
	code := errCode(err)
	for _, c := range codes {
		if code == c {
			return
		}
	}
	t.Fatalf("error %q has code %q, want one of %v", err, code, codes)
}

// FuzzParseRegistrationBody feeds the POST body submit reads: an accepted body
// re-serialises to exactly Graph's fields and parses back to the same bytes (the
// round-trip property of the body's base64url fields); a refused one gets a documented code.
func FuzzParseRegistrationBody(f *testing.F) {
	f.Add([]byte(`{"displayName":"Key","publicKeyCredential":{"id":"-_8","response":{"clientDataJSON":"e30","attestationObject":"oA"},"clientExtensionResults":{}}}`))
	f.Add([]byte(`{"displayName":"Key","publicKeyCredential":{"id":"AQI1","response":{"clientDataJSON":"e30=","attestationObject":"oA=="}}}`))
	f.Add([]byte(`{"displayName":"Key","publicKeyCredential":{"id":"-_8","rawId":"-_8"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseRegistrationBody(data)
		if err != nil {
			assertCode(t, err, "invalid_body", "invalid_display_name", "display_name_too_long", "invalid_options")
			return
		}
		out, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("an accepted body does not encode: %v", err)
		}
		again, err := ParseRegistrationBody(out)
		if err != nil {
			t.Fatalf("the re-serialised body %s is refused: %v", out, err)
		}
		pk, pk2 := b.PublicKeyCredential, again.PublicKeyCredential
		if again.DisplayName != b.DisplayName || !bytes.Equal(pk.ID, pk2.ID) ||
			!bytes.Equal(pk.Response.ClientDataJSON, pk2.Response.ClientDataJSON) ||
			!bytes.Equal(pk.Response.AttestationObject, pk2.Response.AttestationObject) {
			t.Fatalf("%s reads back different", out)
		}
		var fields map[string]json.RawMessage
		if json.Unmarshal(out, &fields) != nil || len(fields) != 2 {
			t.Fatalf("%s has fields Graph refuses", out)
		}
	})
}

// FuzzURLBytes is the round-trip property of every binary field we read that is not a
// Graph credential id (user handles, POST body fields): for every byte string, decoding
// its encoding gives it back, whatever the form (unpadded or padded base64url, standard
// base64), and never the padding-digit guess.
func FuzzURLBytes(f *testing.F) {
	f.Add(append(bytes.Repeat([]byte{0x41}, 50), 0x35))
	f.Add([]byte{0xfb, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		enc, err := json.Marshal(URLBytes(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range []string{string(enc), `"` + base64.URLEncoding.EncodeToString(b) + `"`,
			`"` + base64.StdEncoding.EncodeToString(b) + `"`, `"` + base64.RawStdEncoding.EncodeToString(b) + `"`} {
			var got URLBytes
			if err := json.Unmarshal([]byte(form), &got); err != nil || !bytes.Equal(got, b) {
				t.Fatalf("%s decodes to %x, %v; want %x", form, []byte(got), err, b)
			}
		}
	})
}

// FuzzClientDataJSON is the clientDataJSON builder's round trip: for every challenge the
// options parser accepts (base64url) and every Entra relying party, the bytes are compact
// JSON in Graph's field order that read back to exactly that challenge and origin.
func FuzzClientDataJSON(f *testing.F) {
	f.Add("Y2hhbGxlbmdl", uint8(0))
	f.Add("", uint8(2))
	f.Fuzz(func(t *testing.T, challenge string, rp uint8) {
		if !isBase64URL(challenge) {
			return
		}
		rpID := EntraRPIDs[int(rp)%len(EntraRPIDs)]
		cd := ClientDataJSON(challenge, rpID)
		var got struct {
			Type        string `json:"type"`
			Challenge   string `json:"challenge"`
			Origin      string `json:"origin"`
			CrossOrigin *bool  `json:"crossOrigin"`
		}
		if err := json.Unmarshal(cd, &got); err != nil {
			t.Fatalf("%s is not JSON: %v", cd, err)
		}
		if got.Type != "webauthn.create" || got.Challenge != challenge || got.Origin != "https://"+rpID || got.CrossOrigin == nil || *got.CrossOrigin {
			t.Fatalf("%s reads back as %+v", cd, got)
		}
		want, _ := json.Marshal(struct {
			Type        string `json:"type"`
			Challenge   string `json:"challenge"`
			Origin      string `json:"origin"`
			CrossOrigin bool   `json:"crossOrigin"`
		}{"webauthn.create", challenge, "https://" + rpID, false})
		if !bytes.Equal(cd, want) {
			t.Fatalf("%s is not the compact form %s", cd, want)
		}
	})
}
