package auth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
)

// failureNote keeps the last failure to reach a sign-in endpoint. MSAL swallows some:
// a hung OpenID discovery that hits the client's timeout comes back as "authorize
// endpoint was not found in the openid configuration", which reads like a refusal. A
// sign-in that failed after one is reported as the endpoint not answering.
type failureNote struct {
	mu   sync.Mutex
	last error
}

// reset forgets failures before an acquisition starts.
func (n *failureNote) reset() {
	n.mu.Lock()
	n.last = nil
	n.mu.Unlock()
}

func (n *failureNote) take() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	last := n.last
	n.last = nil
	return last
}

// noting returns c with a transport that notes its failures in n.
func (n *failureNote) noting(c *http.Client) *http.Client {
	if c == nil {
		return nil
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	copied := *c
	copied.Transport = &notingTransport{next: next, note: n}
	return &copied
}

type notingTransport struct {
	next http.RoundTripper
	note *failureNote
}

func (t *notingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		// Kept as text, so a timeout's context error in it cannot pass for the user's
		// Ctrl-C; the URL without its query (no secret goes in a sign-in URL's path).
		where := url.URL{Scheme: req.URL.Scheme, Host: req.URL.Host, Path: req.URL.Path}
		t.note.mu.Lock()
		t.note.last = &url.Error{Op: req.Method, URL: where.String(), Err: errors.New(err.Error())}
		t.note.mu.Unlock()
	}
	return resp, err
}

// signInError classifies a failed sign-in, with a transport failure MSAL did not pass
// on joined to it (unless the user cancelled).
func (s *Source) signInError(op string, err error) *Error {
	if f := s.failures.take(); f != nil && !errors.Is(err, context.Canceled) {
		err = errors.Join(err, f)
	}
	return s.redact.signInError(op, err)
}
