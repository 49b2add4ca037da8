//go:build cgo

package libfido2

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

func TestSetPINOnAKeyWithOneIsPINAlreadySet(t *testing.T) {
	ctx := context.Background()
	d := newKey(t, []int{2}, nil)
	if err := d.SetPIN(ctx, testPIN); err != nil {
		t.Fatalf("SetPIN: %v", err)
	}
	err := d.SetPIN(ctx, "59173826")
	if !errors.Is(err, fido.ErrPINAlreadySet) {
		t.Fatalf("second SetPIN: got %v, want pin_already_set", err)
	}
	var fe *fido.Error
	if errors.As(err, &fe) && fe.ErrorHint() == "" {
		t.Error("pin_already_set has no hint")
	}
}

func TestReset(t *testing.T) {
	ctx := context.Background()
	d := newKey(t, []int{2}, func(s *virtual.State) { _ = s.SetPIN(string(testPIN)); s.MinPINLength = 8 })
	if err := d.Reset(ctx); err != nil {
		t.Fatalf("Reset within the window: %v", err)
	}
	info, err := d.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.PINSet() || info.MinPINLength != 4 {
		t.Errorf("after reset: pin set %v, minPinLength %d", info.PINSet(), info.MinPINLength)
	}
}

func TestResetOutsideTheWindow(t *testing.T) {
	d := newKey(t, []int{2}, func(s *virtual.State) { s.Boot.PoweredAt = time.Now().Add(-time.Minute) })
	err := d.Reset(context.Background())
	if !errors.Is(err, fido.ErrResetNotAllowed) {
		t.Fatalf("got %v, want reset_not_allowed", err)
	}
	var fe *fido.Error
	if !errors.As(err, &fe) || fe.ErrorHint() != "unplug and replug the key, then run reset within 10 seconds and touch it" {
		t.Errorf("hint %q", fe.ErrorHint())
	}
}

func TestResetWaitsForTheTouchAndCancels(t *testing.T) {
	d := newKey(t, []int{2}, func(s *virtual.State) { s.Faults.TouchDelay = 20 * time.Second })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := d.Reset(ctx); !errors.Is(err, fido.ErrTimeout) {
		t.Fatalf("got %v, want timeout", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Errorf("the reset was not cancelled on the key (%v)", time.Since(start))
	}
}
