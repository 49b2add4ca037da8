//go:build unix

package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

const (
	noFollow = syscall.O_NOFOLLOW
	// nonBlock keeps opening a FIFO from waiting for a writer; OpenRead then refuses it.
	nonBlock = syscall.O_NONBLOCK
)

// isSymlinkErr reports whether opening path failed because it is a symlink (ELOOP
// with O_NOFOLLOW).
func isSymlinkErr(path string, err error) bool {
	if !errors.Is(err, syscall.ELOOP) {
		return false
	}
	st, lerr := os.Lstat(path)
	return lerr == nil && st.Mode()&fs.ModeSymlink != 0
}

// checkOwned refuses a file that is not regular, that another user owns, or that
// others can write; it returns the permission bits.
func checkOwned(f *os.File, path, code string) (fs.FileMode, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if !st.Mode().IsRegular() {
		return 0, &Error{Code: code, Path: path, Reason: "it is not a regular file", Hint: "give a regular file (not a device, FIFO or directory)"}
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != os.Geteuid() {
		return 0, &Error{Code: code, Path: path, Reason: fmt.Sprintf("it belongs to another user (uid %d)", sys.Uid),
			Hint: "use a file of your own"}
	}
	if st.Mode().Perm()&0o022 != 0 {
		return 0, &Error{Code: code, Path: path, Reason: fmt.Sprintf("other users can write it (mode %04o)", st.Mode().Perm()),
			Hint: "chmod go-w it (or chmod 600), or use a new file"}
	}
	return st.Mode().Perm(), nil
}

// isNoReaderErr is opening a FIFO for writing, non-blocking, with no reader.
func isNoReaderErr(err error) bool { return errors.Is(err, syscall.ENXIO) }

// othersBits is mode as far as it says what others may do.
func othersBits(mode fs.FileMode) fs.FileMode { return mode }

// refuseLink is done by O_NOFOLLOW on Unix.
func refuseLink(string, string) error { return nil }
