//go:build windows

package safefile

import (
	"io/fs"
	"os"
)

// openAppendFile opens (creating) a file for OpenAppend: a new one gets the user-only
// DACL from CreateFile, as 0600 does on Unix.
func openAppendFile(path string, flag int) (*os.File, error) { return createPrivate(path, flag) }

// createTemp is WriteTemp's os.CreateTemp: a file meant to be private (no permission
// bit for group or others) gets the user-only DACL at creation, before any secret is
// written to it; any other keeps the folder's inherited ACL.
func createTemp(dir, pattern string, mode fs.FileMode) (*os.File, error) {
	if mode&0o077 != 0 {
		return os.CreateTemp(dir, pattern)
	}
	return createTempPrivate(dir, pattern)
}

// checkSecret refuses, for ReadContext, a regular file whose ACL lets others read or
// write it; Unix judges the mode bits instead.
func checkSecret(f *os.File, path, code string) error { return checkACL(f, path, code) }

// createExclusive creates a new file with the user-only DACL.
func createExclusive(path string) (*os.File, error) {
	return createPrivate(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
}
