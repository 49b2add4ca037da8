package virtual

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// AAGUID of every virtual key, fixed so a model table can name it.
var AAGUID = fido.VirtualAAGUID

// Names and USB ids a virtual key reports. The ids are not assigned to anyone.
const (
	Manufacturer = "entra-passkey"
	Product      = "virtual key (TEST ONLY, not a hardware key)"
	VendorID     = 0xF1D0
	ProductID    = 0x0001
)

// ErrBusy means another program holds the key.
var ErrBusy = errors.New("the virtual key is in use by another program")

// Defaults of a fresh key (CTAP 2.1 §6.5.2: 8 PIN retries, minimum PIN length 4).
const (
	maxPINRetries       = 8
	defaultMinPINLength = 4
	defaultMaxRK        = 25
	maxPINBytes         = 63
	// resetWindow is how long after power-up a reset is allowed, as on real keys.
	resetWindow = 10 * time.Second
)

// State is everything a virtual key remembers, stored as JSON in its state file (mode
// 0600: it holds private keys). Binary fields are base64 in the file.
type State struct {
	AAGUID []byte `json:"aaguid"`
	// Attestation: a per-key CA and the leaf that signs packed attestations (DER and PKCS #8).
	CACert  []byte `json:"caCert"`
	CAKey   []byte `json:"caKey"`
	AttCert []byte `json:"attCert"`
	AttKey  []byte `json:"attKey"`

	Credentials []Credential `json:"credentials"`

	// PINHash is LEFT(SHA-256(PIN), 16) (CTAP 2.1 §6.5.5.5), nil when no PIN is set.
	PINHash []byte `json:"pinHash,omitempty"`
	// PINCodePoints is the PIN's length in Unicode code points.
	PINCodePoints     int      `json:"pinCodePoints,omitempty"`
	PINRetries        int      `json:"pinRetries"`
	MinPINLength      int      `json:"minPinLength"`
	MinPINLengthRPIDs []string `json:"minPinLengthRpIds,omitempty"`
	ForcePINChange    bool     `json:"forcePinChange"`
	AlwaysUV          bool     `json:"alwaysUv"`
	// MaxDiscoverable is how many discoverable credentials fit.
	MaxDiscoverable int `json:"maxDiscoverable"`
	// PINProtocols lists the PIN/UV protocols offered, preferred first.
	PINProtocols []int  `json:"pinProtocols"`
	Faults       Faults `json:"faults"`
	// YubiKey makes the key answer YubiKey's device-info vendor command (vendor.go);
	// nil makes it refuse vendor commands (ERR_INVALID_CMD), as other vendors' keys do.
	// State files from before it existed have none.
	YubiKey *YubiKeyIdentity `json:"yubikey,omitempty"`
	// Boot is what a real key forgets when unplugged; it survives between programs, as
	// a plugged-in key stays powered, and Replug clears it.
	Boot BootState `json:"boot"`
}

// BootState is the key's state since it was last plugged in.
type BootState struct {
	// PoweredAt starts the reset window.
	PoweredAt time.Time `json:"poweredAt"`
	// PINFailures counts consecutive wrong PINs: three block PIN use until a replug.
	PINFailures int `json:"pinFailures,omitempty"`
}

// Credential is one credential the key made.
type Credential struct {
	ID              []byte    `json:"id"`
	RPID            string    `json:"rpId"`
	RPName          string    `json:"rpName,omitempty"`
	UserID          []byte    `json:"userId"`
	UserName        string    `json:"userName,omitempty"`
	UserDisplayName string    `json:"userDisplayName,omitempty"`
	PrivateKey      []byte    `json:"privateKey"`
	Alg             int       `json:"alg"`
	CredProtect     int       `json:"credProtect,omitempty"`
	CredRandom      []byte    `json:"credRandom,omitempty"`
	Discoverable    bool      `json:"discoverable"`
	SignCount       uint32    `json:"signCount"`
	Created         time.Time `json:"created"`
}

