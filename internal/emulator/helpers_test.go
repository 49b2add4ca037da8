package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is an injectable, adjustable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is a running emulator with a test authenticator whose root it trusts.
type env struct {
	t     *testing.T
	s     *Server
	clock *clock
	key   *testKey
	http  *http.Client
}

const adele = "adele@contoso.example"

// sharedCertDir holds one CA and token key for the whole test binary: generating an
// RSA key per test would dominate the run time.
var sharedCertDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "emulator-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sharedCertDir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// startEnv starts the demo tenant with a fixed clock, small pages and the test key's
// root; mutate adjusts the config first.
func startEnv(t *testing.T, mutate func(*Config)) *env {
	t.Helper()
	key := newTestKey(t, testAAGUID)
	clk := &clock{t: time.Now().UTC().Truncate(time.Second)}
	cfg := DefaultConfig()
	cfg.CertDir = sharedCertDir
	cfg.Now = clk.Now
	cfg.PageSize = 2
	cfg.AttestationRoots = [][]byte{key.rootPEM}
	cfg.Models = map[string]string{testAAGUID: "Emulator Test Key"}
	if mutate != nil {
		mutate(&cfg)
	}
	s, err := Start(cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return &env{t: t, s: s, clock: clk, key: key, http: s.Client()}
}

// reply is a decoded response.
type reply struct {
	status int
	header http.Header
	raw    []byte
	json   map[string]any
}

// errorCode returns error.code of a Graph error envelope.
func (r *reply) errorCode() string {
	e, _ := r.json["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func (r *reply) errorMessage() string {
	e, _ := r.json["error"].(map[string]any)
	msg, _ := e["message"].(string)
	return msg
}

// call sends a Graph request with an app-only token of the demo automation app
// unless token is given ("-" sends none).
func (e *env) call(method, path, token string, body any) *reply {
	e.t.Helper()
	if token == "" {
		token = e.appToken()
	}
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatalf("encoding body: %v", err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.s.URL()+path, rd)
	if err != nil {
		e.t.Fatalf("request: %v", err)
	}
	if token != "-" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("client-request-id", "11111111-2222-3333-4444-555555555555")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.http.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("reading %s %s: %v", method, path, err)
	}
	r := &reply{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &r.json); err != nil {
			e.t.Fatalf("decoding %s %s: %v: %s", method, path, err, raw)
		}
	}
	return r
}

func (e *env) appToken() string {
	e.t.Helper()
	tok, err := e.s.Token(DemoClientID, "")
	if err != nil {
		e.t.Fatalf("Token: %v", err)
	}
	return tok
}

// options fetches v1.0 creation options for user and fails the test unless 200.
func (e *env) options(user string) map[string]any {
	e.t.Helper()
	r := e.call("GET", "/v1.0/users/"+escapeUPN(user)+"/authentication/fido2Methods/creationOptions", "", nil)
	if r.status != http.StatusOK {
		e.t.Fatalf("creationOptions: %d %s", r.status, r.raw)
	}
	return r.json
}

func escapeUPN(u string) string {
	return strings.NewReplacer("@", "%40", "#", "%23").Replace(u)
}

func challengeOf(t *testing.T, opts map[string]any) string {
	t.Helper()
	pk, _ := opts["publicKey"].(map[string]any)
	c, _ := pk["challenge"].(string)
	if c == "" {
		t.Fatalf("no challenge in %v", opts)
	}
	return c
}
