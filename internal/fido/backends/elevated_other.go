//go:build !windows

package backends

// elevated matters on Windows only.
func elevated() bool { return false }
