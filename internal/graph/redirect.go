package graph

import (
	"errors"
	"fmt"
	"net/http"
)

// RedirectError is a redirect that was not followed. Neither Graph nor Entra's token
// endpoint redirects the calls this tool makes, and following one would carry the bearer
// token (same host, any scheme) or, on a 307, the client secret to wherever it points.
type RedirectError struct {
	// Host is the Location's host, so the admin can see where it pointed.
	Host   string
	Scheme string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("refused a redirect to %s://%s: Microsoft Graph and Entra sign-in never redirect these calls", e.Scheme, e.Host)
}

// ErrorCode is the stable code for a refused redirect.
func (e *RedirectError) ErrorCode() string { return "redirect_refused" }

// ErrorHint says what to check.
func (e *RedirectError) ErrorHint() string {
	return "check --graph-url, --authority and any proxy or gateway in between; nothing was sent to the redirect's target"
}

// RefuseRedirect is an http.Client CheckRedirect that follows no redirect. Use it for
// every client that carries a token or a secret (Graph's and MSAL's).
func RefuseRedirect(req *http.Request, _ []*http.Request) error {
	return &RedirectError{Host: req.URL.Host, Scheme: req.URL.Scheme}
}

// redirectRefused returns the RedirectError in err's chain, if any.
func redirectRefused(err error) *RedirectError {
	var re *RedirectError
	if errors.As(err, &re) {
		return re
	}
	return nil
}
