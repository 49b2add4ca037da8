package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Hints for the recovery calls' 403s: each names the least privileged permission.
const (
	hintForbiddenRevoke = "grant User.RevokeSessions.All (least privileged) to revoke a user's sign-in sessions"
	hintForbiddenTAP    = "grant UserAuthMethod-TAP.ReadWrite.All (least privileged) or UserAuthenticationMethod.ReadWrite.All " +
		"to issue a Temporary Access Pass; a delegated sign-in also needs the Authentication Administrator or " +
		"Privileged Authentication Administrator role"
)

// Graph's bounds on a pass's lifetime (the tenant's policy narrows them, 1 to 8 hours
// by default).
const (
	MinAccessPassLifetime = 10 * time.Minute
	MaxAccessPassLifetime = 43200 * time.Minute
)

// RevokeSignInSessions invalidates user's refresh tokens and session cookies, so
// every app must sign in again. It is retried like a read: a second revocation only
// moves the cut-off to now. Needs User.RevokeSessions.All.
func (c *Client) RevokeSignInSessions(ctx context.Context, user string) error {
	seg, err := userSegment(user)
	if err != nil {
		return err
	}
	const op = "revoking the user's sign-in sessions"
	rep, err := c.do(ctx, &request{op: op, target: targetUser, method: http.MethodPost,
		url: c.endpoint("/" + v1 + "/users/" + seg + "/revokeSignInSessions")})
	if err != nil {
		return forbiddenHint(err, hintForbiddenRevoke)
	}
	var doc struct {
		Value *bool `json:"value"`
	}
	if err := json.Unmarshal(rep.body, &doc); err != nil || doc.Value == nil || !*doc.Value {
		return invalidResponse(op, rep, errors.Join(err, errors.New(`no "value": true`)))
	}
	return nil
}

// CheckAccessPassLifetime refuses a lifetime Graph cannot take, before anything is
// changed: whole minutes from 10 minutes to 30 days, or 0 for the policy's default.
func CheckAccessPassLifetime(lifetime time.Duration) error {
	if lifetime == 0 {
		return nil
	}
	if lifetime < MinAccessPassLifetime || lifetime > MaxAccessPassLifetime || lifetime%time.Minute != 0 {
		return inputError("invalid_tap_lifetime", fmt.Sprintf("a Temporary Access Pass lifetime of %s is not whole minutes from 10m to 720h", lifetime),
			"give a lifetime such as 1h, within the tenant's Temporary Access Pass policy (1h to 8h by default)")
	}
	return nil
}

