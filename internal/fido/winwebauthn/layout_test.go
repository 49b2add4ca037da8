package winwebauthn

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// cStruct names a webauthn.h structure and its fields beside the Go mirror's, in
// order. Fields after mingw are newer than mingw-w64 10's webauthn.h (API version 3)
// and are checked only against the offsets pinned in TestLayoutAMD64.
type cStruct struct {
	c      string
	goType reflect.Type
	fields [][2]string // C name, Go name
	mingw  int         // how many of fields mingw-w64's header has; 0 for all
}

var layouts = []cStruct{
	{"WEBAUTHN_RP_ENTITY_INFORMATION", reflect.TypeFor[rpEntityInformation](),
		[][2]string{{"dwVersion", "Version"}, {"pwszId", "ID"}, {"pwszName", "Name"}, {"pwszIcon", "Icon"}}, 0},
	{"WEBAUTHN_USER_ENTITY_INFORMATION", reflect.TypeFor[userEntityInformation](),
		[][2]string{{"dwVersion", "Version"}, {"cbId", "IDLen"}, {"pbId", "ID"}, {"pwszName", "Name"}, {"pwszIcon", "Icon"}, {"pwszDisplayName", "DisplayName"}}, 0},
	{"WEBAUTHN_CLIENT_DATA", reflect.TypeFor[clientData](),
		[][2]string{{"dwVersion", "Version"}, {"cbClientDataJSON", "JSONLen"}, {"pbClientDataJSON", "JSON"}, {"pwszHashAlgId", "HashAlgID"}}, 0},
	{"WEBAUTHN_COSE_CREDENTIAL_PARAMETER", reflect.TypeFor[coseCredentialParameter](),
		[][2]string{{"dwVersion", "Version"}, {"pwszCredentialType", "CredentialType"}, {"lAlg", "Alg"}}, 0},
	{"WEBAUTHN_COSE_CREDENTIAL_PARAMETERS", reflect.TypeFor[coseCredentialParameters](),
		[][2]string{{"cCredentialParameters", "Count"}, {"pCredentialParameters", "Params"}}, 0},
	{"WEBAUTHN_CREDENTIAL", reflect.TypeFor[credential](),
		[][2]string{{"dwVersion", "Version"}, {"cbId", "IDLen"}, {"pbId", "ID"}, {"pwszCredentialType", "CredentialType"}}, 0},
	{"WEBAUTHN_CREDENTIALS", reflect.TypeFor[credentials](),
		[][2]string{{"cCredentials", "Count"}, {"pCredentials", "Credentials"}}, 0},
	{"WEBAUTHN_CREDENTIAL_EX", reflect.TypeFor[credentialEx](),
		[][2]string{{"dwVersion", "Version"}, {"cbId", "IDLen"}, {"pbId", "ID"}, {"pwszCredentialType", "CredentialType"}, {"dwTransports", "Transports"}}, 0},
	{"WEBAUTHN_CREDENTIAL_LIST", reflect.TypeFor[credentialList](),
		[][2]string{{"cCredentials", "Count"}, {"ppCredentials", "Credentials"}}, 0},
	{"WEBAUTHN_EXTENSION", reflect.TypeFor[extension](),
		[][2]string{{"pwszExtensionIdentifier", "ID"}, {"cbExtension", "Len"}, {"pvExtension", "Value"}}, 0},
	{"WEBAUTHN_EXTENSIONS", reflect.TypeFor[extensions](),
		[][2]string{{"cExtensions", "Count"}, {"pExtensions", "Extensions"}}, 0},
	{"WEBAUTHN_CRED_PROTECT_EXTENSION_IN", reflect.TypeFor[credProtectExtensionIn](),
		[][2]string{{"dwCredProtect", "CredProtect"}, {"bRequireCredProtect", "RequireCredProtect"}}, 0},
	{"GUID", reflect.TypeFor[guid](),
		[][2]string{{"Data1", "Data1"}, {"Data2", "Data2"}, {"Data3", "Data3"}, {"Data4", "Data4"}}, 0},
	{"WEBAUTHN_AUTHENTICATOR_MAKE_CREDENTIAL_OPTIONS", reflect.TypeFor[makeCredentialOptions](),
		[][2]string{{"dwVersion", "Version"}, {"dwTimeoutMilliseconds", "TimeoutMilliseconds"}, {"CredentialList", "CredentialList"},
			{"Extensions", "Extensions"}, {"dwAuthenticatorAttachment", "AuthenticatorAttachment"}, {"bRequireResidentKey", "RequireResidentKey"},
			{"dwUserVerificationRequirement", "UserVerificationRequirement"}, {"dwAttestationConveyancePreference", "AttestationConveyancePreference"},
			{"dwFlags", "Flags"}, {"pCancellationId", "CancellationID"}, {"pExcludeCredentialList", "ExcludeCredentialList"},
			{"dwEnterpriseAttestation", "EnterpriseAttestation"}, {"dwLargeBlobSupport", "LargeBlobSupport"}, {"bPreferResidentKey", "PreferResidentKey"},
			{"bBrowserInPrivateMode", "BrowserInPrivateMode"}, {"bEnablePrf", "EnablePRF"}, {"pLinkedDevice", "LinkedDevice"},
			{"cbJsonExt", "JSONExtLen"}, {"pbJsonExt", "JSONExt"}}, 14},
	{"WEBAUTHN_CREDENTIAL_ATTESTATION", reflect.TypeFor[credentialAttestation](),
		[][2]string{{"dwVersion", "Version"}, {"pwszFormatType", "FormatType"}, {"cbAuthenticatorData", "AuthenticatorDataLen"},
			{"pbAuthenticatorData", "AuthenticatorData"}, {"cbAttestation", "AttestationLen"}, {"pbAttestation", "Attestation"},
			{"dwAttestationDecodeType", "AttestationDecodeType"}, {"pvAttestationDecode", "AttestationDecode"},
			{"cbAttestationObject", "AttestationObjectLen"}, {"pbAttestationObject", "AttestationObject"},
			{"cbCredentialId", "CredentialIDLen"}, {"pbCredentialId", "CredentialID"}, {"Extensions", "Extensions"},
			{"dwUsedTransport", "UsedTransport"}, {"bEpAtt", "EpAtt"}, {"bLargeBlobSupported", "LargeBlobSupported"},
			{"bResidentKey", "ResidentKey"}, {"bPrfEnabled", "PRFEnabled"}, {"cbUnsignedExtensionOutputs", "UnsignedExtensionOutputsLen"},
			{"pbUnsignedExtensionOutputs", "UnsignedExtensionOutputs"}}, 17},
}

