package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
	"github.com/entra-passkey/entra-passkey/internal/textin"
)

// prepDoc is the output of every preparation command: what was done, to which key, and
// the key's PIN state afterwards (read back from the key, not assumed).
type prepDoc struct {
	SchemaVersion int    `json:"schemaVersion"`
	Action        string `json:"action"`
	Key           keyRef `json:"key"`
	// Changed is false when the key already was as asked and nothing was sent.
	Changed           bool     `json:"changed"`
	PINSet            bool     `json:"pinSet"`
	PINRetries        *int     `json:"pinRetries"`
	MinPINLength      int      `json:"minPinLength"`
	ForcePINChange    bool     `json:"forcePinChange"`
	AlwaysUV          bool     `json:"alwaysUv"`
	MinPINLengthRPIDs []string `json:"minPinLengthRpIds,omitempty"`
	// RandomPIN says how long a generated PIN is and where it went.
	RandomPIN *enroll.RandomPIN `json:"randomPin,omitempty"`
	// PIN is the generated PIN itself, only with --show-pin.
	PIN *string `json:"pin,omitempty"`
}

// keyRef names the key a document is about.
type keyRef struct {
	Path    string `json:"path"`
	AAGUID  string `json:"aaguid"`
	Model   string `json:"model,omitempty"`
	Virtual bool   `json:"virtual"`
}

func newPrepDoc(action string, dev fido.Device, info *fido.Info) *prepDoc {
	alwaysUV, _ := info.Option("alwaysUv")
	return &prepDoc{
		SchemaVersion: enroll.SchemaVersion, Action: action,
		Key: keyRef{Path: dev.Location().Path, AAGUID: info.AAGUID, Model: enroll.ModelName(info.AAGUID),
			Virtual: dev.Location().Virtual},
		PINSet: info.PINSet(), PINRetries: info.PINRetries, MinPINLength: info.EffectiveMinPINLength(),
		ForcePINChange: info.ForcePINChange, AlwaysUV: alwaysUV,
	}
}

// openPrep opens the key the flags name, with its preparation commands and what it
// reports about itself.
func (f KeyFlags) openPrep(ctx context.Context, a *app) (fido.Device, fido.Preparer, *fido.Info, error) {
	dev, err := f.open(ctx, a)
	if err != nil {
		return nil, nil, nil, err
	}
	prep, err := enroll.Preparer(dev)
	if err != nil {
		return nil, nil, nil, err
	}
	info, err := fido.ReadInfoWithRetries(ctx, dev)
	if err != nil {
		return nil, nil, nil, err
	}
	return dev, prep, info, nil
}

// pinInput is the JSON a preparation command may read on stdin: the current PIN and
// the new one, as the PowerShell module passes SecureStrings.
type pinInput struct {
	PIN    *string `json:"pin"`
	NewPIN *string `json:"newPin"`
}

// readStdinPIN reads the "pin" of a {"pin": ...} document on stdin, for --pin-stdin.
func readStdinPIN(a *app) (*string, error) {
	if a.In == nil || a.InTerminal {
		return nil, &usageError{msg: "--pin-stdin needs a JSON document on stdin, not a terminal",
			hint: "pipe {\"pin\":\"...\"} in, or leave --pin-stdin out to be asked for the PIN"}
	}
	in, err := readPINInput(a)
	if err != nil {
		return nil, err
	}
	if in.PIN == nil {
		return nil, &usageError{msg: "--pin-stdin: the document on stdin has no \"pin\" field", hint: "pipe {\"pin\":\"...\"} in"}
	}
	return in.PIN, nil
}

// readPINInput reads {"pin":..., "newPin":...} from stdin when stdin is not a terminal.
// Empty input is no input.
func readPINInput(a *app) (*pinInput, error) {
	in := &pinInput{}
	if a.In == nil || a.InTerminal {
		return in, nil
	}
	raw, err := readContext(a.ctx, a.In, 64<<10)
	defer clear(raw)
	switch {
	case a.ctx.Err() != nil:
		return nil, fido.ErrCancelled
	case errors.Is(err, safefile.ErrTooLarge):
		return nil, &codedError{code: "input_too_large", msg: "the PIN document on stdin is larger than 64 KiB"}
	case err != nil:
		return nil, &codedError{code: "input_failed", msg: fmt.Sprintf("reading stdin: %v", err)}
	}
	data, _, err := textin.Decode(raw)
	if err != nil {
		return nil, fmt.Errorf("reading the PIN document on stdin: %w", err)
	}
	defer clear(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return in, nil
	}
	if err := json.Unmarshal(data, in); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, &codedError{code: "invalid_json", msg: fmt.Sprintf("the input's %q field must be a string", typeErr.Field),
				hint: "give PINs as JSON strings (in quotes)"}
		}
		// Not the PIN document: json's message could quote the input, so say less.
		return nil, &codedError{code: "invalid_json", msg: "stdin is not a JSON object with \"pin\" and \"newPin\" fields",
			hint: `send {"pin":"...","newPin":"..."} or nothing`}
	}
	return in, nil
}
