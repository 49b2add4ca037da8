package auth

import (
	"context"
	"strings"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// Identity is who the tokens are for: never the token itself.
type Identity struct {
	Flow Flow `json:"flow"`
	// Source is "cache" for a signed-in account read from the token cache, "token" for
	// the claims of a token.
	Source        string    `json:"source"`
	Username      string    `json:"username,omitempty"`
	Name          string    `json:"name,omitempty"`
	TenantID      string    `json:"tenantId,omitempty"`
	HomeAccountID string    `json:"homeAccountId,omitempty"`
	ObjectID      string    `json:"objectId,omitempty"`
	ClientID      string    `json:"clientId,omitempty"`
	Audience      []string  `json:"audience,omitempty"`
	Scopes        []string  `json:"scopes,omitempty"`
	Roles         []string  `json:"roles,omitempty"`
	ExpiresOn     time.Time `json:"expiresOn,omitzero"`
}

// Login signs in with the flow: delegated flows always prompt (a fresh sign-in, the
// account then cached), app-only flows fetch a token. It returns who signed in.
func (s *Source) Login(ctx context.Context) (*Identity, error) {
	if s.static != "" {
		return s.WhoAmI(ctx)
	}
	s.flowMu.Lock()
	defer s.flowMu.Unlock()
	res, err := s.acquire(ctx, true)
	if err != nil {
		return nil, err
	}
	id := s.fromToken(res.AccessToken)
	if s.cfg.Flow.delegated() {
		id.Source = "cache"
		mergeAccount(id, res.Account)
	}
	return id, nil
}

// WhoAmI reports the signed-in account from the cache for delegated flows (no network),
// or the claims of the token for the others (which may fetch one).
func (s *Source) WhoAmI(ctx context.Context) (*Identity, error) {
	if s.cfg.Flow.delegated() {
		acct, ok, err := s.account(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &Error{Code: "login_required", Message: "not signed in", Hint: "run entra-passkey login"}
		}
		id := &Identity{Flow: s.cfg.Flow, Source: "cache", ClientID: s.cfg.ClientID}
		mergeAccount(id, acct)
		return id, nil
	}
	tok, err := s.Token(ctx)
	if err != nil {
		return nil, err
	}
	return s.fromToken(tok), nil
}

// Logout removes the cached accounts and deletes the cache: the OS secret store's entry
// and any plain file. It returns the usernames of the accounts removed.
func (s *Source) Logout(ctx context.Context) ([]string, error) {
	s.flowMu.Lock()
	defer s.flowMu.Unlock()
	s.forget()
	var removed []string
	if s.public != nil {
		accts, err := s.public.Accounts(ctx)
		if err != nil {
			return nil, s.signInError("reading the token cache", err)
		}
		for _, a := range accts {
			if err := s.public.RemoveAccount(ctx, a); err != nil {
				return removed, s.signInError("removing "+a.PreferredUsername, err)
			}
			removed = append(removed, a.PreferredUsername)
		}
	}
	if s.cachePath != "" {
		// Also when the file is in use: a run with the OS store may have left an entry.
		if s.osErr == nil {
			if err := forgetOS(ctx, s.store, s.cachePath); err != nil {
				return removed, err
			}
		}
		if err := (&fileCache{path: s.cachePath}).remove(); err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// fromToken describes a token by its claims; an opaque token yields the flow only.
func (s *Source) fromToken(token string) *Identity {
	id := &Identity{Flow: s.cfg.Flow, Source: "token", ClientID: s.cfg.ClientID}
	c, ok := parseClaims(token)
	if !ok {
		return id
	}
	id.Username, id.Name, id.TenantID, id.ObjectID = c.username(), c.Name, c.TenantID, c.ObjectID
	id.ClientID = firstNonEmpty(c.AppID, firstNonEmpty(c.AuthorizedParty, id.ClientID))
	id.Audience, id.Roles = c.Audience, c.Roles
	id.Scopes = strings.Fields(c.Scope)
	if exp, ok := c.expiry(); ok {
		id.ExpiresOn = exp.UTC()
	}
	return id
}

func mergeAccount(id *Identity, a public.Account) {
	id.Username = firstNonEmpty(a.PreferredUsername, id.Username)
	id.Name = firstNonEmpty(a.Name, id.Name)
	id.TenantID = firstNonEmpty(a.Realm, id.TenantID)
	id.HomeAccountID = a.HomeAccountID
	id.ObjectID = firstNonEmpty(a.LocalAccountID, id.ObjectID)
}
