package webauthn

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var updateFuzzSeeds = flag.Bool("update-fuzz-seeds", false, "rewrite testdata/fuzz from the fixtures and the soft key")

// fuzzSeeds are the seed corpora: every options fixture, attestation objects in each
// format the package builds, authenticator data with and without extensions, and a
// few near misses for each.
func fuzzSeeds(t *testing.T) map[string]map[string][]byte {
	k := newSoftKey(t)
	hash := ClientDataHash(ClientDataJSON("dGVzdC1jaGFsbGVuZ2U", "login.microsoft.com"))
	build := func(p AttestationParts) []byte {
		b, err := BuildAttestationObject(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	att := map[string][]byte{}
	for _, format := range []string{"packed", "self", "fido-u2f", "none"} {
		att["valid-"+format] = build(k.attest(t, format, "login.microsoft.com", hash))
	}
	ext := k.authData("login.microsoft.com", flagsUPUVAT|FlagExtensions, k.aaguid, extCBOR)
	att["valid-none-extensions"] = build(AttestationParts{Format: "none", AuthData: ext})
	att["truncated"] = att["valid-packed"][:len(att["valid-packed"])-7]
	att["duplicate-fmt"] = append([]byte{0xa4, 0x63, 'f', 'm', 't', 0x64, 'n', 'o', 'n', 'e'}, att["valid-none"][1:]...)

	raw := k.authData("login.microsoft.com", flagsUPUVAT, k.aaguid, nil)
	hostile := bytes.Clone(raw)
	hostile[53], hostile[54] = 0xff, 0xff
	authData := map[string][]byte{
		"attested":           raw,
		"attested-extension": ext,
		"up-only":            k.authData("login.microsoft.com", FlagUserPresent, k.aaguid, nil),
		"truncated-cose":     raw[:len(raw)-3],
		"hostile-id-length":  hostile,
		"trailing-byte":      append(bytes.Clone(raw), 0),
	}

	options := map[string][]byte{
		"bad-array":         []byte(`[{"publicKey":{}}]`),
		"bad-double-value":  []byte(`{"value":{"value":{}}}`),
		"bad-publickey-num": []byte(`{"publicKey":5}`),
	}
	files, err := filepath.Glob(filepath.Join("testdata", "options", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no options fixtures: %v", err)
	}
	for _, f := range files {
		options[filepath.Base(f)] = readFixture(t, filepath.Base(f))
	}

	lenient := map[string][]byte{
		"standard": []byte("qyLobplI+Xsda5Wya9sFOLRlsdVXE/QcP4K3gSnr5Cr9zVVLEzqAUNCfVEK0eZV70alQfocRgZTbjBpdG8Jfd3k="),
		"dotnet":   []byte("PzEx8VNb7IzzW-F7dwIwMjiToblRf4MS_Ny-VgLpET_hEZLt_0lVzcX39RRZgL7MUyvvweAQH1ig35UqpSkg-g2"),
		"unpadded": []byte("xBoFehn_LaAQpcNqp2JA6mM45PhnSbbgbXff-5IravcL-pVDaQMhGjqeCL-Fs0pm"),
		"garbage":  []byte("AQ=A"),
	}
	return map[string]map[string][]byte{
		"FuzzParseCreationOptions":   options,
		"FuzzParseAttestationObject": att,
		"FuzzParseAuthData":          authData,
		"FuzzCredentialIDReadings":   lenient,
	}
}

// TestFuzzSeedCorpus keeps the committed corpora in step: the options seeds must
// equal the fixtures, and every seed must be a well-formed `go test fuzz v1` file.
// With -update-fuzz-seeds it rewrites them.
func TestFuzzSeedCorpus(t *testing.T) {
	for target, seeds := range fuzzSeeds(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		if *updateFuzzSeeds {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, b := range seeds {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, want := range seeds {
			got, err := readSeed(filepath.Join(dir, name))
			if err != nil {
				t.Errorf("%s: %v (run go test -run TestFuzzSeedCorpus -update-fuzz-seeds)", target, err)
				continue
			}
			if target == "FuzzParseCreationOptions" && !bytes.Equal(got, want) {
				t.Errorf("%s/%s differs from its fixture (run go test -run TestFuzzSeedCorpus -update-fuzz-seeds)", target, name)
			}
		}
	}
}

// readSeed reads a corpus file holding one []byte value.
func readSeed(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	header, rest, ok := strings.Cut(string(b), "\n")
	if !ok || header != "go test fuzz v1" {
		return nil, fmt.Errorf("%s: not a go test fuzz v1 file", path)
	}
	lit, ok := strings.CutPrefix(strings.TrimSpace(rest), "[]byte(")
	if !ok || !strings.HasSuffix(lit, ")") {
		return nil, fmt.Errorf("%s: not one []byte value", path)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return []byte(s), nil
}