// TestLayoutAMD64 pins windows/amd64's layout of the two structures that grow with
// the API version, worked out from Microsoft's webauthn.h by C's rules (DWORD and BOOL
// 4 bytes, pointers 8, each field aligned to its size), including the fields newer
// than mingw-w64's header.
func TestLayoutAMD64(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("offsets pinned for amd64")
	}
	want := map[string]map[string]uintptr{
		"WEBAUTHN_AUTHENTICATOR_MAKE_CREDENTIAL_OPTIONS": {"CredentialList": 8, "Extensions": 24, "AuthenticatorAttachment": 40,
			"Flags": 56, "CancellationID": 64, "ExcludeCredentialList": 72, "EnterpriseAttestation": 80, "PreferResidentKey": 88,
			"BrowserInPrivateMode": 92, "EnablePRF": 96, "LinkedDevice": 104, "JSONExtLen": 112, "JSONExt": 120, "size": 128},
		"WEBAUTHN_CREDENTIAL_ATTESTATION": {"FormatType": 8, "AuthenticatorData": 24, "AttestationObjectLen": 64, "CredentialID": 88,
			"Extensions": 96, "UsedTransport": 112, "ResidentKey": 124, "PRFEnabled": 128, "UnsignedExtensionOutputsLen": 132,
			"UnsignedExtensionOutputs": 136, "size": 144},
		"WEBAUTHN_USER_ENTITY_INFORMATION": {"ID": 8, "DisplayName": 32, "size": 40},
		"WEBAUTHN_EXTENSION":               {"Len": 8, "Value": 16, "size": 24},
	}
	for _, s := range layouts {
		for name, off := range want[s.c] {
			got := s.goType.Size()
			if name != "size" {
				f, ok := s.goType.FieldByName(name)
				if !ok {
					t.Fatalf("%s has no field %s", s.goType, name)
				}
				got = f.Offset
			}
			if got != off {
				t.Errorf("%s.%s: %d, want %d", s.c, name, got, off)
			}
		}
	}
}

