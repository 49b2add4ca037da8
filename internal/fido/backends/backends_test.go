package backends

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
)

func TestSelect(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the choice on Windows depends on elevation and webauthn.dll")
	}
	m, c, err := Select("auto")
	want := "libfido2"
	if !libfido2.Available {
		want = "none"
	}
	if err != nil || c.Backend != want || c.Reason == "" || len(m.Backends()) != 2 {
		t.Fatalf("auto = %+v, %v (%v)", c, err, m.Backends())
	}
	m, c, err = Select("webauthn")
	if err != nil || c.Backend != "webauthn" {
		t.Fatalf("webauthn = %+v, %v", c, err)
	}
	_, err = m.Locations(context.Background())
	var fe *fido.Error
	if !errors.As(err, &fe) || fe.Code != "unsupported_by_backend" {
		t.Errorf("webauthn.dll off Windows: %v, want unsupported_by_backend", err)
	}
	if _, _, err := Select("bogus"); err == nil {
		t.Error("an unknown backend was accepted")
	}
	if m, c, _ := Select("libfido2"); c.Backend != "libfido2" || len(m.Backends()) != 1 {
		t.Errorf("libfido2 = %+v", c)
	}
}
