package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// KeyCmd groups the commands about what a key holds.
type KeyCmd struct {
	Credentials KeyCredentialsCmd `cmd:"" help:"The discoverable credentials (passkeys) on a key, joined to their Entra methods; delete one."`
}

// KeyCredentialsCmd lists by default and deletes with its delete subcommand.
type KeyCredentialsCmd struct {
	List   KeyCredentialsListCmd   `cmd:"" default:"withargs" help:"List the key's credentials for the RP, each with its Entra method and user, or orphan."`
	Delete KeyCredentialsDeleteCmd `cmd:"" help:"Delete one credential from the key (after confirmation)."`
}

// keyCredentialFlags are what both subcommands need to reach the key's credentials.
type keyCredentialFlags struct {
	KeyFlags
	PINFlags
	PinStdin bool `name:"pin-stdin" help:"Read the PIN from a JSON document {\"pin\":\"...\"} on stdin (how the PowerShell module passes a SecureString)."`
}

// rpFlag names the relying party whose credentials a command reads.
type rpFlag struct {
	RPID string `name:"rp-id" default:"login.microsoft.com" placeholder:"ID" help:"Relying party whose credentials to list."`
}

// KeyCredentialsListCmd lists the credentials and joins them to Entra.
type KeyCredentialsListCmd struct {
	keyCredentialFlags
	rpFlag
	GraphFlags
	Offline bool `help:"Do not ask Graph: every credential's status is unknown."`
}

// KeyCredentialsDeleteCmd deletes one credential from the key.
type KeyCredentialsDeleteCmd struct {
	keyCredentialFlags
	rpFlag
	CredentialID string `name:"credential-id" required:"" placeholder:"ID" help:"The credential's id (base64url), as key credentials lists it."`
	Yes          bool   `help:"Delete without asking."`
}

type keyCredentialsDoc struct {
	SchemaVersion int                  `json:"schemaVersion"`
	RPID          string               `json:"rpId"`
	Path          string               `json:"path"`
	Remaining     *int                 `json:"remaining"`
	Credentials   []keyCredentialEntry `json:"credentials"`
}

type keyCredentialEntry struct {
	CredentialID      string  `json:"credentialId"`
	UserID            string  `json:"userId"`
	UserName          string  `json:"userName"`
	UserDisplayName   string  `json:"userDisplayName,omitempty"`
	CredProtect       int     `json:"credProtect"`
	Status            string  `json:"status"`
	MethodID          *string `json:"methodId"`
	UserPrincipalName *string `json:"userPrincipalName"`
	Reason            string  `json:"reason,omitempty"`
}

type keyCredentialDeletedDoc struct {
	SchemaVersion int    `json:"schemaVersion"`
	Deleted       bool   `json:"deleted"`
	CredentialID  string `json:"credentialId"`
	RPID          string `json:"rpId"`
	UserName      string `json:"userName,omitempty"`
	Remaining     *int   `json:"remaining"`
}

// Run lists the key's credentials, then (unless --offline) asks Graph, once per user
// name the key holds, for that user's methods.
func (c *KeyCredentialsListCmd) Run(a *app) error {
	var s *graphSession
	if !c.Offline {
		var err error
		if s, err = c.session(a, false); err != nil {
			return err
		}
	}
	list, dev, err := c.credentials(a, c.RPID)
	if err != nil {
		return err
	}
	doc := keyCredentialsDoc{SchemaVersion: enroll.SchemaVersion, RPID: list.RPID, Path: dev.Location().Path,
		Remaining: list.Remaining, Credentials: []keyCredentialEntry{}}
	j := &joiner{methods: map[string][]graph.Method{}, missing: map[string]error{}}
	for _, cred := range list.Credentials {
		e := keyCredentialEntry{CredentialID: b64(cred.CredentialID), UserID: b64(cred.UserID), UserName: cred.UserName,
			UserDisplayName: cred.UserDisplayName, CredProtect: cred.CredProtect, Status: "unknown"}
		if s != nil {
			if err := j.join(a.ctx, s.client, &e, cred); err != nil {
				return err
			}
		}
		doc.Credentials = append(doc.Credentials, e)
	}
	return a.writeJSON(doc)
}

// joiner finds each credential's method, reading each user's methods once.
type joiner struct {
	methods map[string][]graph.Method
	missing map[string]error
}