// TestLayoutMatchesMingw compiles, with mingw-w64's cross compiler, static assertions
// that every field the header has sits where the Go mirror puts it, and that every
// structure mingw has whole is as large. It runs where x86_64-w64-mingw32-gcc is
// installed (apt-get install gcc-mingw-w64-x86-64).
func TestLayoutMatchesMingw(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the Go offsets are amd64's only on amd64")
	}
	gcc, err := exec.LookPath("x86_64-w64-mingw32-gcc")
	if err != nil {
		t.Skip("x86_64-w64-mingw32-gcc not installed")
	}
	var src strings.Builder
	src.WriteString("#include <windows.h>\n#include <stddef.h>\n#include <webauthn.h>\n")
	n := 0
	for _, s := range layouts {
		fields := s.fields
		if s.mingw > 0 {
			fields = fields[:s.mingw]
		} else {
			fmt.Fprintf(&src, "_Static_assert(sizeof(%s) == %d, \"sizeof %s\");\n", s.c, s.goType.Size(), s.c)
			n++
		}
		for _, f := range fields {
			gf, ok := s.goType.FieldByName(f[1])
			if !ok {
				t.Fatalf("%s has no field %s", s.goType, f[1])
			}
			fmt.Fprintf(&src, "_Static_assert(offsetof(%s, %s) == %d, \"%s.%s\");\n", s.c, f[0], gf.Offset, s.c, f[0])
			fmt.Fprintf(&src, "_Static_assert(sizeof(((%s *)0)->%s) == %d, \"size of %s.%s\");\n", s.c, f[0], gf.Type.Size(), s.c, f[0])
			n += 2
		}
	}
	file := filepath.Join(t.TempDir(), "layout.c")
	if err := os.WriteFile(file, []byte(src.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(gcc, "-fsyntax-only", "-std=c11", file).CombinedOutput()
	if err != nil {
		t.Fatalf("mingw-w64's webauthn.h disagrees with the Go structs:\n%s", out)
	}
	t.Logf("%d assertions hold against mingw-w64's webauthn.h", n)
}

// TestLayoutReadUnderWine builds, with mingw-w64, a program that prints every size and
// offset mingw-w64's webauthn.h gives, runs it under Wine, and compares each with the
// Go mirror's. testdata/wine.sh runs it (ENTRA_PASSKEY_WINE_LAYOUT=1, in its prefix).
func TestLayoutReadUnderWine(t *testing.T) {
	if os.Getenv("ENTRA_PASSKEY_WINE_LAYOUT") == "" || runtime.GOARCH != "amd64" {
		t.Skip("run by testdata/wine.sh (ENTRA_PASSKEY_WINE_LAYOUT=1), which has Wine and mingw-w64")
	}
	var src strings.Builder
	src.WriteString("#include <windows.h>\n#include <stddef.h>\n#include <stdio.h>\n#include <webauthn.h>\nint main(void) {\n")
	want := map[string]uintptr{}
	for _, s := range layouts {
		fields := s.fields
		if s.mingw > 0 {
			fields = fields[:s.mingw]
		} else {
			fmt.Fprintf(&src, "\tprintf(\"%s %%u\\n\", (unsigned)sizeof(%s));\n", s.c, s.c)
			want[s.c] = s.goType.Size()
		}
		for _, f := range fields {
			gf, _ := s.goType.FieldByName(f[1])
			key := s.c + "." + f[0]
			fmt.Fprintf(&src, "\tprintf(\"%s %%u\\n\", (unsigned)offsetof(%s, %s));\n", key, s.c, f[0])
			want[key] = gf.Offset
		}
	}
	src.WriteString("\treturn 0;\n}\n")
	dir := t.TempDir()
	c, exe := filepath.Join(dir, "layout.c"), filepath.Join(dir, "layout.exe")
	if err := os.WriteFile(c, []byte(src.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("x86_64-w64-mingw32-gcc", "-std=c11", "-o", exe, c).CombinedOutput(); err != nil {
		t.Fatalf("building the layout program: %v\n%s", err, out)
	}
	out, err := exec.Command("wine64", exe).Output()
	if err != nil {
		t.Fatalf("running the layout program under Wine: %v", err)
	}
	got := map[string]uintptr{}
	for _, line := range strings.Split(strings.TrimSpace(strings.ReplaceAll(string(out), "\r", "")), "\n") {
		var name string
		var v uintptr
		if _, err := fmt.Sscanf(line, "%s %d", &name, &v); err != nil {
			t.Fatalf("the layout program printed %q", line)
		}
		got[name] = v
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || g != w {
			t.Errorf("%s: webauthn.h under Wine says %d (printed: %v), the Go mirror %d", name, g, ok, w)
		}
	}
	t.Logf("%d sizes and offsets read under Wine agree with the Go structs", len(want))
}
