package webauthn

import (
	"encoding/json"
	"testing"
)

// BenchmarkOptionsToPostBody times the client's own work in a registration, from
// Graph's raw options (the ~2 KB challenge) to the POST body, with the key's output
// made beforehand: the key's time is not ours to optimise.
func BenchmarkOptionsToPostBody(b *testing.B) {
	raw := readFixture(b, "large_challenge.json")
	k := newSoftKey(b)
	opts, err := ParseCreationOptions(raw)
	if err != nil {
		b.Fatal(err)
	}
	// The signature covers this challenge's clientDataHash, as the key's would.
	key := k.attest(b, "packed", opts.PublicKey.RP.ID, ClientDataHash(ClientDataJSON(opts.PublicKey.Challenge, opts.PublicKey.RP.ID)))
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		opts, err := ParseCreationOptions(raw)
		if err != nil {
			b.Fatal(err)
		}
		cd := ClientDataJSON(opts.PublicKey.Challenge, opts.PublicKey.RP.ID)
		_ = ClientDataHash(cd) // what goes to the key
		att, err := BuildAttestationObject(key)
		if err != nil {
			b.Fatal(err)
		}
		body, err := NewRegistrationBody("Soft key 2024-06", k.credID, cd, att)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(body); err != nil {
			b.Fatal(err)
		}
	}
}
