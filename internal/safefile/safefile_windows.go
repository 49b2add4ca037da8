//go:build windows

package safefile

import (
	"io/fs"
	"os"
)

// Windows has no O_NOFOLLOW or Unix owner; the ACL checks come with the Windows
// backend. Until then a symlink is refused by Lstat before the open.
const (
	noFollow = 0
	nonBlock = 0
)

func isSymlinkErr(string, error) bool { return false }

func isNoReaderErr(error) bool { return false }

func checkOwned(f *os.File, path, code string) (fs.FileMode, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if !st.Mode().IsRegular() {
		return 0, &Error{Code: code, Path: path, Reason: "it is not a regular file", Hint: "give a regular file"}
	}
	if lst, err := os.Lstat(path); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
		return 0, &Error{Code: code, Path: path, Reason: "it is a symbolic link", Hint: "name the file itself, not a link to it"}
	}
	return st.Mode().Perm(), nil
}

// othersBits: Windows permission bits say nothing about other users (files read as
// 0666 or 0444), so no warning or refusal is based on them; the ACL checks come with
// the Windows backend.
func othersBits(mode fs.FileMode) fs.FileMode { return mode &^ 0o077 }

// refuseLink refuses a symlink at path's last element before it is opened: Windows
// has no O_NOFOLLOW.
func refuseLink(path, code string) error {
	if st, err := os.Lstat(path); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return &Error{Code: code, Path: path, Reason: "it is a symbolic link", Hint: "name the file itself, not a link to it"}
	}
	return nil
}
