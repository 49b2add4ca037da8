//go:build windows

package safefile

import (
	"io/fs"
	"os"
)

// Windows has no O_NOFOLLOW, and its owner and ACL are not in the mode bits: a
// symlink is refused by Lstat before the open, and who may open a file is read from
// its DACL (acl_windows.go).
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
	if err := checkACL(f, path, code); err != nil {
		return 0, err
	}
	return st.Mode().Perm(), nil
}

// othersBits: Windows permission bits say nothing about other users (files read as
// 0666 or 0444), so no warning or refusal is based on them; checkACL refuses a file
// others can read or write instead.
func othersBits(mode fs.FileMode) fs.FileMode { return mode &^ 0o077 }

// refuseLink refuses a symlink at path's last element before it is opened: Windows
// has no O_NOFOLLOW.
func refuseLink(path, code string) error {
	if st, err := os.Lstat(path); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return &Error{Code: code, Path: path, Reason: "it is a symbolic link", Hint: "name the file itself, not a link to it"}
	}
	return nil
}
