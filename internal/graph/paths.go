package graph

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/google/uuid"
)

// Graph API versions.
const (
	v1   = "v1.0"
	beta = "beta"
)

// userSegment validates a user given by object id or UPN and escapes it for a path.
// Graph resolves /users/{x} by id or userPrincipalName only, and /me is not supported
// for creation options, so anything else is refused before a request is made.
// CheckUser reports whether user can name an Entra user (an object id or a UPN), with
// the invalid_user error Graph calls would give; callers check before they print it.
func CheckUser(user string) error {
	_, err := userSegment(user)
	return err
}

func userSegment(user string) (string, error) {
	bad := func(msg string) (string, error) {
		return "", inputError("invalid_user", msg,
			"give the user's object id (a GUID) or user principal name (name@domain)")
	}
	switch {
	case user == "":
		return bad("no user given")
	case strings.EqualFold(user, "me"):
		return bad("Graph does not support /me for passkey provisioning")
	case len(user) > 1024:
		return bad("user is too long to be an object id or UPN")
	case strings.ContainsFunc(user, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' || r == '\\' }):
		return bad(fmt.Sprintf("user %q contains whitespace, control characters or slashes", user))
	}
	if _, err := uuid.Parse(user); err == nil && len(user) == 36 {
		return user, nil
	}
	at := strings.LastIndexByte(user, '@')
	if at <= 0 || at == len(user)-1 || !strings.Contains(user[at+1:], ".") {
		return bad(fmt.Sprintf("user %q is neither an object id nor a UPN", user))
	}
	return escapeSegment(user), nil
}

// methodSegment validates an authentication method id and escapes it for a path.
func methodSegment(id string) (string, error) {
	if id == "" || len(id) > 1024 || strings.ContainsFunc(id, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' || r == '\\'
	}) {
		return "", inputError("invalid_method_id", fmt.Sprintf("invalid method id %q", id),
			"list the user's methods to see their ids (entra-passkey methods list)")
	}
	return escapeSegment(id), nil
}

// escapeSegment escapes one path segment; url.PathEscape leaves '@' alone, Graph's
// documentation asks for %40 in a UPN.
func escapeSegment(s string) string {
	return strings.ReplaceAll(url.PathEscape(s), "@", "%40")
}

// endpoint joins the base URL with an already escaped path.
func (c *Client) endpoint(escapedPath string) *url.URL {
	u := *c.base
	u.RawPath = strings.TrimRight(c.base.EscapedPath(), "/") + escapedPath
	p, err := url.PathUnescape(u.RawPath)
	if err != nil {
		// Every segment was escaped by escapeSegment, so this cannot happen; keep the raw form.
		p = u.RawPath
	}
	u.Path = p
	return &u
}

// methodsPath is /{ver}/users/{user}/authentication/fido2Methods.
func methodsPath(ver, userSeg string) string {
	return "/" + ver + "/users/" + userSeg + "/authentication/fido2Methods"
}
