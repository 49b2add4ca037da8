//go:build cgo

package libfido2

/*
#include <fido.h>
*/
import "C"

import (
	"context"
	"sync"
	"time"
)

// handle is a device's one libfido2 handle, opened by its first command and kept until
// Close: one CTAPHID INIT and one getInfo (fido_dev_open's) however many commands the
// caller sends, as libfido2's own tools do. A failed open leaves it closed, so the next
// command opens again; losing contact with the key closes it.
type handle struct {
	path string

	mu  sync.Mutex // guards the fields below; never held while a command runs
	dev *C.fido_dev_t
	// running counts the commands on dev; closing, set by Close while one runs (a key
	// that ignored CTAPHID_CANCEL past cancelGrace), makes the last one close dev, which
	// must outlive every command on it.
	running int
	closing bool
	lost    bool // a command lost contact with the key: close it when the last ends
}

// acquire opens the key if it is not open and counts a command on it.
func (h *handle) acquire(ctx context.Context) (*C.fido_dev_t, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closing {
		return nil, errClosed
	}
	if h.dev == nil {
		dev, err := openDev(ctx, h.path)
		if err != nil {
			return nil, err
		}
		h.dev = dev
	}
	h.running++
	return h.dev, nil
}

// release ends a command that returned r; a lost key (libfido2's TX or RX error) is
// closed, so the next command opens it afresh.
func (h *handle) release(r C.int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.running--
	if r == C.FIDO_ERR_TX || r == C.FIDO_ERR_RX {
		h.lost = true
	}
	if h.running == 0 && (h.closing || h.lost) && h.dev != nil {
		closeDev(h.dev)
		h.dev, h.lost = nil, false
	}
}

// cancel sends CTAPHID_CANCEL to the key if it is open: a key waiting for a touch then
// gives up. It is safe while another goroutine runs a command on it.
func (h *handle) cancel() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.dev != nil {
		C.fido_dev_cancel(h.dev)
	}
}

// close closes the key, at once or when its last command ends.
func (h *handle) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closing = true
	if h.running == 0 && h.dev != nil {
		closeDev(h.dev)
		h.dev = nil
	}
}

// cancelGrace is how long a cancelled command may take to stop on the key before we
// give up on it; libfido2 holds the key until then.
const cancelGrace = 2 * time.Second

// noTimeout is libfido2's "wait for ever": commands that wait for a touch end with ctx.
const noTimeout = -1 * time.Millisecond

// run sends one command, op, to the key with libfido2's timeout set to timeout, and
// cancels it on the key when ctx ends (Ctrl-C or --timeout). op returns libfido2's
// result code; run maps it to a fido.Error saying what the key was doing.
func (h *handle) run(ctx context.Context, doing string, timeout time.Duration, op func(dev *C.fido_dev_t) C.int) error {
	if ctx.Err() != nil {
		return contextError(ctx)
	}
	dev, err := h.acquire(ctx)
	if err != nil {
		return err
	}
	if r := C.fido_dev_set_timeout(dev, C.int(timeout.Milliseconds())); r != C.FIDO_OK {
		h.release(r)
		return codeError(int(r), "setting the timeout")
	}
	done := make(chan C.int, 1)
	go func() {
		r := op(dev)
		h.release(r)
		done <- r
	}()
	select {
	case r := <-done:
		return resultError(ctx, r, doing)
	case <-ctx.Done():
	}
	// Keep cancelling until op returns: a CANCEL sent between two of its exchanges is lost.
	deadline := time.After(cancelGrace)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		h.cancel()
		select {
		case <-done:
			return contextError(ctx)
		case <-deadline:
			return contextError(ctx)
		case <-tick.C:
		}
	}
}
