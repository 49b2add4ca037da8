//go:build !windows

package safefile

import (
	"io/fs"
	"os"
)

// openAppendFile opens (creating) a file for OpenAppend, 0600 when new.
func openAppendFile(path string, flag int) (*os.File, error) { return os.OpenFile(path, flag, 0o600) }

// createTemp is WriteTemp's temporary file; WriteTemp sets its mode.
func createTemp(dir, pattern string, _ fs.FileMode) (*os.File, error) {
	return os.CreateTemp(dir, pattern)
}

// checkSecret has nothing to add to the mode bits readSecretFile judges.
func checkSecret(*os.File, string, string) error { return nil }

// createExclusive creates a new file only the user can read and write.
func createExclusive(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o600)
}
