//go:build windows

package pinout

import "io/fs"

// sharedDir: Windows permission bits say nothing about other users; the ACL checks
// come with the Windows backend, as in safefile.
func sharedDir(fs.FileInfo) string { return "" }
