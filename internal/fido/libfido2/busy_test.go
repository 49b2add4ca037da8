//go:build cgo

package libfido2

import (
	"context"
	"encoding/binary"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// These tests hold a software key busy the way another program does with a USB key: a
// ceremony waits for a touch on one libfido2 handle while a second handle opens the same
// key (ports.JoinOpen) and gets CTAPHID ERR_CHANNEL_BUSY to the getInfo that libfido2's
// fido_dev_open sends.

// busyKey is a software key with a makeCredential running on it that waits for a touch
// until stop cancels it.
type busyKey struct {
	path  string
	watch *virtual.Conn // reads every packet the key sends, as another reader of a HID device does
	cid   uint32        // the ceremony's channel
	stop  func() error  // cancels the ceremony and returns its error
}

func holdBusy(t *testing.T) *busyKey {
	t.Helper()
	ports.JoinOpen.Store(true)
	t.Cleanup(func() { ports.JoinOpen.Store(false) })
	state := filepath.Join(t.TempDir(), "key.json")
	if err := virtual.Configure(state, func(s *virtual.State) error {
		s.Faults.NoTouch = true
		s.Faults.TouchTimeout = 20 * time.Second
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	k := &busyKey{path: VirtualPrefix + state}
	first, err := NewOpener().Open(context.Background(), k.path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		r := request("first@contoso.example")
		r.PIN, r.UserVerification, r.ResidentKey = "", false, false
		_, err := first.MakeCredential(ctx, r)
		done <- err
	}()
	k.stop = sync.OnceValue(func() error { cancel(); return <-done })
	t.Cleanup(func() { _ = k.stop() })

	// Join the key once the ceremony has it open, and wait for its keepalives: the key is
	// then running the command.
	deadline := time.Now().Add(5 * time.Second)
	for k.watch == nil {
		if time.Now().After(deadline) {
			t.Fatal("the ceremony never opened the key")
		}
		if k.watch = ports.Join(state); k.watch == nil {
			time.Sleep(time.Millisecond)
		}
	}
	t.Cleanup(func() { _ = k.watch.Close() })
	for {
		p, err := k.watch.Read(5 * time.Second)
		if err != nil {
			t.Fatalf("waiting for the ceremony's keepalive: %v", err)
		}
		if p[4] == 0xbb { // KEEPALIVE
			k.cid = binary.BigEndian.Uint32(p)
			return k
		}
	}
}

func wantBusy(t *testing.T, what string, err error, took time.Duration) {
	t.Helper()
	if !errors.Is(err, fido.ErrDeviceBusy) {
		t.Errorf("%s on a busy key: got %v, want device_busy", what, err)
		return
	}
	var fe *fido.Error
	if !errors.As(err, &fe) || fe.ErrorCode() != "device_busy" || errors.Is(err, fido.ErrNotFIDO2) {
		t.Errorf("%s: %#v, want code device_busy", what, err)
	}
	if fe != nil && fe.ErrorHint() == "" {
		t.Errorf("%s: device_busy without a hint", what)
	}
	if took < busyRetryPause {
		t.Errorf("%s: device_busy after %v, before the retry's pause of %v", what, took, busyRetryPause)
	}
}

// Every way of opening the key (our getInfo, go-libfido2's commands, our own config
// commands) reports a key that another program keeps busy as device_busy, after one retry,
// not as a U2F-only key.
func TestBusyKeyIsDeviceBusy(t *testing.T) {
	k := holdBusy(t)
	d, err := NewOpener().Open(context.Background(), k.path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, op := range []struct {
		name string
		run  func() error
	}{
		{"Info", func() error { _, err := d.(*device).Info(ctx); return err }},
		{"MakeCredential", func() error { _, err := d.MakeCredential(ctx, request("second@contoso.example")); return err }},
		{"Holds", func() error {
			_, err := d.(*device).Holds(ctx, "login.microsoft.com", [][]byte{[]byte("id")})
			return err
		}},
		{"SetPIN", func() error { return d.(*device).SetPIN(ctx, testPIN) }},
	} {
		start := time.Now()
		err := op.run()
		wantBusy(t, op.name, err, time.Since(start))
	}

	// ctx ends the pause before the retry.
	tctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := d.(*device).Info(tctx); !errors.Is(err, fido.ErrTimeout) {
		t.Errorf("Info with a 100ms timeout on a busy key: got %v, want timeout", err)
	}

	if err := k.stop(); !errors.Is(err, fido.ErrCancelled) {
		t.Errorf("the ceremony that held the key: %v, want cancelled", err)
	}
	_ = k.watch.Close() // the key is free: nothing holds it now
	if _, err := d.(*device).Info(ctx); err != nil {
		t.Errorf("Info once the other ceremony ended: %v", err)
	}
}

// A key that is busy when first opened but free by the retry is opened on the retry.
func TestKeyBusyAtFirstIsOpenedOnRetry(t *testing.T) {
	k := holdBusy(t)
	// End the ceremony as soon as the key has answered ERR_CHANNEL_BUSY to another channel.
	sawBusy := make(chan bool, 1)
	go func() {
		for {
			p, err := k.watch.Read(5 * time.Second)
			if err != nil {
				sawBusy <- false
				return
			}
			if binary.BigEndian.Uint32(p) != k.cid && p[4] == 0xbf && p[7] == 0x06 { // ERROR, ERR_CHANNEL_BUSY
				_ = k.stop()
				_ = k.watch.Close() // the key is free: nothing holds it now
				sawBusy <- true
				return
			}
		}
	}()
	d, err := NewOpener().Open(context.Background(), k.path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := d.(*device).Info(context.Background())
	if !<-sawBusy {
		t.Fatal("the key never answered ERR_CHANNEL_BUSY: nothing was tested")
	}
	if err != nil {
		t.Fatalf("Info, busy at the first open and free at the retry: %v", err)
	}
	if len(info.Versions) == 0 || info.AAGUID == "" {
		t.Errorf("implausible info after the retry: %+v", info)
	}
}

// A key whose CTAPHID INIT answer says it does not speak CTAP2 is U2F only: not_fido2,
// at once.
func TestU2FOnlyKeyIsNotFIDO2(t *testing.T) {
	state := filepath.Join(t.TempDir(), "key.json")
	if err := virtual.Configure(state, func(s *virtual.State) error { s.Faults.U2FOnly = true; return nil }); err != nil {
		t.Fatal(err)
	}
	d, err := NewOpener().Open(context.Background(), VirtualPrefix+state)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = d.(*device).Info(context.Background())
	if !errors.Is(err, fido.ErrNotFIDO2) {
		t.Fatalf("Info on a U2F-only key: got %v, want not_fido2", err)
	}
	if took := time.Since(start); took >= busyRetryPause {
		t.Errorf("not_fido2 took %v: a U2F-only key was retried as a busy one", took)
	}
}

// A software key that another program holds (its lock, not the wire) is device_busy once
// the open has waited for the lock, with no second wait.
func TestLockedSoftwareKeyIsDeviceBusyWithoutRetry(t *testing.T) {
	state := filepath.Join(t.TempDir(), "key.json")
	holder, err := virtual.Open(state)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	d, err := NewOpener().Open(context.Background(), VirtualPrefix+state)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = d.(*device).Info(context.Background())
	if !errors.Is(err, fido.ErrDeviceBusy) || !errors.Is(err, virtual.ErrBusy) {
		t.Fatalf("Info on a locked software key: got %v, want device_busy", err)
	}
	if took := time.Since(start); took > 8*time.Second {
		t.Errorf("device_busy after %v: the lock was waited for twice", took)
	}
}
