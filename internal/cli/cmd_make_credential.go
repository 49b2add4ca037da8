package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// MakeCredentialCmd creates a passkey on a key from Graph's creation options.
type MakeCredentialCmd struct {
	KeyFlags
	PINFlags
	In          string `placeholder:"FILE" help:"Read the creation options from FILE instead of stdin."`
	DisplayName string `name:"display-name" placeholder:"NAME" help:"Name of the method in Entra ID, 1 to 30 characters (default: the key model and the date)."`
	User        string `placeholder:"ID|UPN" help:"Entra user the credential is for (default: the input's userId, else the UPN in the options)."`
	SerialFlag
}

// SerialFlag records a serial the key does not tell (scanned from its label).
type SerialFlag struct {
	Serial string `name:"serial" placeholder:"SERIAL" help:"The key's serial number as printed on it: recorded when the key does not tell its own, and checked against it when it does (serial_mismatch)."`
}

// optionsInput is make-credential's input: get-options' document, or Graph's
// creationOptions response as it comes (both may carry a "pin" field).
type optionsInput struct {
	UserID          string          `json:"userId"`
	CreationOptions json.RawMessage `json:"creationOptions"`
	PIN             *string         `json:"pin"`
}

// Run creates the credential and prints the document for `submit`.
func (c *MakeCredentialCmd) Run(a *app) error {
	data, err := a.readInput(c.In, "creation options")
	if err != nil {
		return err
	}
	in, opts, err := parseOptionsInput(data)
	clear(data) // the input may hold the PIN
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	dev, err := c.open(ctx, a)
	if err != nil {
		return err
	}
	user := c.User
	if user == "" {
		user = in.UserID
	}
	cred, err := enroll.MakeCredential(ctx, dev, opts, enroll.CredentialParams{
		DisplayName: c.DisplayName,
		Serial:      c.Serial,
		UserID:      user,
		PIN:         c.pinSource(a, in.PIN),
		Now:         a.Now,
	}, a.events)
	if err != nil {
		return err
	}
	if fido.IsVirtual(dev.Location().Path) {
		a.events.Warn("software_key", "the credential was made by a software TEST key: Entra ID tenants must not accept it")
	}
	return a.writeJSON(cred)
}

func parseOptionsInput(data []byte) (*optionsInput, *webauthn.CreationOptions, error) {
	var in optionsInput
	// A non-object input is reported by the options parser, with its specific code; a
	// "pin" that is not a string must not be silently ignored.
	if err := json.Unmarshal(data, &in); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && (typeErr.Field == "pin" || typeErr.Field == "userId") {
			return nil, nil, &codedError{code: "invalid_json", msg: fmt.Sprintf("the input's %q field must be a string", typeErr.Field),
				hint: "give the PIN as a JSON string (in quotes)"}
		}
	}
	raw := data
	if len(in.CreationOptions) > 0 {
		raw = in.CreationOptions
	}
	opts, err := webauthn.ParseCreationOptions(raw)
	if err != nil {
		return nil, nil, err
	}
	return &in, opts, nil
}
