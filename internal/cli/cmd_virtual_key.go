package cli

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// VirtualKeyCmd manages software test keys.
type VirtualKeyCmd struct {
	Create      VirtualKeyCreateCmd      `cmd:"" help:"Create a software test key in a state file (mode 0600: it holds private keys)."`
	Show        VirtualKeyShowCmd        `cmd:"" help:"Show a software test key's state (no private keys)."`
	Set         VirtualKeySetCmd         `cmd:"" help:"Inject faults into a software test key (slow or denied touch, full, PIN retries)."`
	ExportRoots VirtualKeyExportRootsCmd `cmd:"" name:"export-roots" help:"Write the key's test attestation root (PEM), for verify --roots or the Graph emulator."`
	Replug      VirtualKeyReplugCmd      `cmd:"" help:"Unplug and replug the key: clears the consecutive wrong-PIN block and opens the reset window."`
}

// VirtualKeyReplugCmd simulates a replug.
type VirtualKeyReplugCmd struct {
	File string `arg:"" type:"existingfile" help:"State file."`
}

// Run replugs the key and prints its state.
func (c *VirtualKeyReplugCmd) Run(a *app) error {
	if err := virtual.Replug(c.File); err != nil {
		return err
	}
	s, err := virtual.ReadState(c.File)
	if err != nil {
		return err
	}
	return a.writeJSON(describeVirtual(c.File, s))
}

// VirtualKeyCreateCmd creates a key.
type VirtualKeyCreateCmd struct {
	PINFlags
	File         string `arg:"" type:"path" help:"State file to create."`
	Force        bool   `help:"Replace an existing key (its credentials are lost)."`
	PINProtocols []int  `name:"pin-protocols" default:"2,1" help:"PIN/UV protocols the key offers, preferred first."`
	MinPINLength int    `name:"min-pin-length" default:"4" help:"The key's minimum PIN length."`
	VirtualIdentityFlags
}

// VirtualIdentityFlags set what the key answers to YubiKey's device-info vendor command.
// A new key answers it with firmware 5.4.3 and no serial, as a YubiKey that hides its
// serial does.
type VirtualIdentityFlags struct {
	Serial       *uint32 `help:"Serial number the key reports through YubiKey's device-info vendor command (1 to 4294967295)."`
	Firmware     string  `placeholder:"5.4.3" help:"Firmware version the key reports (major.minor.patch; default 5.4.3)."`
	NoVendorInfo bool    `name:"no-vendor-info" help:"The key refuses vendor commands (ERR_INVALID_CMD), as keys of other vendors do: serial null."`
}

// apply sets the key's identity; nothing given leaves it as it is.
func (f *VirtualIdentityFlags) apply(s *virtual.State) error {
	if f.NoVendorInfo {
		if f.Serial != nil || f.Firmware != "" {
			return &usageError{msg: "--no-vendor-info leaves no serial or firmware to report", hint: "give either --no-vendor-info or --serial/--firmware"}
		}
		s.YubiKey = nil
		return nil
	}
	if f.Serial == nil && f.Firmware == "" {
		return nil
	}
	if s.YubiKey == nil {
		s.YubiKey = &virtual.YubiKeyIdentity{Firmware: virtual.DefaultFirmware}
	}
	if f.Serial != nil {
		if *f.Serial == 0 {
			return &usageError{msg: "--serial 0 is no serial", hint: "give 1 to 4294967295, or leave --serial out for a key that hides its serial"}
		}
		s.YubiKey.Serial = *f.Serial
	}
	if f.Firmware != "" {
		if _, err := virtual.ParseFirmware(f.Firmware); err != nil {
			return &usageError{msg: err.Error(), hint: "give it as major.minor.patch, e.g. --firmware 5.4.3"}
		}
		s.YubiKey.Firmware = f.Firmware
	}
	return nil
}

