package graph

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

const listPath = "/v1.0/users/a%40b.c/authentication/fido2Methods"

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 6, 13, 11, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2", 2 * time.Second, true},
		{"1.5", 1500 * time.Millisecond, true},
		{" 0.25 ", 250 * time.Millisecond, true},
		{"0", 0, true},
		{"Thu, 13 Jun 2024 11:00:07 GMT", 7 * time.Second, true},
		{"Thu, 13 Jun 2024 10:59:00 GMT", 0, true},
		{"99999999999", maxRetryAfter, true},
		{"", 0, false},
		{"-1", 0, false},
		{"soon", 0, false},
		{"NaN", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRetryStormThenSuccess(t *testing.T) {
	s := newStubServer(t)
	s.on("GET", listPath, graphError(429, "TooManyRequests", "throttled", "Retry-After", "1.5"))
	s.on("GET", listPath, graphError(503, "serviceNotAvailable", "busy", "Retry-After", "0.2"))
	s.on("GET", listPath, respond(504, "<html>gateway timeout</html>"))
	s.on("GET", listPath, reset(nil))
	s.on("GET", listPath, respond(200, `{"value":[{"id":"m1","displayName":"k"}]}`))
	c, rec := newTestClient(t, s, freshConnections(s))
	got, err := c.Methods(context.Background(), "a@b.c")
	if err != nil {
		t.Fatalf("Methods: %v", err)
	}
	if len(got) != 1 || got[0].ID != "m1" {
		t.Errorf("methods = %+v", got)
	}
	// Retry-After honoured exactly (fractional), then exponential backoff with no jitter.
	wantSleeps := []time.Duration{1500 * time.Millisecond, 200 * time.Millisecond, 1 * time.Second, 2 * time.Second}
	if !slices.Equal(rec.sleeps, wantSleeps) {
		t.Errorf("sleeps = %v, want %v", rec.sleeps, wantSleeps)
	}
	var statuses []int
	var ids []string
	for i, c := range rec.calls {
		statuses = append(statuses, c.Status)
		ids = append(ids, c.ClientRequestID)
		if c.Attempt != i+1 {
			t.Errorf("event %d: attempt %d", i, c.Attempt)
		}
	}
	if want := []int{429, 503, 504, 0, 200}; !slices.Equal(statuses, want) {
		t.Errorf("observed statuses %v, want %v", statuses, want)
	}
	if rec.calls[0].RetryAfter != 1500*time.Millisecond || rec.calls[0].Wait != 1500*time.Millisecond {
		t.Errorf("first event retry-after/wait = %v/%v", rec.calls[0].RetryAfter, rec.calls[0].Wait)
	}
	if rec.calls[3].Error == "" {
		t.Error("transport failure not reported in its event")
	}
	slices.Sort(ids)
	if len(slices.Compact(ids)) != 5 {
		t.Errorf("client-request-ids not unique per attempt: %v", ids)
	}
}

func TestRetryExhaustion(t *testing.T) {
	tests := []struct {
		name     string
		retries  int
		attempts int
	}{
		{"default five retries", 0, 6},
		{"two retries", 2, 3},
		{"retries disabled", -1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStubServer(t)
			for range tt.attempts {
				s.on("GET", listPath, graphError(503, "serviceNotAvailable", "The service is busy."))
			}
			c, rec := newTestClient(t, s, func(cfg *Config) { cfg.MaxRetries = tt.retries })
			_, err := c.Methods(context.Background(), "a@b.c")
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("error %v is not a *graph.Error", err)
			}
			if ge.ErrorCode() != "graph_unavailable" || ge.Attempts != tt.attempts || ge.Status != 503 {
				t.Errorf("got code %s attempts %d status %d, want graph_unavailable %d 503", ge.ErrorCode(), ge.Attempts, ge.Status, tt.attempts)
			}
			if ge.GraphCode != "serviceNotAvailable" || ge.Message != "The service is busy." || ge.RequestID != "inner-rid" {
				t.Errorf("Graph's words not kept: %+v", ge)
			}
			if len(rec.sleeps) != tt.attempts-1 {
				t.Errorf("%d sleeps, want %d", len(rec.sleeps), tt.attempts-1)
			}
		})
	}
}

