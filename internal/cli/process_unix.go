//go:build unix

package cli

import (
	"errors"
	"syscall"
)

// processAlive reports whether pid names a running process (EPERM: it runs as
// someone else, but it runs).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
