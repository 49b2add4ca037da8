//go:build cgo

package libfido2

import (
	"context"
	"os"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// The identity command goes over a second connection beside libfido2's handle, which
// keeps working: libfido2 skips the packets of the other channel.
func TestIdentityByVendorCommand(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name         string
		id           *virtual.YubiKeyIdentity
		wantSerial   string // "" for null
		wantFirmware string
	}{
		{"serial and firmware", &virtual.YubiKeyIdentity{Serial: 23456789, Firmware: "5.7.1"}, "23456789", "5.7.1"},
		{"serial hidden", &virtual.YubiKeyIdentity{Firmware: "5.4.3"}, "", "5.4.3"},
		{"refuses vendor commands", nil, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newKey(t, []int{2}, func(s *virtual.State) { _ = s.SetPIN(testPIN.Reveal()); s.YubiKey = tt.id })
			defer d.Close()
			if _, err := d.Info(ctx); err != nil { // libfido2's handle opened first
				t.Fatal(err)
			}
			id, err := fido.ReadIdentity(ctx, d)
			if err != nil {
				t.Fatalf("ReadIdentity: %v", err)
			}
			gotSerial := ""
			if id.Serial != nil {
				gotSerial = *id.Serial
			}
			if gotSerial != tt.wantSerial || id.Firmware != tt.wantFirmware {
				t.Errorf("serial %q firmware %q, want %q %q", gotSerial, id.Firmware, tt.wantSerial, tt.wantFirmware)
			}
			if wantSource := map[bool]string{true: "yubikey", false: ""}[tt.wantSerial != ""]; id.Source != wantSource {
				t.Errorf("source %q, want %q", id.Source, wantSource)
			}
			if _, err := d.MakeCredential(ctx, request("after-identity")); err != nil {
				t.Errorf("MakeCredential after Identity: %v", err)
			}
		})
	}
}

// Identity as the key's first command opens it itself.
func TestIdentityOpensTheKey(t *testing.T) {
	d := newKey(t, []int{2}, func(s *virtual.State) { s.YubiKey = &virtual.YubiKeyIdentity{Serial: 7, Firmware: "5.2.7"} })
	defer d.Close()
	id, err := d.Identity(context.Background())
	if err != nil || id.Serial == nil || *id.Serial != "7" || id.Firmware != "5.2.7" {
		t.Fatalf("Identity: %+v, %v", id, err)
	}
}

func TestVendorOf(t *testing.T) {
	for _, tt := range []struct {
		loc  fido.Location
		want string
	}{
		{fido.Location{Path: "/dev/hidraw0", VendorID: 0x1050, ProductID: 0x0407}, "yubikey"},
		{fido.Location{Path: "/dev/hidraw1", VendorID: 0x20a0, ProductID: 0x42b2}, "nitrokey"},
		{fido.Location{Path: "/dev/hidraw2", VendorID: 0x20a0, ProductID: 0x42b4}, ""}, // another Nitrokey
		{fido.Location{Path: "/dev/hidraw3", VendorID: 0x096e, ProductID: 0x0858}, ""}, // Feitian
		{fido.Location{Path: VirtualPrefix + "/tmp/k.json"}, "yubikey"},
	} {
		if got := vendorOf(tt.loc); got != tt.want {
			t.Errorf("%04x:%04x: %q, want %q", tt.loc.VendorID, tt.loc.ProductID, got, tt.want)
		}
	}
}

// TestHardwareIdentity asks the first real key which one it is, only when asked: the
// vendor command reads and writes nothing on the key.
func TestHardwareIdentity(t *testing.T) {
	if os.Getenv("ENTRA_PASSKEY_TEST_HARDWARE") != "1" {
		t.Skip("set ENTRA_PASSKEY_TEST_HARDWARE=1 to read a plugged-in security key")
	}
	dev, err := fido.Select(context.Background(), NewOpener(), os.Getenv("ENTRA_PASSKEY_DEVICE"))
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Close()
	id, err := fido.ReadIdentity(context.Background(), dev)
	if err != nil {
		t.Fatal(err)
	}
	serial := "null"
	if id.Serial != nil {
		serial = *id.Serial
	}
	t.Logf("%s: serial %s (%s), firmware %q", dev.Location().Path, serial, id.Source, id.Firmware)
}
