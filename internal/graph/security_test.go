package graph

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestRegressionRedirectsAreNeverFollowed: Go keeps Authorization on a redirect to the
// same host (any scheme) and re-POSTs the body on 307; Graph never redirects, so a 3xx
// is an error naming the Location's host and the plain listener receives nothing.
func TestRegressionRedirectsAreNeverFollowed(t *testing.T) {
	var hits atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(404)
	}))
	defer plain.Close()
	for _, tt := range []struct {
		method, path string
		status       int
		call         func(c *Client) error
	}{
		{"GET", listPath, http.StatusFound, func(c *Client) error { _, err := c.Methods(context.Background(), "a@b.c"); return err }},
		{"POST", listPath, http.StatusTemporaryRedirect, func(c *Client) error {
			_, err := c.Register(context.Background(), "a@b.c", registrationBody(t, "k"))
			return err
		}},
	} {
		s := newStubServer(t)
		s.on(tt.method, tt.path, respond(tt.status, "", "Location", plain.URL+"/steal"))
		c, _ := newTestClient(t, s)
		err := tt.call(c)
		var re *RedirectError
		if !errors.As(err, &re) || re.ErrorCode() != "redirect_refused" || !strings.Contains(err.Error(), strings.TrimPrefix(plain.URL, "http://")) {
			t.Errorf("%s %d: error %v, want redirect_refused naming %s", tt.method, tt.status, err, plain.URL)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the plain http listener received %d requests", n)
	}
}

// TestRegressionThrottledToTheEnd: 429s that exhaust the retries are graph_throttled,
// not graph_unavailable, so scripts can back off longer.
func TestRegressionThrottledToTheEnd(t *testing.T) {
	s := newStubServer(t)
	c, _ := newTestClient(t, s, func(cfg *Config) { cfg.MaxRetries = 2 })
	for range 3 {
		s.on("GET", listPath, graphError(429, "TooManyRequests", "slow down", "Retry-After", "0.01"))
	}
	_, err := c.Methods(context.Background(), "a@b.c")
	var ge *Error
	if !errors.As(err, &ge) || ge.ErrorCode() != "graph_throttled" {
		t.Fatalf("error = %v, want graph_throttled", err)
	}
}

// TestRegressionUnparsable201IsOutcomeUnknown: Graph created the method but its answer
// cannot be read and the listing does not show it yet: the outcome is unknown (101),
// not an invalid response (1) that invites registering the key again.
func TestRegressionUnparsable201IsOutcomeUnknown(t *testing.T) {
	s := newStubServer(t)
	s.on("POST", listPath, respond(201, "<html>not json</html>"))
	s.on("GET", listPath, respond(200, `{"value":[]}`))
	c, _ := newTestClient(t, s)
	_, err := c.Register(context.Background(), "a@b.c", registrationBody(t, "k"))
	var ge *Error
	if !errors.As(err, &ge) || ge.ErrorCode() != "graph_outcome_unknown" {
		t.Fatalf("error = %v, want graph_outcome_unknown", err)
	}
}

// TestRegressionCancelledPOSTReconciles: Ctrl-C with the POST on the wire lists the
// methods once before giving up, so a stored registration is reported.
func TestRegressionCancelledPOSTReconciles(t *testing.T) {
	store := &fakeStore{}
	ctx, cancel := context.WithCancel(context.Background())
	s := newStubServer(t)
	s.on("POST", listPath, func(w http.ResponseWriter, r *http.Request, b []byte) {
		store.store(b)
		cancel() // the user presses Ctrl-C while Graph answers
		<-r.Context().Done()
	})
	s.on("GET", listPath, store.list)
	c, _ := newTestClient(t, s)
	m, err := c.Register(ctx, "a@b.c", registrationBody(t, "k"))
	if err != nil || m == nil || !m.Reconciled {
		t.Fatalf("Register after Ctrl-C = %+v, %v; want the stored method, reconciled", m, err)
	}
}

func TestLoopbackIsAnAddress(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1": true, "127.1.2.3": true, "::1": true,
		"127.evil.example": false, "localhost": false, "localhost.evil.example": false, "10.0.0.1": false, "": false, "::ffff:8.8.8.8": false,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
	if IsLoopbackURL("http://127.evil.example/x") || !IsLoopbackURL("https://127.0.0.1:8443/t") || IsLoopbackURL("127.0.0.1") {
		t.Error("IsLoopbackURL decides on the URL's host address")
	}
}
