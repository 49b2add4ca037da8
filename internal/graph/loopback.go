package graph

import (
	"net"
	"net/url"
)

// IsLoopbackHost reports whether host is a loopback IP address (127.0.0.0/8, ::1). It is
// the one test behind every loopback exception (plain http to a test Graph, software
// keys, the emulator's ready file), and it looks at the address only: a name such as
// 127.evil.example or localhost is decided by a resolver we do not control.
func IsLoopbackHost(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopbackURL reports whether raw is a URL whose host is a loopback IP address.
func IsLoopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Host != "" && IsLoopbackHost(u.Hostname())
}