type virtualKeyDoc struct {
	SchemaVersion  int            `json:"schemaVersion"`
	Path           string         `json:"path"`
	TestKey        bool           `json:"testKey"`
	AAGUID         string         `json:"aaguid"`
	PINSet         bool           `json:"pinSet"`
	PINRetries     int            `json:"pinRetries"`
	MinPINLength   int            `json:"minPinLength"`
	ForcePINChange bool           `json:"forcePinChange"`
	AlwaysUV       bool           `json:"alwaysUv"`
	PINProtocols   []int          `json:"pinProtocols"`
	Faults         virtual.Faults `json:"faults"`
	// YubiKey is what the key answers to YubiKey's device-info command, null when it
	// refuses vendor commands.
	YubiKey     *virtualIdentity    `json:"yubikey"`
	Credentials []virtualCredential `json:"credentials"`
}

type virtualIdentity struct {
	Serial   *uint32 `json:"serial"`
	Firmware string  `json:"firmware"`
}

type virtualCredential struct {
	ID           webauthn.URLBytes `json:"id"`
	RPID         string            `json:"rpId"`
	UserName     string            `json:"userName"`
	Discoverable bool              `json:"discoverable"`
	CredProtect  int               `json:"credProtect,omitempty"`
	SignCount    uint32            `json:"signCount"`
	Created      time.Time         `json:"created"`
}

func describeVirtual(path string, s *virtual.State) virtualKeyDoc {
	doc := virtualKeyDoc{
		SchemaVersion: enroll.SchemaVersion, Path: fido.VirtualPrefix + path, TestKey: true,
		AAGUID: webauthn.AAGUIDString([16]byte(s.AAGUID)), PINSet: s.PINSet(), PINRetries: s.PINRetries,
		MinPINLength: s.MinPINLength, ForcePINChange: s.ForcePINChange, AlwaysUV: s.AlwaysUV,
		PINProtocols: s.PINProtocols, Faults: s.Faults, Credentials: []virtualCredential{},
	}
	if y := s.YubiKey; y != nil {
		doc.YubiKey = &virtualIdentity{Firmware: y.Firmware}
		if y.Serial != 0 {
			doc.YubiKey.Serial = &y.Serial
		}
	}
	for _, c := range s.Credentials {
		doc.Credentials = append(doc.Credentials, virtualCredential{ID: c.ID, RPID: c.RPID, UserName: c.UserName,
			Discoverable: c.Discoverable, CredProtect: c.CredProtect, SignCount: c.SignCount, Created: c.Created})
	}
	return doc
}

