package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/uuid"
)

// DirectoryUser is a user as a rollout needs it. AccountEnabled and UserType come only
// with $select (Graph's default properties leave them out), so they are pointers: nil
// means Graph did not say.
type DirectoryUser struct {
	ID                string  `json:"id"`
	UserPrincipalName string  `json:"userPrincipalName"`
	DisplayName       string  `json:"displayName"`
	AccountEnabled    *bool   `json:"accountEnabled"`
	UserType          *string `json:"userType"`
	// ODataType is set on directory objects that are not users (a member listing).
	ODataType string `json:"@odata.type,omitempty"`
}

// IsGuest reports a guest (userType Guest, or an #EXT# UPN when Graph did not say).
func (u *DirectoryUser) IsGuest() bool {
	if u.UserType != nil {
		return strings.EqualFold(*u.UserType, "Guest")
	}
	return strings.Contains(strings.ToUpper(u.UserPrincipalName), "#EXT#")
}

// Group is a directory group.
type Group struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
}

// userSelect is every property a rollout reads.
const userSelect = "id,userPrincipalName,displayName,accountEnabled,userType"

// maxPageSize is Graph's largest $top for member listings.
const maxPageSize = 999

// ResolveGroup finds a group by object id, or else by display name (which must name
// exactly one group).
func (c *Client) ResolveGroup(ctx context.Context, idOrName string) (*Group, error) {
	name := strings.TrimSpace(idOrName)
	if name == "" || len(name) > 256 || strings.ContainsFunc(name, func(r rune) bool { return r < ' ' }) {
		return nil, inputError("invalid_group", fmt.Sprintf("%q is not a group id or display name", idOrName),
			"give the group's object id (a GUID) or its display name")
	}
	const op = "finding the group"
	u := c.endpoint("/" + v1 + "/groups")
	if _, err := uuid.Parse(name); err == nil && len(name) == 36 {
		u = c.endpoint("/" + v1 + "/groups/" + escapeSegment(name))
		u.RawQuery = url.Values{"$select": {"id,displayName"}}.Encode()
		rep, err := c.do(ctx, &request{op: op, target: targetGroup, method: http.MethodGet, url: u})
		if err != nil {
			return nil, err
		}
		var g Group
		if err := json.Unmarshal(rep.body, &g); err != nil || g.ID == "" {
			return nil, invalidResponse(op, rep, errors.Join(err, errors.New("no group id")))
		}
		return &g, nil
	}
	u.RawQuery = url.Values{
		"$filter": {"displayName eq '" + strings.ReplaceAll(name, "'", "''") + "'"},
		"$select": {"id,displayName"},
	}.Encode()
	rep, err := c.do(ctx, &request{op: op, target: targetGroup, method: http.MethodGet, url: u})
	if err != nil {
		return nil, err
	}
	var doc struct {
		Value []Group `json:"value"`
	}
	if err := json.Unmarshal(rep.body, &doc); err != nil {
		return nil, invalidResponse(op, rep, err)
	}
	switch len(doc.Value) {
	case 1:
		return &doc.Value[0], nil
	case 0:
		return nil, inputError("group_not_found", fmt.Sprintf("no group is named %q", name),
			"check the display name, or give the group's object id")
	default:
		return nil, inputError("group_ambiguous", fmt.Sprintf("%d groups are named %q", len(doc.Value), name),
			"give the group's object id instead of its name")
	}
}

