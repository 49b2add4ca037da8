package emulator

import (
	"net"
	"testing"
)

func TestURLHost(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 443}, "127.0.0.1:443"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8443}, "127.0.0.1:8443"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 8443}, "127.0.0.1:8443"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 1}, "[::1]:1"},
	}
	for _, tc := range tests {
		if got := urlHost(tc.addr); got != tc.want {
			t.Errorf("urlHost(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}
