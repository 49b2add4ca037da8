package graph

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// Register POSTs a credential to user's fido2Methods and returns the method Graph created.
//
// A POST is never blindly repeated. Throttled (429) attempts, which Graph did not
// process, are retried after Retry-After. When the outcome is unknown (the connection
// failed after the request was written, a timeout, a 5xx), the user's methods are listed
// first: if the credential is there it is returned with Reconciled set; only if it is
// not is the POST sent again, at most MaxRetries times in all. So a credential is
// registered at most once, and a registration that happened is never reported lost.
func (c *Client) Register(ctx context.Context, user string, body *webauthn.RegistrationBody) (*Method, error) {
	seg, err := userSegment(user)
	if err != nil {
		return nil, err
	}
	credID, payload, err := registrationPayload(body)
	if err != nil {
		return nil, err
	}
	const op = "registering the credential"
	r := &request{op: op, target: targetUser, method: http.MethodPost, url: c.endpoint(methodsPath(v1, seg)), body: payload}
	return postOnce(ctx, c, r, unsafePost[*Method]{
		success: func(rep *reply, call *Call, n int) (*Method, error) {
			m, perr := parseMethod(rep.body)
			if perr == nil {
				return &m, nil
			}
			// Graph registered something but its answer is unusable: find the record.
			if found, rerr := c.reconcile(ctx, user, credID); rerr == nil && found != nil {
				return found, nil
			}
			e := outcomeUnknown(op, n, call, invalidResponse(op, rep, perr))
			e.Status, e.RequestID = rep.status, call.RequestID
			return nil, e
		},
		settle: func(ctx context.Context, n int, call *Call) (*Method, bool, error) {
			found, rerr := c.reconcile(ctx, user, credID)
			if rerr != nil {
				return nil, true, outcomeUnknown(op, n, call, rerr)
			}
			return found, found != nil, nil
		},
		cancelled: func(ctx context.Context, n int, call *Call, sent bool) (*Method, error) {
			if !sent {
				return nil, fmt.Errorf("%s: %w", op, ctx.Err())
			}
			// Cancelled with the POST on the wire: ask once, briefly, so a stored
			// registration is reported (and recorded), not lost.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelledReconcileTimeout)
			found, rerr := c.reconcile(rctx, user, credID)
			cancel()
			if rerr == nil && found != nil {
				return found, nil
			}
			return nil, outcomeUnknown(op, n, call, ctx.Err())
		},
		refused: func(ctx context.Context, last *Error, settled bool) (*Method, error) {
			if settled {
				// The earlier attempt may have landed after all (Graph's lists lag):
				// a duplicate refusal then means it is registered.
				if found, rerr := c.reconcile(ctx, user, credID); rerr == nil && found != nil {
					return found, nil
				}
			}
			return nil, last
		},
		exhausted: func(e *Error, settled bool) {
			if settled {
				e.hint = "graph did not register the credential (checked by listing the user's methods); try again later"
			}
		},
	})
}

// cancelledReconcileTimeout bounds the one listing after Ctrl-C during a POST: long
// enough for Graph to answer, short enough that the user is not kept waiting (a second
// Ctrl-C ends the process at once).
const cancelledReconcileTimeout = 3 * time.Second

// reconcile looks for the credential among user's methods; nil means it is not there.
func (c *Client) reconcile(ctx context.Context, user string, credID []byte) (*Method, error) {
	methods, err := c.Methods(ctx, user)
	if err != nil {
		return nil, err
	}
	for i := range methods {
		if sameCredential(methods[i].ID, credID) {
			m := methods[i]
			m.Reconciled = true
			return &m, nil
		}
	}
	return nil, nil
}

// sameCredential reports whether a Graph method id names the credential. Graph's ids
// append a digit to base64url, and a digit is also a base64url character, so decoding
// an id alone is ambiguous (a trailing "1" or "2" can decode as data); comparing with
// every encoding of the known credential id is not.
func sameCredential(methodID string, credID []byte) bool {
	raw := base64.RawURLEncoding.EncodeToString(credID)
	pad := (3 - len(credID)%3) % 3
	for _, form := range []string{raw + strconv.Itoa(pad), raw, base64.StdEncoding.EncodeToString(credID),
		base64.URLEncoding.EncodeToString(credID), base64.RawStdEncoding.EncodeToString(credID)} {
		if methodID == form {
			return true
		}
	}
	readings, err := webauthn.CredentialIDReadings(methodID)
	if err != nil {
		return false
	}
	for _, id := range readings {
		if bytes.Equal(id, credID) {
			return true
		}
	}
	return false
}

// registrationPayload serialises the body once, so every attempt sends the same bytes,
// and checks it; it returns the credential id for reconciliation. The checks read the
// serialised JSON: what Graph will see is what is checked.
func registrationPayload(body *webauthn.RegistrationBody) (credID, payload []byte, err error) {
	bad := func(msg string) ([]byte, []byte, error) {
		return nil, nil, inputError("invalid_registration", msg, "make the credential again with make-credential")
	}
	if body == nil {
		return bad("no registration body")
	}
	if payload, err = json.Marshal(body); err != nil {
		return bad("encoding the registration body: " + err.Error())
	}
	var sent struct {
		DisplayName         string `json:"displayName"`
		PublicKeyCredential struct {
			ID webauthn.URLBytes `json:"id"` // read back exactly: no padding guess
		} `json:"publicKeyCredential"`
	}
	if err := json.Unmarshal(payload, &sent); err != nil {
		return bad("the registration body is not a JSON object")
	}
	if err := webauthn.ValidateDisplayName(sent.DisplayName); err != nil {
		// webauthn's own code (invalid_display_name, display_name_too_long) shows through.
		return nil, nil, fmt.Errorf("checking the registration body: %w", err)
	}
	if credID = sent.PublicKeyCredential.ID; len(credID) == 0 {
		return bad("the credential has no usable id")
	}
	return credID, payload, nil
}

// outcomeUnknown is a registration that may or may not have happened.
func outcomeUnknown(op string, n int, call *Call, cause error) *Error {
	return &Error{Op: op, Message: "the registration's outcome is unknown", Err: cause, Attempts: n,
		ClientRequestID: call.ClientRequestID, code: "graph_outcome_unknown",
		hint: "list the user's methods (entra-passkey methods list) before registering this key again"}
}

// SameCredential reports whether a Graph method id names the credential credID, in any
// of Graph's encodings (what reconciliation matches on).
func SameCredential(methodID string, credID []byte) bool { return sameCredential(methodID, credID) }
