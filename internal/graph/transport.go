package graph

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/redact"
)

// request is one client call: what to send and what a failure means.
type request struct {
	op     string // for errors: "listing the user's methods"
	target target
	method string
	url    *url.URL
	body   []byte // JSON, or nil
}

// reply is a response that arrived, body read in full.
type reply struct {
	status int
	header http.Header
	body   []byte
	token  string // the bearer token sent, only to redact it from Graph's words
}

// transportError is an attempt that got no response.
type transportError struct {
	err error
	// sent reports whether the request was written in full, so the server may have acted on it.
	sent bool
}

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// tokenError is a failure of the token source; it is returned as is so its own code shows.
type tokenError struct{ err error }

func (e *tokenError) Error() string { return e.err.Error() }
func (e *tokenError) Unwrap() error { return e.err }

// attempt makes one HTTP request and reports it to Observe (after the caller decides the wait).
func (c *Client) attempt(ctx context.Context, r *request, n int) (*reply, *Call, error) {
	token, err := c.tokens.Token(ctx)
	if err != nil {
		return nil, nil, &tokenError{fmt.Errorf("getting a token for Graph: %w", err)}
	}
	call := &Call{Method: r.method, Path: r.url.EscapedPath(), ClientRequestID: c.newID(), Attempt: n}
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	hreq, err := http.NewRequestWithContext(actx, r.method, r.url.String(), body)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: building the request: %w", r.op, err)
	}
	hreq.Header.Set("Authorization", "Bearer "+token)
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", c.userAgent)
	hreq.Header.Set("client-request-id", call.ClientRequestID)
	hreq.Header.Set("return-client-request-id", "true")
	if r.body != nil {
		hreq.Header.Set("Content-Type", "application/json")
	}
	var wrote atomic.Bool
	if r.body != nil {
		// Only a POST needs to know whether the server may have seen it (see Register).
		hreq = hreq.WithContext(httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
			WroteRequest: func(i httptrace.WroteRequestInfo) { wrote.Store(i.Err == nil) },
		}))
	}

	start := time.Now()
	resp, err := c.http.Do(hreq)
	if err != nil {
		call.Duration = time.Since(start)
		cause := stripURL(err)
		call.Error = cause.Error()
		return nil, call, &transportError{err: cause, sent: wrote.Load()}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	call.Duration = time.Since(start)
	call.Status = resp.StatusCode
	call.RequestID = resp.Header.Get("request-id")
	if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), c.now()); ok {
		call.RetryAfter = ra
	}
	if err != nil {
		// The status arrived, the body did not: for a POST the outcome is unknown.
		cause := stripURL(err)
		call.Error = cause.Error()
		return nil, call, &transportError{err: fmt.Errorf("reading the response: %w", cause), sent: true}
	}
	if int64(len(data)) > c.maxBody {
		c.observe(*call)
		return nil, nil, &Error{Op: r.op, Status: resp.StatusCode, RequestID: call.RequestID,
			ClientRequestID: call.ClientRequestID, Attempts: n,
			Message: fmt.Sprintf("response larger than %d bytes", c.maxBody), code: "graph_invalid_response",
			hint: "the Graph URL may not point at Microsoft Graph"}
	}
	return &reply{status: resp.StatusCode, header: resp.Header, body: data, token: token}, call, nil
}

// do runs an idempotent call, retrying throttling, transient statuses and transport
// failures with bounded backoff; a 2xx reply is returned, anything else is an *Error.
func (c *Client) do(ctx context.Context, r *request) (*reply, error) {
	for n := 1; ; n++ {
		rep, call, err := c.attempt(ctx, r, n)
		var last *Error
		switch {
		case err != nil && call == nil:
			return nil, err
		case err != nil:
			if ctx.Err() != nil {
				c.observe(*call)
				return nil, fmt.Errorf("%s: %w", r.op, ctx.Err())
			}
			if re := redirectRefused(err); re != nil {
				c.observe(*call)
				return nil, fmt.Errorf("%s: %w", r.op, re)
			}
			if e := tlsError(r.op, err, call); e != nil {
				c.observe(*call)
				return nil, e
			}
			last = noResponse(r.op, err, n, call)
		case rep.status >= 200 && rep.status < 300:
			c.observe(*call)
			return rep, nil
		default:
			last = c.replyError(r, rep, call, n)
			if !retryableStatus(rep.status) {
				c.observe(*call)
				return nil, last
			}
		}
		wait, ok := c.nextWait(n, call.RetryAfter)
		if !ok {
			c.observe(*call)
			return nil, c.exhausted(last, n)
		}
		call.Wait = wait
		c.observe(*call)
		if err := c.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%s: %w", r.op, err)
		}
	}
}

// replyError is the Error for a non-2xx reply.
func (c *Client) replyError(r *request, rep *reply, call *Call, n int) *Error {
	e := statusError(r.op, r.target, rep, c.now())
	e.Attempts = n
	e.ClientRequestID = firstNonEmpty(e.ClientRequestID, call.ClientRequestID)
	if rep.token != "" {
		// A proxy or gateway that echoes the request must not put the token into our errors.
		e.Message = redact.String(e.Message, []string{rep.token})
		e.GraphCode = redact.String(e.GraphCode, []string{rep.token})
	}
	return e
}

// nextWait decides whether attempt n may be followed by another, and after how long.
func (c *Client) nextWait(n int, retryAfter time.Duration) (time.Duration, bool) {
	if n > c.maxRetries {
		return 0, false
	}
	if retryAfter > 0 {
		return retryAfter, retryAfter <= c.maxBackoff
	}
	return c.backoff(n), true
}

// exhausted is the error after the last allowed attempt: graph_unavailable, keeping
// what Graph said last.
func (c *Client) exhausted(last *Error, n int) *Error {
	e := *last
	e.Attempts = n
	e.code = "graph_unavailable"
	e.hint = "graph stayed busy or unreachable; try again later"
	if e.Status == http.StatusTooManyRequests {
		// Throttled to the end: a script waits longer before it tries again.
		e.code = "graph_throttled"
		e.hint = "graph kept throttling this tenant or app; wait a few minutes and try again"
	}
	if e.RetryAfter > c.maxBackoff {
		e.hint = fmt.Sprintf("graph asked to wait %s; try again after that", e.RetryAfter.Round(time.Second))
	}
	return &e
}

// stripURL drops net/http's "Get \"url\":" prefix, so no query (skip tokens) reaches logs.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timed out: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}

// noResponse is an attempt Graph never answered (refused, reset, timed out).
func noResponse(op string, err error, n int, call *Call) *Error {
	return &Error{Op: op, Message: "no response from Graph", Err: err, Attempts: n,
		ClientRequestID: call.ClientRequestID, code: "graph_unavailable",
		hint: "check the network and proxy settings; try again later"}
}

// tlsError is a certificate failure: retrying cannot help, so it ends the call at once.
func tlsError(op string, err error, call *Call) *Error {
	var verr *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	if !errors.As(err, &verr) && !errors.As(err, &unknown) && !errors.As(err, &host) {
		return nil
	}
	return &Error{Op: op, Message: "graph's TLS certificate is not trusted", Err: err, Attempts: call.Attempt,
		ClientRequestID: call.ClientRequestID, code: "graph_tls_failed",
		hint: "check the Graph URL; for the emulator, trust the CA file it wrote"}
}
