//go:build cgo

package libfido2

import (
	"context"
	"fmt"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// BenchmarkIdentity is what the serial costs a registration: YubiKey's vendor command
// over a second opening of the key, beside libfido2's handle.
func BenchmarkIdentity(b *testing.B) {
	ctx := context.Background()
	d := newKey(b, []int{2}, func(s *virtual.State) { s.YubiKey = &virtual.YubiKeyIdentity{Serial: 23456789, Firmware: "5.7.1"} })
	defer d.Close()
	if _, err := d.Info(ctx); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if id, err := fido.ReadIdentity(ctx, d); err != nil || id.Serial == nil {
			b.Fatalf("%+v, %v", id, err)
		}
	}
}

// BenchmarkCredentials is what listing a key's credentials costs (a PIN token with the
// cm permission, the metadata, one enumeration), by how many the key holds: register's
// verification pays it once per registration.
func BenchmarkCredentials(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1, 10, 25} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			d := newKey(b, []int{2}, func(s *virtual.State) { _ = s.SetPIN(testPIN.Reveal()) }) // room for 25
			defer d.Close()
			for i := range n {
				if _, err := d.MakeCredential(ctx, request(fmt.Sprintf("user%02d@contoso.example", i))); err != nil {
					b.Fatal(err)
				}
			}
			cm, _ := fido.ManageCredentials(d)
			for b.Loop() {
				if list, err := cm.Credentials(ctx, "login.microsoft.com", testPIN); err != nil || len(list.Credentials) != n {
					b.Fatalf("%v, %v", list, err)
				}
			}
		})
	}
}
