//go:build unix

package pinout

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// sharedDir says why others could change a directory's entries: it is writable by
// group or others, or belongs to another user (root aside), "" when neither.
func sharedDir(st fs.FileInfo) string {
	if st.Mode().Perm()&0o022 != 0 {
		return fmt.Sprintf("other users can write it (mode %04o)", st.Mode().Perm())
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != os.Geteuid() && sys.Uid != 0 {
		return fmt.Sprintf("it belongs to another user (uid %d)", sys.Uid)
	}
	return ""
}
