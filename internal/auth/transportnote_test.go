package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// errMSALSwallowed is what MSAL reports when its OpenID discovery timed out: the transport
// error is gone, only the missing field is left.
var errMSALSwallowed = errors.New("unable to resolve an endpoint: ResolveEndpoints(): TenantDiscoveryResponse: authorize endpoint was not found in the openid configuration")

// TestSwallowedTransportFailureIsUnavailable: a sign-in endpoint that hangs past the
// client's timeout is auth_unavailable even when MSAL passes on only the missing field
// (security_secrets.txtar's hung endpoint, which came out auth_failed under load).
func TestSwallowedTransportFailureIsUnavailable(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	s := &Source{}
	client := s.failures.noting(&http.Client{Timeout: 50 * time.Millisecond, Transport: srv.Client().Transport})
	if _, err := client.Get(srv.URL + "/contoso.example/v2.0/.well-known/openid-configuration?secret=x"); err == nil {
		t.Fatal("the hung endpoint answered")
	}
	e := s.signInError("signing in as the app", errMSALSwallowed)
	if e.Code != "auth_unavailable" {
		t.Errorf("after a timeout: %s (%s), want auth_unavailable", e.Code, e.Message)
	}
	if e := s.signInError("signing in as the app", errMSALSwallowed); e.Code != "auth_failed" {
		t.Errorf("the note outlived its sign-in: %s", e.Code)
	}
	// A Ctrl-C stays a cancellation, whatever the transport saw.
	_, _ = client.Get(srv.URL + "/again")
	if e := s.signInError("signing in", fmt.Errorf("msal: %w", context.Canceled)); e.Code != "auth_cancelled" {
		t.Errorf("cancelled: %s, want auth_cancelled", e.Code)
	}
}
