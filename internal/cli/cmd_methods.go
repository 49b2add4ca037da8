package cli

import (
	"encoding/json"
	"fmt"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
)

// MethodsCmd groups the method commands.
type MethodsCmd struct {
	List   MethodsListCmd   `cmd:"" help:"List a user's FIDO2 methods."`
	Delete MethodsDeleteCmd `cmd:"" help:"Delete one of a user's FIDO2 methods."`
}

// MethodsListCmd lists a user's FIDO2 methods.
type MethodsListCmd struct {
	GraphFlags
	User string `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
}

// methodsDocument is methods list's output: each method as Graph sent it.
type methodsDocument struct {
	SchemaVersion int               `json:"schemaVersion"`
	UserID        string            `json:"userId"`
	Methods       []json.RawMessage `json:"methods"`
}

// Run prints the methods (every page).
func (c *MethodsListCmd) Run(a *app) error {
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	ms, err := s.client.Methods(a.ctx, c.User)
	if err != nil {
		return err
	}
	doc := methodsDocument{SchemaVersion: enroll.SchemaVersion, UserID: c.User, Methods: []json.RawMessage{}}
	for i := range ms {
		doc.Methods = append(doc.Methods, enroll.MethodJSON(&ms[i]))
	}
	return a.writeJSON(doc)
}

// MethodsDeleteCmd deletes one method.
type MethodsDeleteCmd struct {
	GraphFlags
	User string `arg:"" placeholder:"USER" help:"Entra user: object id or UPN."`
	ID   string `arg:"" placeholder:"METHOD-ID" help:"The method's id (from methods list). Ids can start with '-': put '--' before it."`
	Yes  bool   `short:"y" help:"Do not ask for confirmation (for scripts)."`
}

// deletedDocument is methods delete's output.
type deletedDocument struct {
	SchemaVersion int             `json:"schemaVersion"`
	UserID        string          `json:"userId"`
	Deleted       json.RawMessage `json:"deleted"`
}

// Run shows the method, asks, and deletes it.
func (c *MethodsDeleteCmd) Run(a *app) error {
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	m, err := s.client.Method(a.ctx, c.User, c.ID)
	if err != nil {
		return err
	}
	question := fmt.Sprintf("Delete the passkey %q (%s, created %s) of %s?", m.DisplayName, m.Model, m.CreatedDateTime.Format("2006-01-02"), c.User)
	if err := confirm(a, c.Yes, question); err != nil {
		return err
	}
	if err := s.client.DeleteMethod(a.ctx, c.User, c.ID); err != nil {
		return err
	}
	a.events.Info(fmt.Sprintf("deleted method %s of %s", c.ID, c.User))
	return a.writeJSON(deletedDocument{SchemaVersion: enroll.SchemaVersion, UserID: c.User, Deleted: enroll.MethodJSON(m)})
}