func TestBackoffIsBounded(t *testing.T) {
	s := newStubServer(t)
	for range 7 {
		s.on("GET", listPath, respond(504, ""))
	}
	c, rec := newTestClient(t, s, func(cfg *Config) { cfg.MaxRetries = 6; cfg.MaxBackoff = 3 * time.Second })
	if _, err := c.Methods(context.Background(), "a@b.c"); err == nil {
		t.Fatal("no error")
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second, 3 * time.Second}
	// With Jitter returning 0 the wait is half the capped exponential step.
	for i := range want {
		want[i] /= 2
	}
	if !slices.Equal(rec.sleeps, want) {
		t.Errorf("sleeps = %v, want %v", rec.sleeps, want)
	}
}

func TestRetryAfterBeyondMaxBackoffIsNotWaited(t *testing.T) {
	s := newStubServer(t)
	s.on("GET", listPath, graphError(429, "TooManyRequests", "slow down", "Retry-After", "3600"))
	c, rec := newTestClient(t, s)
	_, err := c.Methods(context.Background(), "a@b.c")
	var ge *Error
	if !errors.As(err, &ge) || ge.ErrorCode() != "graph_throttled" || ge.RetryAfter != time.Hour {
		t.Fatalf("error = %v, want graph_throttled with RetryAfter 1h", err)
	}
	if !strings.Contains(ge.ErrorHint(), "1h0m0s") || len(rec.sleeps) != 0 {
		t.Errorf("hint %q, sleeps %v", ge.ErrorHint(), rec.sleeps)
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 500} {
		s := newStubServer(t)
		s.on("GET", listPath, graphError(status, "x", "y"))
		c, rec := newTestClient(t, s)
		if _, err := c.Methods(context.Background(), "a@b.c"); err == nil {
			t.Errorf("%d: no error", status)
		}
		if len(rec.calls) != 1 {
			t.Errorf("%d: %d attempts, want 1", status, len(rec.calls))
		}
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	s := newStubServer(t)
	s.on("GET", listPath, respond(503, ""))
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := newTestClient(t, s, func(cfg *Config) {
		cfg.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	})
	_, err := c.Methods(ctx, "a@b.c")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

func TestRequestTimeoutIsRetried(t *testing.T) {
	s := newStubServer(t)
	s.on("GET", listPath, func(w http.ResponseWriter, r *http.Request, _ []byte) { <-r.Context().Done() })
	s.on("GET", listPath, respond(200, `{"value":[]}`))
	c, rec := newTestClient(t, s, func(cfg *Config) { cfg.RequestTimeout = 50 * time.Millisecond })
	got, err := c.Methods(context.Background(), "a@b.c")
	if err != nil || len(got) != 0 {
		t.Fatalf("Methods = %v, %v", got, err)
	}
	if !strings.Contains(rec.calls[0].Error, "timed out") {
		t.Errorf("first event error = %q, want a timeout", rec.calls[0].Error)
	}
}

func TestUntrustedCertificateIsNotRetried(t *testing.T) {
	s := newStubServer(t) // no stubs: the TLS handshake fails before any request
	c, rec := newTestClient(t, s, func(cfg *Config) { cfg.HTTPClient = &http.Client{} })
	_, err := c.Methods(context.Background(), "a@b.c")
	var ge *Error
	if !errors.As(err, &ge) || ge.ErrorCode() != "graph_tls_failed" {
		t.Fatalf("error = %v, want graph_tls_failed", err)
	}
	if len(rec.calls) != 1 || len(rec.sleeps) != 0 {
		t.Errorf("%d attempts, %d sleeps; want 1, 0", len(rec.calls), len(rec.sleeps))
	}
}
