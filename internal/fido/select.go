package fido

import (
	"context"
	"fmt"
)

// Select opens the key at path, or the only key present when path is empty.
func Select(ctx context.Context, o Opener, path string) (Device, error) {
	if path != "" {
		return o.Open(ctx, path)
	}
	locs, err := o.Locations(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing keys: %w", err)
	}
	switch len(locs) {
	case 0:
		return nil, ErrNoDevice
	case 1:
		return o.Open(ctx, locs[0].Path)
	default:
		return nil, New("multiple_devices", fmt.Sprintf("%d security keys are plugged in", len(locs)), nil)
	}
}
