package virtual

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido/ctaphid"
)

// openConfigured opens a key that configure set up first.
func openConfigured(t *testing.T, configure func(*State)) *Conn {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key.json")
	if err := Configure(path, func(s *State) error { configure(s); return nil }); err != nil {
		t.Fatal(err)
	}
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// connTransport lets the ctaphid client talk to a Conn.
type connTransport struct{ c *Conn }

func (t connTransport) WritePacket(p []byte) error { return t.c.Write(p) }
func (t connTransport) ReadPacket(d time.Duration) ([]byte, error) {
	p, err := t.c.Read(d)
	if err == ErrTimeout {
		return nil, ctaphid.ErrTimeout
	}
	return p, err
}

func TestYubiKeyDeviceInfo(t *testing.T) {
	for _, tt := range []struct {
		name       string
		id         *YubiKeyIdentity
		wantSerial uint32
		wantVer    [3]byte
		wantErr    error
	}{
		{"serial and firmware", &YubiKeyIdentity{Serial: 23456789, Firmware: "5.7.1"}, 23456789, [3]byte{5, 7, 1}, nil},
		{"serial hidden", &YubiKeyIdentity{Firmware: "5.4.3"}, 0, [3]byte{5, 4, 3}, nil},
		{"no vendor commands", nil, 0, [3]byte{1, 0, 0}, ctaphid.ErrInvalidCommand},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := openConfigured(t, func(s *State) { s.YubiKey = tt.id })
			d, err := ctaphid.Init(connTransport{c}, time.Second)
			if err != nil {
				t.Fatal(err)
			}
			// A YubiKey reports its firmware in INIT's device version too.
			if d.Version != tt.wantVer {
				t.Errorf("INIT device version %v, want %v", d.Version, tt.wantVer)
			}
			info, err := ctaphid.ReadYubiKeyInfo(d, time.Second)
			if err != tt.wantErr {
				t.Fatalf("ReadYubiKeyInfo: %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if info.Serial != tt.wantSerial || !info.HasVersion || info.Version != tt.wantVer {
				t.Errorf("got serial %d version %v (%v), want %d %v", info.Serial, info.Version, info.HasVersion, tt.wantSerial, tt.wantVer)
			}
		})
	}
}

// Page 0 is the record; a later page is empty; a request of two bytes is refused.
func TestReadConfigPages(t *testing.T) {
	c := openConfigured(t, func(s *State) { s.YubiKey = &YubiKeyIdentity{Serial: 1, Firmware: "5.4.3"} })
	cid := initChannel(t, c)
	cmd, rec := exchange(t, c, cid, hidYubiKeyReadConfig, nil) // ykman before 5.4 sent no page
	if cmd != hidYubiKeyReadConfig || len(rec) < 2 || int(rec[0]) != len(rec)-1 {
		t.Fatalf("page 0: %#x %x", cmd, rec)
	}
	if cmd, rec := exchange(t, c, cid, hidYubiKeyReadConfig, []byte{1}); cmd != hidYubiKeyReadConfig || len(rec) != 1 || rec[0] != 0 {
		t.Errorf("page 1: %#x %x, want an empty record", cmd, rec)
	}
	if cmd, data := exchange(t, c, cid, hidYubiKeyReadConfig, []byte{0, 0}); cmd != hidError || data[0] != hidErrInvalidLen {
		t.Errorf("two-byte request: %#x %x, want ERR_INVALID_LEN", cmd, data)
	}
}

func TestNewKeyAnswersWithoutSerial(t *testing.T) {
	c, _ := openTest(t)
	if y := c.State().YubiKey; y == nil || y.Serial != 0 || y.Firmware != DefaultFirmware {
		t.Errorf("new key's identity %+v, want firmware %s and no serial", y, DefaultFirmware)
	}
}

func TestParseFirmware(t *testing.T) {
	if v, err := ParseFirmware("5.4.3"); err != nil || v != [3]byte{5, 4, 3} {
		t.Errorf("5.4.3: %v %v", v, err)
	}
	for _, bad := range []string{"", "5.4", "5.4.3.1", "5.256.0", "a.b.c", "5.-1.0"} {
		if _, err := ParseFirmware(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
