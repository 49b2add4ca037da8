package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestErrorEnvelope(t *testing.T) {
	tests := []struct {
		name     string
		call     func(*Client) error
		path     string
		status   int
		code     string // Graph's
		message  string
		wantCode string
		hintHas  string
	}{
		{"401", listCall, listPath, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.", "graph_unauthorized", "sign in"},
		{"403 names permission and role", listCall, listPath, 403, "accessDenied", "Request Authorization failed", "graph_forbidden", "UserAuthMethod-Passkey.ReadWrite.All"},
		{"403 policy names its permission", policyCall, policyPath, 403, "accessDenied", "denied", "graph_forbidden", "Policy.Read.AuthenticationMethod"},
		{"404 user", listCall, listPath, 404, "Request_ResourceNotFound", "Resource 'a@b.c' does not exist", "user_not_found", "object id or UPN"},
		{"404 method", getCall, listPath + "/m1", 404, "itemNotFound", "not found", "method_not_found", "methods list"},
		{"400 verbatim", listCall, listPath, 400, "badRequest", "The request is missing a fido2AuthenticationMethod entity with a displayName and publicKeyCredential in the request body. All other properties will be ignored.", "graph_bad_request", ""},
		{"challenge expired", listCall, listPath, 400, "invalidRequest", "The challenge has expired.", "challenge_expired", "new creation options"},
		{"409", listCall, listPath, 409, "conflict", "exists", "graph_conflict", ""},
		{"500", listCall, listPath, 500, "generalException", "boom", "graph_server_error", "request-id"},
		{"418 other", listCall, listPath, 418, "teapot", "short and stout", "graph_request_failed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStubServer(t)
			s.on("GET", tt.path, graphError(tt.status, tt.code, tt.message))
			c, _ := newTestClient(t, s)
			err := tt.call(c)
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("error %v is not a *graph.Error", err)
			}
			got := [5]string{ge.ErrorCode(), ge.GraphCode, ge.Message, ge.RequestID, ge.ClientRequestID}
			want := [5]string{tt.wantCode, tt.code, tt.message, "inner-rid", "inner-crid"}
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if ge.Status != tt.status || ge.Date != "2024-06-13T11:26:35" {
				t.Errorf("status %d date %q", ge.Status, ge.Date)
			}
			if !strings.Contains(ge.ErrorHint(), tt.hintHas) || ge.ErrorHint() == "" {
				t.Errorf("hint %q lacks %q", ge.ErrorHint(), tt.hintHas)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.message) || !strings.Contains(msg, "inner-rid") {
				t.Errorf("message %q lacks Graph's message or the request-id", msg)
			}
		})
	}
}

func TestErrorWithoutEnvelope(t *testing.T) {
	s := newStubServer(t)
	s.on("GET", listPath, respond(403, "<html>denied</html>", "client-request-id", "hdr-crid"))
	c, _ := newTestClient(t, s)
	_, err := c.Methods(context.Background(), "a@b.c")
	var ge *Error
	if !errors.As(err, &ge) {
		t.Fatal(err)
	}
	if ge.ErrorCode() != "graph_forbidden" || ge.Message != "Forbidden" || ge.ClientRequestID != "hdr-crid" || !strings.HasPrefix(ge.RequestID, "srv-") {
		t.Errorf("got %+v", ge)
	}
}

func TestTokenNeverInErrorsOrEvents(t *testing.T) {
	s := newStubServer(t)
	// An unhelpful server that echoes the Authorization header in its error message.
	s.on("GET", listPath, func(w http.ResponseWriter, r *http.Request, b []byte) {
		graphError(401, "InvalidAuthenticationToken", "bad token: "+r.Header.Get("Authorization"))(w, r, b)
	})
	s.on("GET", listPath+"/m1", graphError(503, "x", "y"))
	s.on("GET", listPath+"/m1", reset(nil))
	c, rec := newTestClient(t, s, freshConnections(s), func(cfg *Config) { cfg.MaxRetries = 1 })
	_, err1 := c.Methods(context.Background(), "a@b.c")
	_, err2 := c.Method(context.Background(), "a@b.c", "m1")
	for _, err := range []error{err1, err2} {
		if err == nil {
			t.Fatal("no error")
		}
		noSecret(t, "error", err.Error())
		noSecret(t, "error struct", fmt.Sprintf("%+v %#v", err, err))
	}
	if len(rec.calls) != 3 {
		t.Errorf("%d events, want 3", len(rec.calls))
	}
	noSecret(t, "events", fmt.Sprintf("%+v", rec.calls))
}

func listCall(c *Client) error { _, err := c.Methods(context.Background(), "a@b.c"); return err }
func getCall(c *Client) error  { _, err := c.Method(context.Background(), "a@b.c", "m1"); return err }
func policyCall(c *Client) error {
	_, err := c.FIDO2Policy(context.Background())
	return err
}

const policyPath = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2"