// Run creates the key.
func (c *VirtualKeyCreateCmd) Run(a *app) error {
	if _, err := os.Stat(c.File); err == nil && !c.Force {
		return &usageError{msg: fmt.Sprintf("%s exists", c.File), hint: "give --force to replace the key, or choose another file"}
	}
	for _, p := range c.PINProtocols {
		if p != 1 && p != 2 {
			return &usageError{msg: fmt.Sprintf("PIN protocol %d does not exist (1 or 2)", p)}
		}
	}
	// Checked on a scratch state before the file is made: a refused flag leaves nothing.
	if err := c.apply(&virtual.State{}); err != nil {
		return err
	}
	var pin string
	if c.PinFile != "" || c.PinEnv != "" {
		p, err := c.pinSource(a, nil)(a.ctx, nil)
		if err != nil {
			return err
		}
		pin = p.Reveal()
	}
	_ = os.Remove(c.File)
	var doc virtualKeyDoc
	err := virtual.Configure(c.File, func(s *virtual.State) error {
		s.PINProtocols, s.MinPINLength = c.PINProtocols, c.MinPINLength
		if err := c.apply(s); err != nil {
			return err
		}
		if pin != "" {
			if err := s.SetPIN(pin); err != nil {
				return &usageError{msg: err.Error()}
			}
		}
		doc = describeVirtual(c.File, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("creating the software key: %w", err)
	}
	return a.writeJSON(doc)
}

// VirtualKeyShowCmd shows a key.
type VirtualKeyShowCmd struct {
	File string `arg:"" type:"existingfile" help:"State file."`
}

// Run prints the key's state.
func (c *VirtualKeyShowCmd) Run(a *app) error {
	s, err := virtual.ReadState(c.File)
	if err != nil {
		return err
	}
	return a.writeJSON(describeVirtual(c.File, s))
}

// VirtualKeySetCmd changes faults.
type VirtualKeySetCmd struct {
	File         string         `arg:"" type:"existingfile" help:"State file."`
	TouchDelay   *time.Duration `name:"touch-delay" help:"Time the user takes to touch the key (keepalives meanwhile)."`
	TouchTimeout *time.Duration `name:"touch-timeout" help:"How long the key waits for a touch that never comes."`
	Deny         *bool          `help:"The user declines on the key."`
	NoTouch      *bool          `name:"no-touch" help:"The user never touches the key."`
	Full         *bool          `help:"No room for discoverable credentials."`
	PINRetries   *int           `name:"pin-retries" help:"Set the PIN retry counter (0 blocks the PIN)."`
	VirtualIdentityFlags
}

// Run applies the changes and prints the key's state.
func (c *VirtualKeySetCmd) Run(a *app) error {
	var doc virtualKeyDoc
	err := virtual.Configure(c.File, func(s *virtual.State) error {
		f := &s.Faults
		setIf(&f.TouchDelay, c.TouchDelay)
		setIf(&f.TouchTimeout, c.TouchTimeout)
		setIf(&f.Deny, c.Deny)
		setIf(&f.NoTouch, c.NoTouch)
		setIf(&f.Full, c.Full)
		if c.PINRetries != nil {
			if *c.PINRetries < 0 || *c.PINRetries > 8 {
				return &usageError{msg: "--pin-retries must be 0 to 8"}
			}
			s.PINRetries = *c.PINRetries
		}
		if err := c.apply(s); err != nil {
			return err
		}
		doc = describeVirtual(c.File, s)
		return nil
	})
	if err != nil {
		return err
	}
	return a.writeJSON(doc)
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// VirtualKeyExportRootsCmd writes the key's attestation root.
type VirtualKeyExportRootsCmd struct {
	File  string `arg:"" type:"existingfile" help:"State file."`
	Out   string `required:"" type:"path" placeholder:"PEM" help:"Where to write the root certificate (PEM); an existing file is kept unless --force."`
	Force bool   `help:"Replace an existing --out file."`
}

type exportRootsDoc struct {
	SchemaVersion int    `json:"schemaVersion"`
	Out           string `json:"out"`
	Subject       string `json:"subject"`
}

// Run writes the PEM file atomically.
func (c *VirtualKeyExportRootsCmd) Run(a *app) error {
	s, err := virtual.ReadState(c.File)
	if err != nil {
		return err
	}
	cert, err := x509.ParseCertificate(s.CACert)
	if err != nil {
		return errors.New("the key's attestation root does not parse")
	}
	write := writeFileExclusive
	if c.Force {
		write = writeFileAtomic
	}
	if err := write(c.Out, s.AttestationRootPEM(), 0o644); err != nil {
		return err
	}
	return a.writeJSON(exportRootsDoc{SchemaVersion: enroll.SchemaVersion, Out: c.Out, Subject: cert.Subject.String()})
}

// writeFileExclusive writes a new file whole, never replacing one that exists.
func writeFileExclusive(path string, data []byte, mode os.FileMode) error {
	if err := safefile.WriteNew(path, data, mode); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &codedError{code: "file_exists", msg: fmt.Sprintf("%s exists", path), hint: "choose another file, or give --force to replace it"}
		}
		return &codedError{code: "output_failed", msg: fmt.Sprintf("writing %s: %v", path, unwrapPathError(err))}
	}
	return nil
}

// writeFileAtomic writes a file so that readers see the old or the new content, never
// half of it.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	if err := safefile.WriteAtomic(path, data, mode); err != nil {
		return &codedError{code: "output_failed", msg: fmt.Sprintf("writing %s: %v", path, unwrapPathError(err))}
	}
	return nil
}
