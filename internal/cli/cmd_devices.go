package cli

import (
	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// DevicesCmd lists the keys present.
type DevicesCmd struct {
	Device string `short:"d" env:"ENTRA_PASSKEY_DEVICE" placeholder:"PATH" help:"Also list this software test key (virtual:<state-file>)."`
	Info   bool   `help:"Ask each key for its AAGUID and model too (opens every key)."`
}

type deviceEntry struct {
	fido.Location
	AAGUID string    `json:"aaguid,omitempty"`
	Model  string    `json:"model,omitempty"`
	Error  *rendered `json:"error,omitempty"`
}

type devicesDoc struct {
	SchemaVersion int           `json:"schemaVersion"`
	Devices       []deviceEntry `json:"devices"`
	// Backend is the key backend in use first, and why.
	Backend       string `json:"backend"`
	BackendReason string `json:"backendReason"`
}

// Run prints the keys present.
func (c *DevicesCmd) Run(a *app) error {
	opener := a.Opener()
	if l, ok := opener.(fido.VirtualLister); ok && fido.IsVirtual(c.Device) {
		l.ListVirtual(c.Device[len(fido.VirtualPrefix):])
	}
	locs, err := opener.Locations(a.ctx)
	if err != nil {
		return err
	}
	doc := devicesDoc{SchemaVersion: enroll.SchemaVersion, Devices: []deviceEntry{}, Backend: a.backend().Backend, BackendReason: a.backend().Reason}
	for _, l := range locs {
		entry := deviceEntry{Location: l}
		if c.Info {
			if info, err := keyInfo(a, opener, l.Path); err != nil {
				r := renderError(err)
				entry.Error = &r
			} else {
				entry.AAGUID, entry.Model = info.AAGUID, enroll.ModelName(info.AAGUID)
			}
		}
		doc.Devices = append(doc.Devices, entry)
	}
	return a.writeJSON(doc)
}

func keyInfo(a *app, opener fido.Opener, path string) (*fido.Info, error) {
	dev, err := opener.Open(a.ctx, path)
	if err != nil {
		return nil, err
	}
	defer fido.CloseDevice(dev) // a listing holds no key open for the next
	return fido.ReadInfoWithRetries(a.ctx, dev)
}
