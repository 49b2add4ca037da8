package emulator

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestStatusFaults(t *testing.T) {
	tests := []struct {
		name           string
		fault          Fault
		method, path   string
		wantStatus     []int
		wantCode       string
		wantRetryAfter string
	}{
		{"429 with a fractional Retry-After", Fault{Route: RouteCreationOptions, Times: 2, Status: 429, RetryAfter: "0.5"},
			"GET", optionsAdele, []int{429, 429, 200}, "TooManyRequests", "0.5"},
		{"503", Fault{Route: RouteList, Status: 503, RetryAfter: "1"}, "GET", adeleMethods, []int{503, 200}, "serviceNotAvailable", "1"},
		{"504", Fault{Route: RouteList, Status: 504}, "GET", adeleMethods, []int{504, 200}, "gatewayTimeout", ""},
		{"other routes untouched", Fault{Route: RouteRegister, Status: 503}, "GET", adeleMethods, []int{200, 200}, "", ""},
		{"other methods untouched", Fault{Route: RouteList, Method: "DELETE", Status: 503}, "GET", adeleMethods, []int{200}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := startEnv(t, nil)
			e.s.Faults().Add(tc.fault)
			for i, want := range tc.wantStatus {
				r := e.call(tc.method, tc.path, "", nil)
				if r.status != want {
					t.Fatalf("request %d: status %d, want %d", i, r.status, want)
				}
				if want >= 400 {
					if r.errorCode() != tc.wantCode || r.header.Get("Retry-After") != tc.wantRetryAfter {
						t.Errorf("request %d: code %q Retry-After %q", i, r.errorCode(), r.header.Get("Retry-After"))
					}
					if r.header.Get("request-id") == "" {
						t.Errorf("a faulted answer lacks request-id")
					}
				}
			}
		})
	}
}

func TestTokenEndpointFault(t *testing.T) {
	e := startEnv(t, nil)
	e.s.Faults().Fail(RouteToken, 1, 503)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID},
		"client_secret": {DemoClientSecret}, "scope": {graphDefault}}
	for _, want := range []int{503, 200} {
		resp, err := e.http.PostForm(e.s.Authority()+"/oauth2/v2.0/token", form)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != want || (want == 503 && body["error"] != "temporarily_unavailable") {
			t.Errorf("got %d %v, want %d", resp.StatusCode, body["error"], want)
		}
	}
}

func TestDelayFault(t *testing.T) {
	e := startEnv(t, nil)
	e.s.Faults().Delay(RouteList, 1, 150*time.Millisecond)
	start := time.Now()
	if r := e.call("GET", adeleMethods, "", nil); r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("answered after %v, want at least the 150ms delay", d)
	}
	if e.s.Faults().Pending() != 0 {
		t.Errorf("the delay is still pending")
	}
}

func TestResetAfterStore(t *testing.T) {
	for _, proto := range []string{"HTTP/2", "HTTP/1.1"} {
		t.Run(proto, func(t *testing.T) {
			e := startEnv(t, nil)
			client := e.http
			if proto == "HTTP/1.1" {
				tr := client.Transport.(*http.Transport).Clone()
				tr.ForceAttemptHTTP2 = false
				tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
				tr.TLSClientConfig = tr.TLSClientConfig.Clone()
				tr.TLSClientConfig.NextProtos = []string{"http/1.1"}
				client = &http.Client{Transport: tr}
			}
			body, _ := json.Marshal(e.key.register(t, e.options(adele), regOpts{}))
			e.s.Faults().ResetAfterStore()
			// A refused registration leaves the reset pending for the one that is stored.
			if r := e.call("POST", adeleMethods, "", map[string]any{"displayName": "x"}); r.status != 400 {
				t.Fatalf("bad body: %d", r.status)
			}
			req, _ := http.NewRequest("POST", e.s.URL()+adeleMethods, bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+e.appToken())
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err == nil {
				resp.Body.Close()
				t.Fatalf("got %s, want the connection reset", resp.Status)
			}
			t.Logf("the client saw: %v", err)
			if ms := e.s.Methods(adele); len(ms) != 1 {
				t.Fatalf("the method was not stored before the reset: %+v; err %v", ms, err)
			}
			r := e.call("GET", adeleMethods, "", nil)
			if v := r.json["value"].([]any); len(v) != 1 {
				t.Errorf("list after the reset = %v", v)
			}
			// The client sees the reset before the handler returns and logs it: wait.
			var logged *LoggedRequest
			for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
				for _, l := range e.s.Requests() {
					if l.Route == RouteRegister {
						logged = &l
					}
				}
				if logged != nil && logged.Fault == "reset" {
					break
				}
			}
			if logged == nil || logged.Fault != "reset" {
				t.Errorf("log entry = %+v", logged)
			}
		})
	}
}