// Faults make the key misbehave the way real ones and real users do.
type Faults struct {
	// TouchDelay is how long the user takes to touch; the key sends keepalives meanwhile.
	TouchDelay time.Duration `json:"touchDelay,omitempty"`
	// Deny makes the user refuse (CTAP2_ERR_OPERATION_DENIED) after TouchDelay.
	Deny bool `json:"deny,omitempty"`
	// NoTouch makes the user never touch: CTAP2_ERR_USER_ACTION_TIMEOUT after TouchTimeout.
	NoTouch bool `json:"noTouch,omitempty"`
	// TouchTimeout is how long the key waits for a touch (default 30s).
	TouchTimeout time.Duration `json:"touchTimeout,omitempty"`
	// Full leaves no room for discoverable credentials.
	Full bool `json:"full,omitempty"`
	// U2FOnly leaves CAPABILITY_CBOR out of the CTAPHID INIT answer, as a U2F-only key
	// does: hosts then take it for one and send it no CTAP2 command.
	U2FOnly bool `json:"u2fOnly,omitempty"`
}

// PINSet reports whether the key has a PIN.
func (s *State) PINSet() bool { return len(s.PINHash) > 0 }

// SetPIN sets the PIN directly, as a key's factory or a test would; real clients use
// clientPIN. It checks the key's policy like setPIN does.
func (s *State) SetPIN(pin string) error {
	if code := s.checkNewPIN([]byte(pin)); code != 0 {
		return fmt.Errorf("the PIN breaks the key's policy (minimum %d code points, at most %d bytes)", s.MinPINLength, maxPINBytes)
	}
	s.storePIN([]byte(pin))
	return nil
}

func (s *State) discoverableCount() int {
	n := 0
	for _, c := range s.Credentials {
		if c.Discoverable {
			n++
		}
	}
	return n
}

func (s *State) remainingDiscoverable() int {
	if s.Faults.Full {
		return 0
	}
	return max(0, s.MaxDiscoverable-s.discoverableCount())
}

func newState(rnd randSource, now time.Time) (*State, error) {
	s := &State{
		AAGUID: AAGUID[:], PINRetries: maxPINRetries, MinPINLength: defaultMinPINLength,
		MaxDiscoverable: defaultMaxRK, PINProtocols: []int{2, 1}, Credentials: []Credential{},
		Boot: BootState{PoweredAt: now.UTC()}, YubiKey: &YubiKeyIdentity{Firmware: DefaultFirmware},
	}
	if err := s.makeAttestationCerts(rnd, now); err != nil {
		return nil, err
	}
	return s, nil
}

// maxStateBytes bounds a state file: a key full of credentials is tens of KB.
const maxStateBytes = 8 << 20

func readStateFile(path string) (*State, error) {
	data, err := safefile.ReadFile(path, "file_refused", maxStateBytes, true) // it holds private keys
	if err != nil {
		return nil, err
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("the virtual key's state file %s is corrupt: %w", path, err)
	}
	if len(s.AttKey) == 0 || len(s.AttCert) == 0 {
		return nil, fmt.Errorf("the virtual key's state file %s has no attestation key", path)
	}
	return &s, nil
}

// save writes the state atomically (temp file, fsync, rename) with mode 0600, so a
// crash never leaves a half-written key behind.
func (s *State) save(path string) error {
	data, err := s.encode()
	if err != nil {
		return err
	}
	return writeState(path, data)
}

func (s *State) encode() ([]byte, error) { return json.MarshalIndent(s, "", "  ") }

func writeState(path string, data []byte) error {
	if err := safefile.WriteAtomic(path, data, 0o600); err != nil {
		return fmt.Errorf("saving the virtual key: %w", err)
	}
	return nil
}

// loadOrCreate reads the key at path, creating a fresh one when the file is missing.
func loadOrCreate(path string, rnd randSource, now time.Time) (*State, error) {
	s, err := readStateFile(path)
	if err == nil {
		return s, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if s, err = newState(rnd, now); err != nil {
		return nil, err
	}
	if err := s.save(path); err != nil {
		return nil, err
	}
	return s, nil
}

// Configure loads the key at statePath (creating it if missing), lets f change it, and
// saves it, holding the key's lock throughout.
func Configure(statePath string, f func(*State) error) error {
	unlock, err := lockKey(statePath)
	if err != nil {
		return err
	}
	defer unlock()
	s, err := loadOrCreate(statePath, defaultRand, time.Now())
	if err != nil {
		return err
	}
	if err := f(s); err != nil {
		return err
	}
	return s.save(statePath)
}

// Replug simulates unplugging the key and plugging it in again: the consecutive PIN
// failures are forgotten and the reset window opens.
func Replug(statePath string) error {
	return Configure(statePath, func(s *State) error {
		s.Boot = BootState{PoweredAt: time.Now().UTC()}
		return nil
	})
}

// ReadState returns the key's state without opening it.
func ReadState(statePath string) (*State, error) {
	return readStateFile(statePath)
}
