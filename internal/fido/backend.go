package fido

import (
	"context"
	"strings"
)

// VirtualPrefix starts the path of a software test key: "virtual:<state-file>".
const VirtualPrefix = "virtual:"

// VirtualAAGUID is every software test key's AAGUID, so a credential it made is known
// by its attestation whatever the document around it says.
var VirtualAAGUID = [16]byte{0x7e, 0x3f, 0x1c, 0x2a, 0x9b, 0x4d, 0x4e, 0x8f, 0xa1, 0xc3, 0x5d, 0x6e, 0x7f, 0x80, 0x91, 0x02}

// IsVirtual reports whether path names a software test key.
func IsVirtual(path string) bool { return strings.HasPrefix(path, VirtualPrefix) }

// Backend is one way of reaching keys: libfido2 (raw CTAP over HID) today, Windows'
// webauthn.dll later. What a backend cannot do is an optional interface its devices
// lack (Preparer), never a fake.
type Backend interface {
	Opener
	// Name names the backend for `version` and `devices`.
	Name() string
	// Available reports whether this build and this machine can use it.
	Available() bool
	// Handles reports whether the backend opens path.
	Handles(path string) bool
}

// VirtualLister is a backend that can list a software key among the keys present.
type VirtualLister interface {
	ListVirtual(statePath string)
}

// BackendInfo describes a backend for people.
type BackendInfo struct {
	Name      string `json:"name"`
	Available bool   `json:"available"`
}

// Mux routes each path to the first available backend that handles it, and lists the
// keys every available backend sees. Commands hold a Mux (as an Opener), never a
// backend package.
type Mux struct {
	backends []Backend
	noKeys   error
}

// WhenNoKeys makes Locations fail with err, instead of listing nothing, when no
// backend sees a key (a reason the keys cannot be seen, such as Windows without
// elevation).
func (m *Mux) WhenNoKeys(err error) *Mux {
	m.noKeys = err
	return m
}

// NewMux returns a Mux over backends, in order of preference.
func NewMux(backends ...Backend) *Mux { return &Mux{backends: backends} }

// Backends describes the backends, in order of preference.
func (m *Mux) Backends() []BackendInfo {
	out := make([]BackendInfo, 0, len(m.backends))
	for _, b := range m.backends {
		out = append(out, BackendInfo{Name: b.Name(), Available: b.Available()})
	}
	return out
}

// Locations lists the keys the available backends see.
func (m *Mux) Locations(ctx context.Context) ([]Location, error) {
	var all []Location
	any := false
	for _, b := range m.backends {
		if !b.Available() {
			continue
		}
		any = true
		locs, err := b.Locations(ctx)
		if err != nil {
			return nil, err
		}
		all = append(all, locs...)
	}
	if !any {
		return nil, m.unavailable()
	}
	if len(all) == 0 && m.noKeys != nil {
		return nil, m.noKeys
	}
	return all, nil
}

// Unavailability is a backend that can say why it cannot be used here.
type Unavailability interface {
	Unavailable() error
}

// unavailable says why no backend can serve: the first one's own reason when it has
// one (webauthn.dll off Windows), else ErrUnsupported (a build without cgo).
func (m *Mux) unavailable() error {
	if len(m.backends) > 0 {
		if u, ok := m.backends[0].(Unavailability); ok {
			if err := u.Unavailable(); err != nil {
				return err
			}
		}
	}
	return ErrUnsupported
}

// Open opens path with the first available backend that handles it.
func (m *Mux) Open(ctx context.Context, path string) (Device, error) {
	for _, b := range m.backends {
		if b.Available() && b.Handles(path) {
			return b.Open(ctx, path)
		}
	}
	return nil, m.unavailable()
}

// ListVirtual lists a software key with every backend that can.
func (m *Mux) ListVirtual(statePath string) {
	for _, b := range m.backends {
		if l, ok := b.(VirtualLister); ok {
			l.ListVirtual(statePath)
		}
	}
}
