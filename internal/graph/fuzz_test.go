package graph

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Graph's answers are untrusted input: a proxy, a gateway or a wrong --graph-url can put
// anything there. These targets check what the client makes of any answer.

// FuzzParseMethodsPage: a page is accepted only with an id on every method, each
// method's Raw is the object Graph sent, and a paging link is followed only on Graph's
// own scheme and host.
func FuzzParseMethodsPage(f *testing.F) {
	f.Add([]byte(`{"value":[{"id":"abc0","displayName":"k","createdDateTime":"2024-06-13T11:26:35Z"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/users/u/authentication/fido2Methods?$skiptoken=x"}`))
	f.Add([]byte(`{"value":[],"@odata.nextLink":"https://evil.example/v1.0/x"}`))
	f.Add([]byte(`{"value":[{"id":""}]}`))
	f.Add([]byte(`{"value":[{"id":"a","createdDateTime":"yesterday"}]}`))
	base, _ := url.Parse("https://graph.microsoft.com")
	c := &Client{base: base}
	f.Fuzz(func(t *testing.T, body []byte) {
		methods, link, err := parseMethodsPage(body)
		if err != nil {
			return
		}
		for _, m := range methods {
			if m.ID == "" {
				t.Fatalf("accepted a method without an id")
			}
			var again struct {
				ID string `json:"id"`
			}
			if json.Unmarshal(m.Raw, &again) != nil || again.ID != m.ID {
				t.Fatalf("Raw %s does not hold id %q", m.Raw, m.ID)
			}
		}
		if link == "" {
			return
		}
		if u, err := c.nextLink(link); err == nil && (u.Scheme != "https" || u.Host != "graph.microsoft.com" || u.User != nil) {
			t.Fatalf("followed %q to %s", link, u)
		}
	})
}

// FuzzGraphError: any non-2xx answer becomes an Error with a documented code and a hint,
// and the bearer token sent never shows in its message, even when the body echoes it.
func FuzzGraphError(f *testing.F) {
	f.Add(uint16(403), []byte(`{"error":{"code":"accessDenied","message":"Request Authorization failed"}}`), "")
	f.Add(uint16(400), []byte(`{"error":{"code":"x","message":"echo Bearer tok-SECRET-123"}}`), "1")
	f.Add(uint16(429), []byte(`<html>busy</html>`), "120")
	f.Add(uint16(500), []byte(`{"error":{"message":"challenge expired"}}`), "Wed, 21 Oct 2015 07:28:00 GMT")
	codes := map[string]bool{"challenge_expired": true, "graph_unauthorized": true, "graph_forbidden": true, "method_not_found": true,
		"policy_not_found": true, "user_not_found": true, "graph_bad_request": true, "graph_conflict": true, "graph_throttled": true,
		"graph_unavailable": true, "graph_server_error": true, "graph_request_failed": true}
	const token = "tok-SECRET-123"
	c := &Client{now: time.Now}
	f.Fuzz(func(t *testing.T, status uint16, body []byte, retryAfter string) {
		if status < 300 || status > 599 {
			return
		}
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		rep := &reply{status: int(status), header: h, body: body, token: token}
		for _, tgt := range []target{targetUser, targetMethod, targetPolicy} {
			e := c.replyError(&request{op: "testing", target: tgt}, rep, &Call{}, 1)
			if !codes[e.ErrorCode()] || e.ErrorHint() == "" {
				t.Fatalf("status %d: code %q hint %q", status, e.ErrorCode(), e.ErrorHint())
			}
			if strings.Contains(e.Error(), token) {
				t.Fatalf("the token reached the message: %s", e.Error())
			}
			if e.RetryAfter < 0 {
				t.Fatalf("negative Retry-After %s from %q", e.RetryAfter, retryAfter)
			}
		}
	})
}

// FuzzMethodIDNamesItsCredential is the round-trip property for method ids: for every
// credential id, Graph's method id (base64url plus .NET's padding digit), its unpadded
// base64url and its standard base64 all name it, and a different id never does.
func FuzzMethodIDNamesItsCredential(f *testing.F) {
	f.Add([]byte("credential-id-0123456789abcdefghijklmnop!"))
	f.Add(append(bytes.Repeat([]byte{0x9c}, 47), 0x35))
	f.Fuzz(func(t *testing.T, id []byte) {
		if len(id) == 0 {
			return
		}
		for _, form := range []string{methodID(id), base64.RawURLEncoding.EncodeToString(id), base64.StdEncoding.EncodeToString(id)} {
			if !sameCredential(form, id) {
				t.Fatalf("%q does not name %x", form, id)
			}
		}
		other := append([]byte{id[0] ^ 0xff}, id[1:]...)
		if sameCredential(methodID(id), other) {
			t.Fatalf("%q names a different id %x", methodID(id), other)
		}
	})
}
