package graph

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// stubServer is a loopback TLS Graph whose expectations are consumed in order; like
// cli/cli's httpmock, a test fails on a request no stub matches and on a stub never used.
type stubServer struct {
	t     *testing.T
	srv   *httptest.Server
	mu    sync.Mutex
	stubs []*stub
	seen  []seenRequest
}

// stub answers one request matching method and escaped path (query ignored unless set).
type stub struct {
	method, path, query string
	respond             func(w http.ResponseWriter, r *http.Request, body []byte)
	used                bool
}

// seenRequest is what the server received, for assertions.
type seenRequest struct {
	method, path, query string
	header              http.Header
	body                string
}

func newStubServer(t *testing.T) *stubServer {
	t.Helper()
	s := &stubServer{t: t}
	s.srv = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		s.srv.Close()
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, st := range s.stubs {
			if !st.used {
				t.Errorf("unused stub: %s %s", st.method, st.path)
			}
		}
	})
	return s
}

func (s *stubServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.seen = append(s.seen, seenRequest{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), string(body)})
	var match *stub
	for _, st := range s.stubs {
		if !st.used && st.method == r.Method && st.path == r.URL.EscapedPath() &&
			(st.query == "" || st.query == r.URL.RawQuery) {
			match, st.used = st, true
			break
		}
	}
	s.mu.Unlock()
	if match == nil {
		s.t.Errorf("unmatched request: %s %s?%s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery)
		http.Error(w, "no stub", http.StatusTeapot)
		return
	}
	match.respond(w, r, body)
}

// on adds an expectation; expectations with the same method and path answer in order.
func (s *stubServer) on(method, path string, respond func(w http.ResponseWriter, r *http.Request, body []byte)) *stub {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &stub{method: method, path: path, respond: respond}
	s.stubs = append(s.stubs, st)
	return st
}

func (s *stubServer) requests() []seenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seenRequest(nil), s.seen...)
}

// respond answers with a status, a JSON body and header pairs.
func respond(status int, body string, headerPairs ...string) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		for i := 0; i+1 < len(headerPairs); i += 2 {
			w.Header().Set(headerPairs[i], headerPairs[i+1])
		}
		w.Header().Set("request-id", "srv-"+r.Header.Get("client-request-id"))
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// graphError answers with Graph's error envelope.
func graphError(status int, code, message string, headerPairs ...string) func(http.ResponseWriter, *http.Request, []byte) {
	body := fmt.Sprintf(`{"error":{"code":%q,"message":%q,"innerError":{"date":"2024-06-13T11:26:35","request-id":"inner-rid","client-request-id":"inner-crid"}}}`, code, message)
	return respond(status, body, headerPairs...)
}

// reset closes the connection without an answer, after running effect (e.g. storing).
func reset(effect func(body []byte)) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, _ *http.Request, body []byte) {
		if effect != nil {
			effect(body)
		}
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}
}

// staticToken is a TokenSource with a fixed, recognisable token.
type staticToken string

func (s staticToken) Token(context.Context) (string, error) { return string(s), nil }

const testToken = "eyJTOKEN.SECRET.never-log-me"

// recorder collects Observe events and Sleep durations.
type recorder struct {
	mu     sync.Mutex
	calls  []Call
	sleeps []time.Duration
}

func (r *recorder) observe(c Call) { r.mu.Lock(); r.calls = append(r.calls, c); r.mu.Unlock() }

func (r *recorder) sleep(_ context.Context, d time.Duration) error {
	r.mu.Lock()
	r.sleeps = append(r.sleeps, d)
	r.mu.Unlock()
	return nil
}

// newTestClient returns a client of s with instant, recorded sleeps and no jitter.
func newTestClient(t *testing.T, s *stubServer, edit ...func(*Config)) (*Client, *recorder) {
	t.Helper()
	rec := &recorder{}
	n := 0
	var mu sync.Mutex
	cfg := Config{
		BaseURL: s.srv.URL, HTTPClient: s.srv.Client(), Tokens: staticToken(testToken),
		Version: "test", Observe: rec.observe, Sleep: rec.sleep,
		Jitter: func(time.Duration) time.Duration { return 0 },
		NewRequestID: func() string {
			mu.Lock()
			defer mu.Unlock()
			n++
			return fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
		},
	}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, rec
}

// noSecret fails the test if the token appears in s.
func noSecret(t *testing.T, what, s string) {
	t.Helper()
	if strings.Contains(s, testToken) || strings.Contains(s, "SECRET") {
		t.Errorf("%s contains the token: %s", what, s)
	}
}

// freshConnections makes every request open its own connection: net/http silently
// replays an idempotent request whose reused connection was closed, which would hide
// the transport failures a test injects.
func freshConnections(s *stubServer) func(*Config) {
	return func(cfg *Config) {
		tr := s.srv.Client().Transport.(*http.Transport).Clone()
		tr.DisableKeepAlives = true
		cfg.HTTPClient = &http.Client{Transport: tr}
	}
}
