package cli

import (
	"context"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// KeyInfoCmd shows what a key reports about itself.
type KeyInfoCmd struct {
	KeyFlags
}

type keyInfoDoc struct {
	SchemaVersion int `json:"schemaVersion"`
	*fido.Info
	Model string `json:"model,omitempty"`
	// Virtual repeats the location's flag at the top so no reader misses a test key.
	TestKey bool `json:"testKey"`
	// PIN policy facts for preparing the key (the rest, minPinLength, forcePinChange and
	// pinRetries, are getInfo's own fields above).
	PINSet       bool               `json:"pinSet"`
	MaxPINLength int                `json:"maxPinLength"`
	Supports     fido.ConfigSupport `json:"supports"`
	// Serial and Firmware come from the vendor's identity command (YubiKey's
	// device-info record, the Nitrokey 3's UUID): null when the key does not tell.
	Serial       *string `json:"serial"`
	Firmware     *string `json:"firmware"`
	SerialSource string  `json:"serialSource,omitempty"`
}

// Run prints the key's info.
func (c *KeyInfoCmd) Run(a *app) error {
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	dev, err := c.open(ctx, a)
	if err != nil {
		return err
	}
	info, err := fido.ReadInfoWithRetries(ctx, dev)
	if err != nil {
		return err
	}
	id, err := fido.ReadIdentity(ctx, dev)
	if err != nil {
		return err
	}
	doc := keyInfoDoc{SchemaVersion: enroll.SchemaVersion, Info: info, Model: enroll.ModelName(info.AAGUID), TestKey: info.Virtual,
		PINSet: info.PINSet(), MaxPINLength: fido.MaxPINLength, Supports: info.Supports(), Serial: id.Serial, SerialSource: id.Source}
	if id.Firmware != "" {
		doc.Firmware = &id.Firmware
	}
	return a.writeJSON(doc)
}

// open selects the key the flags name, or the only one present.
func (f KeyFlags) open(ctx context.Context, a *app) (fido.Device, error) {
	if fido.IsVirtual(f.Device) {
		a.events.Warn("software_key", "using a software test key ("+f.Device+"): it is not a hardware key")
	}
	dev, err := fido.Select(ctx, a.Opener(), f.Device)
	if err != nil {
		return nil, err
	}
	a.events.Debugf("using key %s (%s %s)", dev.Location().Path, dev.Location().Manufacturer, dev.Location().Product)
	return a.keep(dev), nil
}
