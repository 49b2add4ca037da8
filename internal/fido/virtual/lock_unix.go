//go:build unix

package virtual

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockKey takes the key's exclusive lock, as a USB key can serve one program at a time.
func lockKey(statePath string) (unlock func(), err error) {
	// O_NOFOLLOW: a link planted as the lock file must not make us create its target.
	f, err := os.OpenFile(statePath+".lock", os.O_CREATE|os.O_RDWR|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, fmt.Errorf("locking the virtual key: %w", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, ErrBusy
		}
		time.Sleep(20 * time.Millisecond)
	}
}
