package cli

import (
	"context"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// VerifyRegistrationCmd confirms an existing registration on both sides.
type VerifyRegistrationCmd struct {
	GraphFlags
	keyCredentialFlags
	User     string `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
	MethodID string `name:"method-id" placeholder:"ID" help:"The method to verify (default: the one of the user's methods whose credential the key in hand holds)."`
}

type verifyRegistrationDoc struct {
	SchemaVersion     int    `json:"schemaVersion"`
	UserID            string `json:"userId"`
	UserPrincipalName string `json:"userPrincipalName,omitempty"`
	MethodID          string `json:"methodId,omitempty"`
	CredentialID      string `json:"credentialId,omitempty"`
	*enroll.Confirmation
}

// Run reads the user handle from Graph's creation options (Entra's user.id for the
// user: the handle the key must hold), finds the method, and confirms it. The
// document is printed whether or not it verifies; not verified exits with
// verification_failed.
func (c *VerifyRegistrationCmd) Run(a *app) error {
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	_, opts, err := enroll.FetchOptions(a.ctx, s.client, c.User, graph.DefaultChallengeTimeout)
	if err != nil {
		return err
	}
	rpID := opts.PublicKey.RP.ID
	list, dev, err := c.credentials(a, rpID)
	if err != nil {
		return err
	}
	methodID, cred, err := c.method(a.ctx, s.client, list)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	var credID []byte
	if cred != nil {
		credID = cred.CredentialID
	}
	conf, err := enroll.Confirm(ctx, enroll.ConfirmParams{Graph: s.client, Device: dev, User: c.User, MethodID: methodID,
		CredentialID: credID, UserHandle: opts.PublicKey.User.ID, RPID: rpID, Held: list})
	if err != nil {
		return err
	}
	doc := verifyRegistrationDoc{SchemaVersion: enroll.SchemaVersion, UserID: c.User, UserPrincipalName: opts.PublicKey.User.Name,
		MethodID: methodID, Confirmation: conf}
	if cred != nil {
		doc.CredentialID = b64(cred.CredentialID)
	}
	if err := a.writeJSON(doc); err != nil {
		return err
	}
	return conf.Unverified()
}

// method is the method to verify and its credential on the key (nil when the key holds
// none of it): --method-id's, or the user's method whose credential the key holds.
func (c *VerifyRegistrationCmd) method(ctx context.Context, g *graph.Client, list *fido.CredentialList) (string, *fido.StoredCredential, error) {
	if c.MethodID != "" {
		return c.MethodID, heldCredential(c.MethodID, list), nil
	}
	methods, err := g.Methods(ctx, c.User)
	if err != nil {
		return "", nil, err
	}
	for _, m := range methods {
		if cred := heldCredential(m.ID, list); cred != nil {
			return m.ID, cred, nil
		}
	}
	return "", nil, nil
}

// heldCredential is the key's credential of the method, nil when it holds none.
func heldCredential(methodID string, list *fido.CredentialList) *fido.StoredCredential {
	for i := range list.Credentials {
		if graph.SameCredential(methodID, list.Credentials[i].CredentialID) {
			return &list.Credentials[i]
		}
	}
	return nil
}