// GroupUsers calls fn with each page of the users in a group, nested groups included
// (transitiveMembers cast to users: devices, service principals and the groups
// themselves are left out by Graph). Pages are Graph's largest, so 10,000 users are
// eleven calls.
func (c *Client) GroupUsers(ctx context.Context, groupID string, fn func([]DirectoryUser) error) error {
	if _, err := uuid.Parse(groupID); err != nil || len(groupID) != 36 {
		return inputError("invalid_group", fmt.Sprintf("%q is not a group object id", groupID), "resolve the group first")
	}
	u := c.endpoint("/" + v1 + "/groups/" + escapeSegment(groupID) + "/transitiveMembers/microsoft.graph.user")
	u.RawQuery = url.Values{"$select": {userSelect}, "$top": {fmt.Sprint(maxPageSize)}}.Encode()
	return c.pages(ctx, "listing the group's members", targetGroup, u, func(body []byte) (string, error) {
		var doc struct {
			Value    []DirectoryUser `json:"value"`
			NextLink string          `json:"@odata.nextLink"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			return "", err
		}
		users := doc.Value[:0]
		for _, m := range doc.Value {
			if m.ID != "" && (m.ODataType == "" || strings.EqualFold(m.ODataType, "#microsoft.graph.user")) {
				users = append(users, m)
			}
		}
		return doc.NextLink, fn(users)
	})
}

// User reads one user by object id or UPN, with the properties a rollout checks.
func (c *Client) User(ctx context.Context, user string) (*DirectoryUser, error) {
	seg, err := userSegment(user)
	if err != nil {
		return nil, err
	}
	const op = "reading the user"
	u := c.endpoint("/" + v1 + "/users/" + seg)
	u.RawQuery = url.Values{"$select": {userSelect}}.Encode()
	rep, err := c.do(ctx, &request{op: op, target: targetUser, method: http.MethodGet, url: u})
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) && ge.Status == http.StatusForbidden {
			ge.code, ge.hint = classify(targetDirectory, ge.Status, ge.GraphCode, ge.Message)
		}
		return nil, err
	}
	var du DirectoryUser
	if err := json.Unmarshal(rep.body, &du); err != nil || du.ID == "" {
		return nil, invalidResponse(op, rep, errors.Join(err, errors.New("no user id")))
	}
	return &du, nil
}

// RemoveGroupMember takes a user out of a group. A user no longer in it (404) counts as
// removed, so a retried or resumed removal succeeds.
func (c *Client) RemoveGroupMember(ctx context.Context, groupID, userID string) error {
	if _, err := uuid.Parse(groupID); err != nil || len(groupID) != 36 {
		return inputError("invalid_group", fmt.Sprintf("%q is not a group object id", groupID), "resolve the group first")
	}
	seg, err := userSegment(userID)
	if err != nil {
		return err
	}
	u := c.endpoint("/" + v1 + "/groups/" + escapeSegment(groupID) + "/members/" + seg + "/$ref")
	_, err = c.do(ctx, &request{op: "removing the user from the group", target: targetGroup, method: http.MethodDelete, url: u})
	var ge *Error
	if errors.As(err, &ge) && ge.Status == http.StatusNotFound {
		return nil
	}
	return err
}

// pages GETs first and each @odata.nextLink after it (same host only, bounded, never a
// loop), handing every body to page, which returns the next link.
func (c *Client) pages(ctx context.Context, op string, tgt target, first *url.URL, page func(body []byte) (string, error)) error {
	seen := map[string]bool{}
	for n, next := 0, first; next != nil; n++ {
		if n == maxPages || seen[next.String()] {
			return &Error{Op: op, Message: "Graph's @odata.nextLink does not end", code: "graph_invalid_response",
				hint: "the Graph URL may not point at Microsoft Graph"}
		}
		seen[next.String()] = true
		rep, err := c.do(ctx, &request{op: op, target: tgt, method: http.MethodGet, url: next})
		if err != nil {
			return err
		}
		link, err := page(rep.body)
		if err != nil {
			var ce interface{ ErrorCode() string }
			if errors.As(err, &ce) {
				return err // the callback's own failure
			}
			return invalidResponse(op, rep, err)
		}
		next = nil
		if link != "" {
			if next, err = c.nextLink(link); err != nil {
				return invalidResponse(op, rep, err)
			}
		}
	}
	return nil
}
