package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// unsafePost is what one caller of postOnce does at each turn of a POST that changes
// something and must not be sent blindly again (a registration, a Temporary Access
// Pass).
type unsafePost[T any] struct {
	// success reads a 2xx answer.
	success func(rep *reply, call *Call, n int) (T, error)
	// classify, if set, gives a refusal its own code before anything else looks at it.
	classify func(*Error)
	// settle runs after an attempt whose outcome is unknown, before anything is sent
	// again; done ends the call with v (the registration was there after all).
	settle func(ctx context.Context, n int, call *Call) (v T, done bool, err error)
	// cancelled ends a call cancelled mid-attempt; sent says the POST may have arrived.
	cancelled func(ctx context.Context, n int, call *Call, sent bool) (T, error)
	// refused ends a call Graph refused (a 4xx but 429); settled says an earlier
	// attempt's outcome was unknown and settle ran.
	refused func(ctx context.Context, last *Error, settled bool) (T, error)
	// exhausted, if set, adjusts the error of a call out of attempts.
	exhausted func(e *Error, settled bool)
}

// postOnce sends r until Graph answers it. A 429, which Graph did not process, is sent
// again after Retry-After; after an attempt that may have been processed (the
// connection lost once the request was written, a timeout, a 5xx) h.settle finds out
// before anything is sent again, at most MaxRetries times in all.
func postOnce[T any](ctx context.Context, c *Client, r *request, h unsafePost[T]) (T, error) {
	var zero T
	settled := false
	for n := 1; ; n++ {
		rep, call, err := c.attempt(ctx, r, n)
		var last *Error
		unknown := false
		switch {
		case err != nil && call == nil:
			return zero, err
		case err != nil && redirectRefused(err) != nil:
			// Whatever answered with a redirect was not Graph: nothing was done.
			c.observe(*call)
			return zero, fmt.Errorf("%s: %w", r.op, redirectRefused(err))
		case err != nil:
			var te *transportError
			unknown = errors.As(err, &te) && te.sent
			if ctx.Err() != nil {
				c.observe(*call)
				return h.cancelled(ctx, n, call, unknown)
			}
			if e := tlsError(r.op, err, call); e != nil {
				c.observe(*call)
				return zero, e
			}
			last = noResponse(r.op, err, n, call)
		case rep.status >= 200 && rep.status < 300:
			c.observe(*call)
			return h.success(rep, call, n)
		default:
			last = c.replyError(r, rep, call, n)
			if h.classify != nil {
				h.classify(last)
			}
			switch {
			case rep.status == http.StatusTooManyRequests:
				// Throttled before processing: safe to send again after Retry-After.
			case rep.status >= 500:
				unknown = true
			default:
				c.observe(*call)
				return h.refused(ctx, last, settled)
			}
		}
		wait, more := c.nextWait(n, call.RetryAfter)
		if more {
			call.Wait = wait
		}
		c.observe(*call)
		if unknown {
			v, done, err := h.settle(ctx, n, call)
			if err != nil || done {
				return v, err
			}
			settled = true
		}
		if !more {
			e := c.exhausted(last, n)
			if h.exhausted != nil {
				h.exhausted(e, settled)
			}
			return zero, e
		}
		if err := c.sleep(ctx, wait); err != nil {
			return zero, fmt.Errorf("%s: %w", r.op, err)
		}
	}
}