func (j *joiner) join(ctx context.Context, g *graph.Client, e *keyCredentialEntry, cred fido.StoredCredential) error {
	user := cred.UserName
	if _, seen := j.methods[user]; !seen && j.missing[user] == nil {
		ms, err := g.Methods(ctx, user)
		switch {
		case errorCodeOf(err) == "user_not_found":
			j.missing[user] = err
		case err != nil:
			return fmt.Errorf("listing the methods of %s, whose credential the key holds: %w", user, err)
		default:
			j.methods[user] = ms
		}
	}
	e.Status = "orphan"
	if j.missing[user] != nil {
		e.Reason = "no such user in Entra"
		return nil
	}
	for _, m := range j.methods[user] {
		if graph.SameCredential(m.ID, cred.CredentialID) {
			id, upn := m.ID, user
			e.Status, e.MethodID, e.UserPrincipalName = "registered", &id, &upn
			return nil
		}
	}
	e.Reason = "the user has no FIDO2 method with this credential"
	return nil
}

// Run deletes the credential after showing whose it is.
func (c *KeyCredentialsDeleteCmd) Run(a *app) error {
	id, err := decodeB64URL(c.CredentialID)
	if err != nil || len(id) == 0 {
		return &usageError{msg: "--credential-id is not base64url", hint: "copy the credentialId that key credentials prints"}
	}
	list, dev, err := c.credentials(a, c.RPID)
	if err != nil {
		return err
	}
	var found *fido.StoredCredential
	for i := range list.Credentials {
		if bytes.Equal(list.Credentials[i].CredentialID, id) {
			found = &list.Credentials[i]
		}
	}
	if found == nil {
		return fido.ErrCredentialNotOnKey
	}
	question := fmt.Sprintf("Delete the passkey of %s (%s) from the key %s? It cannot be undone: the user can no longer sign in with it.",
		found.UserName, c.RPID, dev.Location().Path)
	if err := confirm(a, c.Yes, question); err != nil {
		return err
	}
	cm, _ := fido.ManageCredentials(dev)
	ctx, cancel := context.WithTimeout(a.ctx, c.Timeout)
	defer cancel()
	pin, err := c.pin(ctx, a, dev)
	if err != nil {
		return err
	}
	if err := cm.DeleteCredential(ctx, id, pin); err != nil {
		return err
	}
	after, err := cm.Credentials(ctx, c.RPID, pin)
	if err != nil {
		return err
	}
	a.events.Info(fmt.Sprintf("deleted the credential of %s from the key", found.UserName))
	return a.writeJSON(keyCredentialDeletedDoc{SchemaVersion: enroll.SchemaVersion, Deleted: true, CredentialID: b64(id),
		RPID: c.RPID, UserName: found.UserName, Remaining: after.Remaining})
}

// credentials opens the key and lists its credentials for the RP. The key is returned
// whenever it was opened, also with the error of a listing it refused.
func (f *keyCredentialFlags) credentials(a *app, rpID string) (*fido.CredentialList, fido.Device, error) {
	ctx, cancel := context.WithTimeout(a.ctx, f.Timeout)
	defer cancel()
	dev, err := f.open(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	cm, err := fido.ManageCredentials(dev)
	if err != nil {
		return nil, dev, err
	}
	pin, err := f.pin(ctx, a, dev)
	if err != nil {
		return nil, dev, err
	}
	list, err := cm.Credentials(ctx, rpID, pin)
	return list, dev, err
}

// pin gets the PIN credential management needs, the way every key command does. It is
// read once per process (stdin cannot be read twice).
func (f *keyCredentialFlags) pin(ctx context.Context, a *app, dev fido.Device) (fido.PIN, error) {
	if a.keyPIN == nil {
		var stdinPIN *string
		if f.PinStdin {
			var err error
			if stdinPIN, err = readStdinPIN(a); err != nil {
				return "", err
			}
		}
		a.keyPIN = enroll.NewKeyPIN(f.pinSource(a, stdinPIN))
	}
	info, err := fido.ReadInfo(ctx, dev)
	if err != nil {
		return "", err
	}
	if !info.PINSet() {
		return "", fido.ErrPINNotSet
	}
	return a.keyPIN.Get(ctx, info)
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// decodeB64URL reads base64url with or without its padding.
func decodeB64URL(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// errorCodeOf is err's stable code, "" for none.
func errorCodeOf(err error) string {
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return ""
}
