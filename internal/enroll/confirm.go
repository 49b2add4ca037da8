package enroll

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// Confirmation is a registration checked on both sides after the fact: Entra holds the
// method (read back by its id), and the key holds the credential under the user handle
// Entra gave (a wrong handle is a passkey nobody can sign in with).
type Confirmation struct {
	Verified bool       `json:"verified"`
	Graph    GraphCheck `json:"graph"`
	Key      KeyCheck   `json:"key"`
}

// GraphCheck is the method read back from Graph. Outcome: ok, missing.
type GraphCheck struct {
	Outcome     string `json:"outcome"`
	MethodID    string `json:"methodId,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
	AAGUID      string `json:"aaGuid,omitempty"`
}

// KeyCheck is what the key in hand holds. Outcome: holds, missing, wrong_user_handle,
// or unsupported (the backend cannot list credentials: Reason says why; it does not
// make the registration unverified, only unconfirmed on the key's side).
type KeyCheck struct {
	Outcome      string `json:"outcome"`
	CredentialID string `json:"credentialId,omitempty"`
	UserName     string `json:"userName,omitempty"`
	Reason       string `json:"reason,omitempty"`
}

// MethodReader reads one FIDO2 method back; *graph.Client is one.
type MethodReader interface {
	Method(ctx context.Context, user, id string) (*graph.Method, error)
}

// ConfirmParams name what to confirm.
type ConfirmParams struct {
	Graph    MethodReader
	Device   fido.Device // nil: the key's side is not checked
	User     string
	MethodID string
	// CredentialID and UserHandle are what the key must hold: the credential's id and
	// the user.id of Entra's creation options.
	CredentialID []byte
	UserHandle   []byte
	RPID         string
	PIN          fido.PIN
	// Held, if set, is the key's credentials for RPID as the caller already listed
	// them; Device and PIN are then not used.
	Held *fido.CredentialList
}

// errUnverified is a registration that one side does not confirm.
var errUnverified = &Error{Code: "verification_failed", Hint: "look at the graph and key parts of the document; re-register the key if the method or the credential is missing"}

// Confirm checks a registration on both sides. Its error is a failure to check (Graph
// unreachable, a wrong PIN); a check that ran and found a problem is Verified false
// with a nil error: the caller decides (register says verification_failed).
func Confirm(ctx context.Context, p ConfirmParams) (*Confirmation, error) {
	c := &Confirmation{Graph: GraphCheck{Outcome: "missing", MethodID: p.MethodID}}
	var m *graph.Method
	var err error
	if p.MethodID != "" {
		m, err = p.Graph.Method(ctx, p.User, p.MethodID)
	}
	switch {
	case p.MethodID == "", errorCode(err) == "method_not_found":
	case err != nil:
		return nil, fmt.Errorf("reading the method back from Graph: %w", err)
	default:
		c.Graph = GraphCheck{Outcome: "ok", MethodID: m.ID, DisplayName: m.DisplayName, AAGUID: m.AAGUID}
	}
	c.Key, err = checkKeyHolds(ctx, p)
	if err != nil {
		return nil, err
	}
	c.Verified = c.Graph.Outcome == "ok" && (c.Key.Outcome == "holds" || c.Key.Outcome == "unsupported")
	return c, nil
}

// checkKeyHolds finds the registered credential among the key's (listed now, unless
// the caller already listed them).
func checkKeyHolds(ctx context.Context, p ConfirmParams) (KeyCheck, error) {
	list := p.Held
	if list == nil {
		var unsupported string
		var err error
		list, unsupported, err = ListCredentials(ctx, p.Device, p.RPID, p.PIN)
		if err != nil {
			return KeyCheck{}, err
		}
		if unsupported != "" {
			return KeyCheck{Outcome: "unsupported", CredentialID: base64.RawURLEncoding.EncodeToString(p.CredentialID), Reason: unsupported}, nil
		}
	}
	return FindCredential(list, p.CredentialID, p.UserHandle), nil
}

// ListCredentials lists the discoverable credentials dev holds for rpID. A key or
// backend that cannot list them gives a nil list and says why in unsupported; err is a
// failure of a listing that could run (a wrong PIN, a lost key).
func ListCredentials(ctx context.Context, dev fido.Device, rpID string, pin fido.PIN) (list *fido.CredentialList, unsupported string, err error) {
	if dev == nil {
		return nil, "no key was given", nil
	}
	cm, err := fido.ManageCredentials(dev)
	if err != nil {
		return nil, err.Error(), nil
	}
	list, err = cm.Credentials(ctx, rpID, pin)
	switch {
	case errors.Is(err, fido.ErrUnsupportedByKey):
		return nil, "the key has no credential management", nil
	case errors.Is(err, fido.ErrPINNotSet):
		return nil, "the key has no PIN, which listing its credentials needs", nil
	case err != nil:
		return nil, "", fmt.Errorf("listing the credentials on the key: %w", err)
	}
	return list, "", nil
}

// FindCredential says whether list holds credID under the user handle: holds,
// wrong_user_handle (a passkey nobody can sign in with) or missing.
func FindCredential(list *fido.CredentialList, credID, handle []byte) KeyCheck {
	k := KeyCheck{Outcome: "missing", CredentialID: base64.RawURLEncoding.EncodeToString(credID)}
	for _, cred := range list.Credentials {
		if !bytes.Equal(cred.CredentialID, credID) {
			continue
		}
		k.UserName, k.Outcome = cred.UserName, "holds"
		if !bytes.Equal(cred.UserID, handle) {
			k.Outcome = "wrong_user_handle"
		}
		return k
	}
	return k
}

// Unverified is the error for a confirmation that did not verify.
func (c *Confirmation) Unverified() error {
	if c == nil || c.Verified {
		return nil
	}
	e := *errUnverified
	e.Message = fmt.Sprintf("the registration is not confirmed: Graph %s, key %s", c.Graph.Outcome, c.Key.Outcome)
	return &e
}
