package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// maxPages bounds @odata.nextLink following, so a misbehaving server cannot loop us forever.
const maxPages = 1000

// Method is a user's fido2AuthenticationMethod as Graph reports it.
type Method struct {
	// ID is Graph's opaque method id; it has been the base64url credential id with a
	// padding digit appended.
	ID                      string    `json:"id"`
	DisplayName             string    `json:"displayName"`
	CreatedDateTime         time.Time `json:"createdDateTime"`
	AAGUID                  string    `json:"aaGuid"`
	Model                   string    `json:"model"`
	AttestationCertificates []string  `json:"attestationCertificates"`
	AttestationLevel        string    `json:"attestationLevel"`
	PasskeyType             string    `json:"passkeyType,omitempty"`
	// Reconciled is set by Register when the POST's outcome was unknown and the method
	// was found by listing the user's methods instead of from the POST's answer.
	Reconciled bool `json:"-"`
	// Raw is the object exactly as Graph sent it, for callers that want every field.
	Raw json.RawMessage `json:"-"`
}

// parseMethod decodes one method, tolerating a missing or odd createdDateTime (it is
// informational; refusing the whole list over it would hide the user's keys).
func parseMethod(raw json.RawMessage) (Method, error) {
	var aux struct {
		Method
		CreatedDateTime *string `json:"createdDateTime"`
	}
	if err := json.Unmarshal(raw, &aux); err != nil {
		return Method{}, fmt.Errorf("decoding a fido2AuthenticationMethod: %w", err)
	}
	m := aux.Method
	if aux.CreatedDateTime != nil {
		if t, err := time.Parse(time.RFC3339Nano, *aux.CreatedDateTime); err == nil {
			m.CreatedDateTime = t
		}
	}
	if m.ID == "" {
		return Method{}, fmt.Errorf("a fido2AuthenticationMethod has no id")
	}
	m.Raw = append(json.RawMessage(nil), raw...)
	return m, nil
}

// Methods lists user's FIDO2 methods, following @odata.nextLink on the same host only.
func (c *Client) Methods(ctx context.Context, user string) ([]Method, error) {
	seg, err := userSegment(user)
	if err != nil {
		return nil, err
	}
	all := []Method{}
	err = c.pages(ctx, "listing the user's FIDO2 methods", targetUser, c.endpoint(methodsPath(v1, seg)), func(body []byte) (string, error) {
		methods, link, err := parseMethodsPage(body)
		all = append(all, methods...)
		return link, err
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// maxMethodsPerPage bounds one page: Graph pages a user's methods by the hundred.
const maxMethodsPerPage = 10000

// parseMethodsPage reads one page of a methods list: the methods and the next page's
// link, if any.
func parseMethodsPage(body []byte) ([]Method, string, error) {
	var doc struct {
		Value    []json.RawMessage `json:"value"`
		NextLink string            `json:"@odata.nextLink"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, "", err
	}
	if len(doc.Value) > maxMethodsPerPage {
		return nil, "", fmt.Errorf("a page of %d methods, more than Graph sends", len(doc.Value))
	}
	methods := make([]Method, 0, len(doc.Value))
	for _, raw := range doc.Value {
		m, err := parseMethod(raw)
		if err != nil {
			return nil, "", err
		}
		methods = append(methods, m)
	}
	return methods, doc.NextLink, nil
}

// nextLink accepts a paging link only on Graph's own scheme and host: the bearer token
// goes with it.
func (c *Client) nextLink(link string) (*url.URL, error) {
	u, err := c.base.Parse(link)
	if err != nil {
		return nil, fmt.Errorf("parsing @odata.nextLink: %w", err)
	}
	if u.Scheme != c.base.Scheme || u.Host != c.base.Host || u.User != nil {
		return nil, fmt.Errorf("@odata.nextLink points at another host (%s)", u.Host)
	}
	return u, nil
}

// Method gets one of user's FIDO2 methods by its id.
func (c *Client) Method(ctx context.Context, user, id string) (*Method, error) {
	path, err := methodPath(user, id)
	if err != nil {
		return nil, err
	}
	const op = "getting the FIDO2 method"
	rep, err := c.do(ctx, &request{op: op, target: targetMethod, method: http.MethodGet, url: c.endpoint(path)})
	if err != nil {
		return nil, err
	}
	m, err := parseMethod(rep.body)
	if err != nil {
		return nil, invalidResponse(op, rep, err)
	}
	return &m, nil
}

// DeleteMethod removes one of user's FIDO2 methods. A retried DELETE that finds the
// method already gone reports method_not_found: the caller decides whether that is fine.
// A delegated sign-in deleting its own method without fresh MFA is self_delete_mfa_required.
func (c *Client) DeleteMethod(ctx context.Context, user, id string) error {
	path, err := methodPath(user, id)
	if err != nil {
		return err
	}
	_, err = c.do(ctx, &request{op: "deleting the FIDO2 method", target: targetMethod,
		method: http.MethodDelete, url: c.endpoint(path)})
	return selfDeleteRefusal(err)
}

func methodPath(user, id string) (string, error) {
	useg, err := userSegment(user)
	if err != nil {
		return "", err
	}
	mseg, err := methodSegment(id)
	if err != nil {
		return "", err
	}
	return methodsPath(v1, useg) + "/" + mseg, nil
}
