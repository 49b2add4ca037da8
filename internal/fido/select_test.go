package fido

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// opener is a stand-in enumeration; the real one is exercised in internal/fido/libfido2.
type opener struct{ paths []string }

func (o opener) Locations(context.Context) ([]Location, error) {
	var out []Location
	for _, p := range o.paths {
		out = append(out, Location{Path: p})
	}
	return out, nil
}

type device struct{ loc Location }

func (d device) Location() Location                                  { return d.loc }
func (device) Info(context.Context) (*Info, error)                   { return &Info{}, nil }
func (device) Close() error                                          { return nil }
func (device) Holds(context.Context, string, [][]byte) (bool, error) { return false, nil }
func (device) MakeCredential(context.Context, *CredentialRequest) (*Attestation, error) {
	return nil, nil
}

func (o opener) Open(_ context.Context, path string) (Device, error) {
	return device{loc: Location{Path: path}}, nil
}

func TestSelect(t *testing.T) {
	tests := []struct {
		name    string
		present []string
		flag    string
		want    string
		wantErr error
	}{
		{"none", nil, "", "", ErrNoDevice},
		{"the only one", []string{"/dev/hidraw3"}, "", "/dev/hidraw3", nil},
		{"several, none chosen", []string{"/dev/hidraw3", "/dev/hidraw5"}, "", "", ErrMultipleDevices},
		{"several, one chosen", []string{"/dev/hidraw3", "/dev/hidraw5"}, "/dev/hidraw5", "/dev/hidraw5", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Select(context.Background(), opener{tt.present}, tt.flag)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err %v, want %v", err, tt.wantErr)
			}
			if err == nil && d.Location().Path != tt.want {
				t.Errorf("selected %s, want %s", d.Location().Path, tt.want)
			}
			var fe *Error
			if errors.As(err, &fe) && fe.ErrorHint() == "" {
				t.Errorf("%s has no hint", fe.Code)
			}
		})
	}
}

func TestPINNeverPrints(t *testing.T) {
	p := PIN("48151623")
	for _, s := range []string{
		p.String(), p.GoString(),
		fmt.Sprintf("%v %s %q %#v %x %d", p, p, p, p, p, p),
	} {
		if strings.Contains(s, "4815") || strings.Contains(s, "3438") {
			t.Errorf("PIN visible in %q", s)
		}
	}
	if p.Reveal() != "48151623" {
		t.Error("Reveal lost the PIN")
	}
}

// backend is opener as a Backend.
type backend struct{ opener }

func (backend) Name() string                                 { return "test" }
func (backend) Available() bool                              { return true }
func (backend) Handles(string) bool                          { return true }
func (backend) Open(context.Context, string) (Device, error) { return device{}, nil }

// A Mux told why keys may be invisible (Windows without elevation) says so instead of
// no_device; with a key present it lists it as usual.
func TestWhenNoKeys(t *testing.T) {
	why := New("elevation_required", "no key is visible without elevation", nil)
	_, err := Select(context.Background(), NewMux(backend{}).WhenNoKeys(why), "")
	var fe *Error
	if !errors.As(err, &fe) || fe.Code != "elevation_required" {
		t.Fatalf("no key, not elevated: %v", err)
	}
	if _, err := Select(context.Background(), NewMux(backend{opener{paths: []string{"/dev/hidraw0"}}}).WhenNoKeys(why), ""); err != nil {
		t.Fatalf("a key present: %v", err)
	}
	if _, err := Select(context.Background(), NewMux(backend{}), ""); !errors.Is(err, ErrNoDevice) {
		t.Fatalf("no key, no reason: %v", err)
	}
}
