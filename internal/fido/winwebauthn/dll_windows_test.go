//go:build windows

package winwebauthn

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// TestSystemDLL loads the real webauthn.dll, where there is one, and calls what needs
// no key: the API version, an error name, a cancellation id and the window.
func TestSystemDLL(t *testing.T) {
	d := systemDLL()
	if err := d.load(); err != nil {
		t.Skipf("no usable webauthn.dll: %v", err)
	}
	t.Logf("API version %d, InvalidStateError is %q, window %#x", d.apiVersion(), d.errorName(nteExists), d.window())
	if _, ok := d.cancellationID(); !ok {
		t.Log("no cancellation id")
	}
}

// TestSystemMakeCredential asks the real webauthn.dll for a credential and cancels
// the dialog after three seconds: a clear code, never a crash. Opt in with
// ENTRA_PASSKEY_WEBAUTHN_DLL_TEST=1 (a real Windows shows the dialog).
func TestSystemMakeCredential(t *testing.T) {
	if os.Getenv("ENTRA_PASSKEY_WEBAUTHN_DLL_TEST") != "1" {
		t.Skip("set ENTRA_PASSKEY_WEBAUTHN_DLL_TEST=1 to open Windows' dialog")
	}
	b := New()
	if !b.Available() {
		t.Skip("webauthn.dll not available")
	}
	dev, err := b.Open(context.Background(), Path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err = dev.MakeCredential(ctx, request())
	var fe *fido.Error
	if !errors.As(err, &fe) {
		t.Fatalf("got %v, want a fido.Error", err)
	}
	t.Logf("%s: %v (%v)", fe.Code, fe, fe.Err)
}

// TestFakeSystemDLL drives the real system calls against testdata/fakewebauthn.c
// installed as system32's webauthn.dll (wine.sh does it): the request crosses the ABI
// as webauthn.h lays it out, the result is read back by its version and freed, and a
// cancelled context reaches WebAuthNCancelCurrentOperation.
func TestFakeSystemDLL(t *testing.T) {
	if os.Getenv("ENTRA_PASSKEY_FAKE_WEBAUTHN_DLL") != "1" {
		t.Skip("set ENTRA_PASSKEY_FAKE_WEBAUTHN_DLL=1 with testdata/fakewebauthn.c installed as webauthn.dll")
	}
	b := New()
	if !b.Available() {
		t.Fatal("the fake webauthn.dll is not available")
	}
	if v := b.dll.apiVersion(); v != 4 {
		t.Fatalf("API version %d, want the fake's 4", v)
	}
	att := attestationFor(t, credentialSpec{rpID: rpID, flags: 0x05, credID: credID, alg: -7, format: "packed", version: 4})
	// Not t.TempDir: Wine 8.0 fails Go's RemoveAll ("Invalid function").
	f, err := os.CreateTemp("", "attestation-*.cbor")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Remove(f.Name()) }()
	if _, err := f.Write(goBytes(att.AttestationObject, att.AttestationObjectLen)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FAKE_WEBAUTHN_ATTESTATION", f.Name())
	dev, err := b.Open(context.Background(), Path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := dev.(*Device).MakeCredentialResult(context.Background(), request())
	if err != nil {
		t.Fatalf("makeCredential through the fake DLL: %v", err)
	}
	if res.Transport != "nfc" || res.ResidentKey == nil || !*res.ResidentKey || res.Attestation.Format != "packed" ||
		!bytes.Equal(res.Attestation.CredentialID, credID) {
		t.Errorf("result %+v %+v", res, res.Attestation)
	}

	t.Setenv("FAKE_WEBAUTHN_BLOCK", "1")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = dev.MakeCredential(ctx, request())
	var fe *fido.Error
	if !errors.As(err, &fe) || fe.Code != "timeout" {
		t.Fatalf("cancelled dialog: got %v, want timeout", err)
	}
}
