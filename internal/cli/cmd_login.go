package cli

import (
	"github.com/entra-passkey/entra-passkey/internal/auth"
	"github.com/entra-passkey/entra-passkey/internal/enroll"
)

// LoginCmd signs in and caches the tokens.
type LoginCmd struct {
	GraphFlags
}

// identityDocument is what login and whoami print: who, never the token.
type identityDocument struct {
	SchemaVersion int `json:"schemaVersion"`
	*auth.Identity
}

// Run signs in.
func (c *LoginCmd) Run(a *app) error {
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	id, err := s.tokens.Login(a.ctx)
	if err != nil {
		return err
	}
	return a.writeJSON(identityDocument{enroll.SchemaVersion, id})
}

// WhoamiCmd shows the signed-in identity.
type WhoamiCmd struct {
	GraphFlags
}

// Run prints the identity; it never starts an interactive sign-in.
func (c *WhoamiCmd) Run(a *app) error {
	s, err := c.session(a, true)
	if err != nil {
		return err
	}
	id, err := s.tokens.WhoAmI(a.ctx)
	if err != nil {
		return err
	}
	return a.writeJSON(identityDocument{enroll.SchemaVersion, id})
}

// LogoutCmd removes cached accounts.
type LogoutCmd struct {
	GraphFlags
}

type logoutDocument struct {
	SchemaVersion int      `json:"schemaVersion"`
	Removed       []string `json:"removed"`
}

// Run removes the cached accounts and the cache file.
func (c *LogoutCmd) Run(a *app) error {
	s, err := c.session(a, true)
	if err != nil {
		return err
	}
	removed, err := s.tokens.Logout(a.ctx)
	if err != nil {
		return err
	}
	if removed == nil {
		removed = []string{}
	}
	return a.writeJSON(logoutDocument{enroll.SchemaVersion, removed})
}