// CreateTemporaryAccessPass issues user a Temporary Access Pass living lifetime (0:
// the policy's default) and returns it; the pass is in the answer only, never again.
//
// Graph keeps at most one pass per user: a new pass replaces the one before. A POST
// whose outcome is unknown (the connection failed after it was written, a 5xx) may
// have issued a pass that nobody saw, which nobody can use; it is not simply sent
// again. The user's passes are listed and deleted first, so no unseen pass stays valid
// whatever Graph does with a second one, and only then is the POST repeated (at most
// MaxRetries times in all); Discarded counts the deleted ones. A 429, which Graph did
// not process, is retried after Retry-After. If the listing fails, or the call is
// cancelled with the POST on the wire, the error is tap_outcome_unknown.
func (c *Client) CreateTemporaryAccessPass(ctx context.Context, user string, lifetime time.Duration, usableOnce bool) (*TemporaryAccessPass, error) {
	seg, err := userSegment(user)
	if err != nil {
		return nil, err
	}
	if err := CheckAccessPassLifetime(lifetime); err != nil {
		return nil, err
	}
	body := map[string]any{"isUsableOnce": usableOnce}
	if lifetime > 0 {
		body["lifetimeInMinutes"] = int(lifetime / time.Minute)
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	const op = "issuing a Temporary Access Pass"
	r := &request{op: op, target: targetUser, method: http.MethodPost, url: c.endpoint(accessPassesPath(seg)), body: payload}
	discarded := 0
	return postOnce(ctx, c, r, unsafePost[*TemporaryAccessPass]{
		success: func(rep *reply, call *Call, n int) (*TemporaryAccessPass, error) {
			p, perr := parseAccessPass(rep.body)
			if perr != nil {
				// Issued, but unreadable: nobody will ever see it, so it goes.
				_, _ = c.discardAccessPasses(ctx, user)
				e := accessPassUnknown(op, n, call, invalidResponse(op, rep, perr))
				e.Status, e.RequestID = rep.status, call.RequestID
				return nil, e
			}
			p.RequestID, p.Discarded = call.RequestID, discarded
			return p, nil
		},
		classify: classifyAccessPass,
		// A pass nobody saw is useless and must not stay valid: delete whatever the
		// user has before asking again (a new pass would replace it anyway).
		settle: func(ctx context.Context, n int, call *Call) (*TemporaryAccessPass, bool, error) {
			k, derr := c.discardAccessPasses(ctx, user)
			discarded += k
			if derr != nil {
				return nil, true, accessPassUnknown(op, n, call, derr)
			}
			return nil, false, nil
		},
		cancelled: func(ctx context.Context, n int, call *Call, sent bool) (*TemporaryAccessPass, error) {
			if sent {
				return nil, accessPassUnknown(op, n, call, ctx.Err())
			}
			return nil, fmt.Errorf("%s: %w", op, ctx.Err())
		},
		refused: func(_ context.Context, last *Error, _ bool) (*TemporaryAccessPass, error) { return nil, last },
	})
}

// AccessPassIDs lists the ids of user's Temporary Access Pass methods (at most one,
// as Graph keeps them; the pass itself is never listed).
func (c *Client) AccessPassIDs(ctx context.Context, user string) ([]string, error) {
	seg, err := userSegment(user)
	if err != nil {
		return nil, err
	}
	var ids []string
	err = c.pages(ctx, "listing the user's Temporary Access Passes", targetUser, c.endpoint(accessPassesPath(seg)), func(body []byte) (string, error) {
		var doc struct {
			Value []struct {
				ID string `json:"id"`
			} `json:"value"`
			NextLink string `json:"@odata.nextLink"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			return "", err
		}
		for _, v := range doc.Value {
			if v.ID != "" {
				ids = append(ids, v.ID)
			}
		}
		return doc.NextLink, nil
	})
	if err != nil {
		return nil, forbiddenHint(err, hintForbiddenTAP)
	}
	return ids, nil
}

// DeleteAccessPass deletes one of user's Temporary Access Passes; one already gone
// counts as deleted.
func (c *Client) DeleteAccessPass(ctx context.Context, user, id string) error {
	seg, err := userSegment(user)
	if err != nil {
		return err
	}
	mseg, err := methodSegment(id)
	if err != nil {
		return err
	}
	_, err = c.do(ctx, &request{op: "deleting the Temporary Access Pass", target: targetMethod, method: http.MethodDelete,
		url: c.endpoint(accessPassesPath(seg) + "/" + mseg)})
	var ge *Error
	if errors.As(err, &ge) && ge.Status == http.StatusNotFound {
		return nil
	}
	return forbiddenHint(err, hintForbiddenTAP)
}

// discardAccessPasses deletes every pass user has, returning how many.
func (c *Client) discardAccessPasses(ctx context.Context, user string) (int, error) {
	ids, err := c.AccessPassIDs(ctx, user)
	if err != nil {
		return 0, err
	}
	for i, id := range ids {
		if err := c.DeleteAccessPass(ctx, user, id); err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

func accessPassesPath(userSeg string) string {
	return "/" + v1 + "/users/" + userSeg + "/authentication/temporaryAccessPassMethods"
}

// classifyAccessPass gives the pass's refusals their own codes: the policy's lifetime
// bounds, and the policy not letting this user have one (disabled, not targeted, a guest).
func classifyAccessPass(e *Error) {
	text := strings.ToLower(e.GraphCode + " " + e.Message)
	switch {
	case e.Status == http.StatusForbidden:
		e.hint = hintForbiddenTAP
	case e.Status == http.StatusBadRequest && strings.Contains(text, "lifetime"):
		e.code = "tap_lifetime_refused"
		e.hint = "choose a --tap-lifetime within the tenant's Temporary Access Pass policy; Graph's message gives its range"
	case e.Status == http.StatusBadRequest && (strings.Contains(text, "policy") || strings.Contains(text, "guest")):
		e.code = "tap_not_allowed"
		e.hint = "enable the Temporary Access Pass method in the authentication methods policy and include the user " +
			"(external guests can't have one)"
	}
}

// forbiddenHint swaps in the hint naming the permission a 403 lacks.
func forbiddenHint(err error, hint string) error {
	var ge *Error
	if errors.As(err, &ge) && ge.Status == http.StatusForbidden && ge.code == "graph_forbidden" {
		ge.hint = hint
	}
	return err
}

// accessPassUnknown is a pass that may have been issued but that nobody saw.
func accessPassUnknown(op string, n int, call *Call, cause error) *Error {
	return &Error{Op: op, Message: "whether Graph issued a Temporary Access Pass is unknown", Err: cause, Attempts: n,
		ClientRequestID: call.ClientRequestID, code: "tap_outcome_unknown",
		hint: "a pass nobody saw can't be used; issue a new one (it replaces any other the user has)"}
}
