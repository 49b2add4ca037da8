package libfido2

import "strings"

// VirtualPrefix starts the path of a software test key: "virtual:<state-file>".
const VirtualPrefix = "virtual:"

// IsVirtual reports whether path names a software test key.
func IsVirtual(path string) bool { return strings.HasPrefix(path, VirtualPrefix) }
