//go:build cgo

package libfido2

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// A key holding three users' discoverable credentials for login.microsoft.com, listed
// and deleted through libfido2's credential management (its preview command 0x41).
func TestCredentialManagement(t *testing.T) {
	ctx := context.Background()
	d := newKey(t, []int{2, 1}, func(s *virtual.State) { _ = s.SetPIN(testPIN.Reveal()) })
	defer d.Close()
	users := []string{"adele@contoso.example", "bianca@contoso.example", "carlos@contoso.example"}
	var ids [][]byte
	for i, u := range users {
		req := request(u)
		req.CredProtect = i + 1
		att, err := d.MakeCredential(ctx, req)
		if err != nil {
			t.Fatalf("MakeCredential %s: %v", u, err)
		}
		ids = append(ids, att.CredentialID)
	}
	cm, err := fido.ManageCredentials(d)
	if err != nil {
		t.Fatal(err)
	}
	list, err := cm.Credentials(ctx, "login.microsoft.com", testPIN)
	if err != nil {
		t.Fatalf("Credentials: %v", err)
	}
	if len(list.Credentials) != 3 || list.Remaining == nil || *list.Remaining != 25-3 || list.RPID != "login.microsoft.com" {
		t.Fatalf("listed %d, remaining %v", len(list.Credentials), list.Remaining)
	}
	for i, c := range list.Credentials {
		if !bytes.Equal(c.CredentialID, ids[i]) || string(c.UserID) != "handle-"+users[i] || c.UserName != users[i] ||
			c.UserDisplayName != users[i] || c.CredProtect != i+1 || c.RPID != "login.microsoft.com" {
			t.Errorf("credential %d: %+v", i, c)
		}
	}
	other, err := cm.Credentials(ctx, "other.example", testPIN)
	if err != nil || other.Credentials == nil || len(other.Credentials) != 0 {
		t.Errorf("an RP without credentials: %+v, %v; want an empty list", other, err)
	}

	if err := cm.DeleteCredential(ctx, ids[1], testPIN); err != nil {
		t.Fatalf("DeleteCredential: %v", err)
	}
	list, err = cm.Credentials(ctx, "login.microsoft.com", testPIN)
	if err != nil || len(list.Credentials) != 2 || !bytes.Equal(list.Credentials[1].CredentialID, ids[2]) || *list.Remaining != 25-2 {
		t.Fatalf("after delete: %+v, %v", list, err)
	}
	// getInfo's remainingDiscoverableCredentials agrees.
	info, err := d.Info(ctx)
	if err != nil || info.RemainingDiscoverableCredentials == nil || *info.RemainingDiscoverableCredentials != 25-2 {
		t.Errorf("getInfo remaining %v, %v", info.RemainingDiscoverableCredentials, err)
	}
	err = cm.DeleteCredential(ctx, ids[1], testPIN)
	if !errors.Is(err, fido.ErrCredentialNotOnKey) {
		t.Fatalf("deleting it again: %v, want credential_not_on_key", err)
	}
	var fe *fido.Error
	if errors.As(err, &fe); fe.ErrorHint() == "" {
		t.Error("credential_not_on_key has no hint")
	}
}

func TestCredentialManagementRefusals(t *testing.T) {
	ctx := context.Background()
	withPIN := func(s *virtual.State) { _ = s.SetPIN(testPIN.Reveal()) }
	for _, tt := range []struct {
		name      string
		configure func(*virtual.State)
		pin       fido.PIN
		want      *fido.Error
		retries   int
	}{
		{"wrong PIN", withPIN, "00000000", fido.ErrPINInvalid, 7},
		{"no PIN given", withPIN, "", fido.ErrPINRequired, -1},
		{"key without a PIN", nil, testPIN, fido.ErrPINNotSet, -1},
		{"PIN blocked", func(s *virtual.State) { withPIN(s); s.PINRetries = 0 }, testPIN, fido.ErrPINBlocked, -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newKey(t, []int{2}, tt.configure)
			defer d.Close()
			_, err := d.Credentials(ctx, "login.microsoft.com", tt.pin)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Credentials: %v, want %s", err, tt.want.Code)
			}
			var fe *fido.Error
			if errors.As(err, &fe); fe.Retries != tt.retries {
				t.Errorf("retries %d, want %d", fe.Retries, tt.retries)
			}
			if err := d.DeleteCredential(ctx, []byte("some credential"), tt.pin); !errors.Is(err, tt.want) {
				t.Errorf("DeleteCredential: %v, want %s", err, tt.want.Code)
			}
		})
	}
}
