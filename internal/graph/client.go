package graph

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/google/uuid"
)

// TokenSource is what the client needs from sign-in: a bearer token for Graph.
// internal/auth implements it.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// Config configures a Client. Zero values take the documented defaults.
type Config struct {
	// Cloud picks Graph's root URL; empty means CloudGlobal. BaseURL, when set, wins
	// (tests and the emulator pass theirs).
	Cloud   Cloud
	BaseURL string
	// HTTPClient carries the requests; nil means a client with Go's default transport.
	HTTPClient *http.Client
	// Tokens supplies the bearer token for every attempt (required).
	Tokens TokenSource
	// Version goes into the User-Agent "entra-passkey/<version>"; empty means "dev".
	Version string
	// MaxRetries bounds the retries of one call (default 5; negative disables retries).
	MaxRetries int
	// MaxBackoff caps a computed backoff, and a Retry-After longer than it ends the
	// retries rather than waiting (default 60s).
	MaxBackoff time.Duration
	// RequestTimeout bounds each HTTP attempt, body included (default 30s).
	RequestTimeout time.Duration
	// MaxResponseBytes bounds a response body (default 4 MiB).
	MaxResponseBytes int64
	// Observe, if set, receives one event per HTTP attempt, for debug logs and the
	// CLI's event stream. It never carries headers, bodies or tokens.
	Observe func(Call)
	// Sleep waits between attempts; injectable so tests run instantly.
	Sleep func(ctx context.Context, d time.Duration) error
	// NewRequestID makes each attempt's client-request-id (default a random UUID).
	NewRequestID func() string
	// Jitter returns a random duration in [0, d) (default uniform).
	Jitter func(d time.Duration) time.Duration
	// Now is the clock for Retry-After dates (default time.Now).
	Now func() time.Time
}

// Call describes one HTTP attempt, for logs: never a header, body or token.
type Call struct {
	Method string `json:"method"`
	// Path is the request path without its query (skip tokens stay out of logs).
	Path            string        `json:"path"`
	Status          int           `json:"status,omitempty"`
	Duration        time.Duration `json:"durationNs"`
	RequestID       string        `json:"requestId,omitempty"`
	ClientRequestID string        `json:"clientRequestId"`
	// Attempt counts from 1 within one client call.
	Attempt int `json:"attempt"`
	// RetryAfter is what Graph asked to wait; Wait is what the client waits before the
	// next attempt (0 when there is none).
	RetryAfter time.Duration `json:"retryAfterNs,omitempty"`
	Wait       time.Duration `json:"waitNs,omitempty"`
	// Error is the transport failure, when no response arrived.
	Error string `json:"error,omitempty"`
}

// Client calls Microsoft Graph. It is safe for concurrent use.
type Client struct {
	base       *url.URL
	http       *http.Client
	tokens     TokenSource
	userAgent  string
	maxRetries int
	maxBackoff time.Duration
	timeout    time.Duration
	maxBody    int64
	observe    func(Call)
	sleep      func(context.Context, time.Duration) error
	newID      func() string
	jitter     func(time.Duration) time.Duration
	now        func() time.Time
}

// New checks cfg and returns a client.
func New(cfg Config) (*Client, error) {
	raw := cfg.BaseURL
	if raw == "" {
		var err error
		if raw, err = cfg.Cloud.BaseURL(); err != nil {
			return nil, err
		}
	}
	base, err := parseBaseURL(raw)
	if err != nil {
		return nil, err
	}
	if cfg.Tokens == nil {
		return nil, inputError("graph_config_invalid", "no token source for Graph", "sign in first")
	}
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		hc = &copied
	}
	hc.CheckRedirect = RefuseRedirect // whatever the caller set: a redirect carries the token
	c := &Client{
		base:       base,
		http:       hc,
		tokens:     cfg.Tokens,
		userAgent:  "entra-passkey/" + firstNonEmpty(cfg.Version, "dev"),
		maxRetries: cfg.MaxRetries,
		maxBackoff: cfg.MaxBackoff,
		timeout:    cfg.RequestTimeout,
		maxBody:    cfg.MaxResponseBytes,
		observe:    cfg.Observe,
		sleep:      cfg.Sleep,
		newID:      cfg.NewRequestID,
		jitter:     cfg.Jitter,
		now:        cfg.Now,
	}
	if c.http == nil {
		c.http = &http.Client{}
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = 5
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	if c.maxBackoff <= 0 {
		c.maxBackoff = 60 * time.Second
	}
	if c.timeout <= 0 {
		c.timeout = 30 * time.Second
	}
	if c.maxBody <= 0 {
		c.maxBody = 4 << 20
	}
	if c.observe == nil {
		c.observe = func(Call) {}
	}
	if c.sleep == nil {
		c.sleep = defaultSleep
	}
	if c.newID == nil {
		c.newID = uuid.NewString
	}
	if c.jitter == nil {
		c.jitter = defaultJitter
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// BaseURL returns the Graph root the client talks to, e.g. for a loopback check.
func (c *Client) BaseURL() string { return c.base.String() }
