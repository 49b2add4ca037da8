package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Challenge lifetimes Graph accepts. v1.0 always issues DefaultChallengeTimeout; beta's
// function-call form takes whole minutes up to MaxChallengeTimeout (30 days).
const (
	DefaultChallengeTimeout = 5 * time.Minute
	MaxChallengeTimeout     = 43200 * time.Minute
)

// CreationOptions fetches WebAuthn creation options for user (object id or UPN) and
// returns the JSON exactly as Graph sent it.
//
// A challengeTimeout of zero or up to five minutes uses v1.0 (five minutes, fixed).
// Longer ones use beta's function-call form creationOptions(challengeTimeoutInMinutes=N),
// because its query form has answered 405; they must be whole minutes up to 30 days.
func (c *Client) CreationOptions(ctx context.Context, user string, challengeTimeout time.Duration) ([]byte, error) {
	seg, err := userSegment(user)
	if err != nil {
		return nil, err
	}
	path := methodsPath(v1, seg) + "/creationOptions"
	if challengeTimeout > DefaultChallengeTimeout {
		minutes, err := challengeMinutes(challengeTimeout)
		if err != nil {
			return nil, err
		}
		path = methodsPath(beta, seg) + "/creationOptions(challengeTimeoutInMinutes=" + strconv.Itoa(minutes) + ")"
	} else if challengeTimeout < 0 {
		return nil, inputError("invalid_challenge_timeout", "challenge timeout is negative",
			"give a duration from 5m to 720h")
	}
	rep, err := c.do(ctx, &request{op: "getting creation options", target: targetUser,
		method: http.MethodGet, url: c.endpoint(path)})
	if err != nil {
		return nil, err
	}
	if !json.Valid(rep.body) {
		return nil, invalidResponse("getting creation options", rep, nil)
	}
	return rep.body, nil
}

// CheckChallengeTimeout accepts what Graph does, before any sign-in or key: 5m (v1.0), or
// whole minutes up to 30 days (beta, for keys prepared ahead).
func CheckChallengeTimeout(d time.Duration) error {
	if d < DefaultChallengeTimeout || d > MaxChallengeTimeout || d%time.Minute != 0 {
		return inputError("invalid_challenge_timeout", fmt.Sprintf("--challenge-timeout %s is not whole minutes from 5m to 720h", d),
			"give 5m (Graph v1.0) or whole minutes up to 720h (30 days, Graph beta)")
	}
	return nil
}

// challengeMinutes converts a beta challenge timeout to Graph's whole minutes.
func challengeMinutes(d time.Duration) (int, error) {
	if d%time.Minute != 0 || d > MaxChallengeTimeout {
		return 0, inputError("invalid_challenge_timeout",
			fmt.Sprintf("challenge timeout %s is not whole minutes from 5m to 720h", d),
			"give whole minutes from 5m to 720h (30 days)")
	}
	return int(d / time.Minute), nil
}

// invalidResponse is a 2xx reply the client cannot use.
func invalidResponse(op string, rep *reply, cause error) *Error {
	return &Error{Op: op, Status: rep.status, RequestID: rep.header.Get("request-id"),
		ClientRequestID: rep.header.Get("client-request-id"), Message: "unexpected response from Graph",
		Err: cause, code: "graph_invalid_response", hint: "the Graph URL may not point at Microsoft Graph"}
}
