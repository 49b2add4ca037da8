package bulk_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// stopAfter kills the station right after the task is saved in state.
type stopAfter struct {
	bulk.Store
	state   bulk.State
	cancel  context.CancelFunc
	stopped bool
}

func (s *stopAfter) Save(ctx context.Context, t *bulk.Task, ev *bulk.Event) error {
	if s.stopped {
		return errDead
	}
	err := s.Store.Save(ctx, t, ev)
	if t.State == s.state {
		s.stopped = true
		s.cancel()
	}
	return err
}

// A key holding the task's credential under another user handle than Entra gave (what
// a handle encoding bug did to 1 user in 256): the silent probe finds the credential,
// but verification lists the key's credentials with the task's PIN and fails with
// verify_failed instead of calling the task done.
func TestVerificationCatchesAWrongUserHandle(t *testing.T) {
	r := newRig(t, 1, nil)
	r.plan(profile)
	ctx := context.Background()
	dctx, cancel := context.WithCancel(ctx)
	run := r.runner("A", &stopAfter{Store: r.store, state: bulk.Registered, cancel: cancel})
	task, err := run.Next(dctx)
	if err != nil || task == nil {
		t.Fatalf("no task: %v", err)
	}
	path, dev := r.key("key-1")
	if err := run.Work(dctx, task, dev); err == nil {
		t.Fatal("the station did not stop after the registration")
	}
	cancel()
	fidoClose(dev)

	// The key's record of the credential gets another user handle.
	if err := virtual.Configure(path, func(st *virtual.State) error {
		if len(st.Credentials) != 1 {
			t.Fatalf("the key holds %d credentials, want the task's", len(st.Credentials))
		}
		st.Credentials[0].UserID = append([]byte("x"), st.Credentials[0].UserID[1:]...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	again := r.runner("A", r.store)
	resumed, err := again.Next(ctx)
	if err != nil || resumed == nil || resumed.State != bulk.Registered {
		t.Fatalf("resumed %+v (%v), want the task in %s", resumed, err, bulk.Registered)
	}
	dev = r.openKey(path)
	defer fidoClose(dev)
	err = again.Work(ctx, resumed, dev)
	var coded interface{ ErrorCode() string }
	if !errors.As(err, &coded) || coded.ErrorCode() != "verify_failed" || !strings.Contains(err.Error(), "another user handle") {
		t.Fatalf("verification of a credential under a wrong user handle: %v, want verify_failed", err)
	}
}
