package enroll

import (
	"context"
	"fmt"
	"strings"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// KeyIdentity asks the key which one it is (before the touch, so a wrong key is found
// before anyone is asked for anything) and merges the operator's serial: the key's own
// answer wins, and a different one is the wrong key in hand.
func KeyIdentity(ctx context.Context, dev fido.Device, operator string) (*fido.Identity, error) {
	id, err := fido.ReadIdentity(ctx, dev)
	if err != nil {
		return nil, fmt.Errorf("reading the key's serial number: %w", err)
	}
	operator = strings.TrimSpace(operator)
	switch {
	case operator == "":
	case id.Serial == nil:
		s := operator
		return &fido.Identity{Serial: &s, Firmware: id.Firmware, Source: "operator"}, nil
	case !strings.EqualFold(*id.Serial, operator):
		return nil, &Error{Code: "serial_mismatch",
			Message: fmt.Sprintf("the key in hand has serial %s, not %s", *id.Serial, operator),
			Hint:    "use the key with the serial the roster or --serial names, or correct the serial"}
	}
	return id, nil
}
