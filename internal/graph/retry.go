package graph

import (
	"context"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoffBase is the first wait of the exponential backoff when Graph gives no Retry-After.
const backoffBase = 500 * time.Millisecond

// maxRetryAfter bounds a parsed Retry-After so absurd values cannot overflow a Duration.
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter reads Retry-After as seconds (Graph sends fractions, e.g. "1.5") or as
// an HTTP-date relative to now.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if math.IsNaN(s) || s < 0 {
			return 0, false
		}
		if s > maxRetryAfter.Seconds() {
			return maxRetryAfter, true
		}
		return time.Duration(s * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}

// backoff is the wait before attempt n+1 (n counts from 1) when Graph said nothing:
// exponential, capped, and half jittered so parallel clients spread out.
func (c *Client) backoff(n int) time.Duration {
	d := c.maxBackoff
	if n < 30 {
		d = min(backoffBase<<(n-1), c.maxBackoff)
	}
	return d/2 + c.jitter(d/2)
}

// retryableStatus reports the statuses Graph documents as transient.
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable ||
		status == http.StatusGatewayTimeout
}

func defaultJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

func defaultSleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
