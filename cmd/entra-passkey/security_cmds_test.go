package main

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/testscript"
)

// redirector is a TLS endpoint that answers everything with a redirect to a plain
// http listener, and counts what reaches that listener: the security review's finding 4.
type redirector struct {
	tls, plain *httptest.Server
	plainHits  atomic.Int32
}

// cmdRedirector runs the redirecting endpoint for one script:
//
//	redirector start        sets REDIRECT_URL (https) and REDIRECT_CA (its certificate, PEM)
//	redirector start echo   a token endpoint that answers 400 quoting the form it got
//	                        (client secret included), after a real OIDC discovery
//	redirector start hang   sets HANG_URL and HANG_CA: TLS works, no request is ever answered
//	redirector hits         prints how many requests reached the plain http listener
func cmdRedirector(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: redirector start [echo] | hits")
	}
	switch args[0] {
	case "start":
		if len(args) == 2 && args[1] == "echo" {
			startEcho(ts)
			return
		}
		if len(args) == 2 && args[1] == "hang" {
			startHang(ts)
			return
		}
		r := ts.Value("redirector").(*redirector) // Setup puts an empty one in env.Values
		r.plain = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			r.plainHits.Add(1)
			w.WriteHeader(http.StatusNotFound)
		}))
		r.tls = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			status := http.StatusFound
			if req.Method == http.MethodPost {
				status = http.StatusTemporaryRedirect // a 307 re-sends the body: the client secret
			}
			http.Redirect(w, req, r.plain.URL+"/steal"+req.URL.Path, status)
		}))
		ts.Defer(func() { r.tls.Close(); r.plain.Close() })
		ca := ts.MkAbs("redirector-ca.pem")
		ts.Check(os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: r.tls.Certificate().Raw}), 0o600))
		ts.Setenv("REDIRECT_URL", r.tls.URL)
		ts.Setenv("REDIRECT_CA", ca)
	case "hits":
		r := ts.Value("redirector").(*redirector)
		if r.tls == nil {
			ts.Fatalf("redirector start first")
		}
		fmt.Fprintf(ts.Stdout(), "%d\n", r.plainHits.Load())
	default:
		ts.Fatalf("unknown redirector subcommand %q", args[0])
	}
}

// cmdPINFile writes a PIN file (mode 0600) the way other tools do, Windows PowerShell
// 5.1 among them: pinfile FILE utf8|utf8bom|utf16le|utf16be TEXT (TEXT is Go-quoted,
// so "1234\x00" and "café\u0301" can be written).
func cmdPINFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: pinfile FILE utf8|utf8bom|utf16le|utf16be TEXT")
	}
	text, err := strconv.Unquote(`"` + args[2] + `"`)
	ts.Check(err)
	var data []byte
	switch args[1] {
	case "utf8":
		data = []byte(text)
	case "utf8bom":
		data = append([]byte{0xef, 0xbb, 0xbf}, text...)
	case "utf16le", "utf16be":
		data = []byte{0xff, 0xfe}
		if args[1] == "utf16be" {
			data = []byte{0xfe, 0xff}
		}
		for _, u := range utf16.Encode([]rune(text)) {
			if args[1] == "utf16be" {
				data = append(data, byte(u>>8), byte(u))
			} else {
				data = append(data, byte(u), byte(u>>8))
			}
		}
	default:
		ts.Fatalf("unknown encoding %q", args[1])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o600))
}

// startEcho serves OIDC discovery and a token endpoint that echoes the request body in
// its error, as a misconfigured proxy might: the security review's finding 5.
func startEcho(ts *testscript.TestScript) {
	var srv *httptest.Server
	srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		tenant := strings.Split(strings.TrimPrefix(req.URL.Path, "/"), "/")[0]
		base := srv.URL + "/" + tenant
		if strings.Contains(req.URL.Path, "/.well-known/openid-configuration") || strings.Contains(req.URL.Path, "/v2.0/.well-known") {
			json.NewEncoder(w).Encode(map[string]string{"issuer": base + "/v2.0", "token_endpoint": base + "/oauth2/v2.0/token",
				"authorization_endpoint": base + "/oauth2/v2.0/authorize", "jwks_uri": base + "/keys"})
			return
		}
		body, _ := io.ReadAll(req.Body)
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": "invalid_request", "error_description": "proxy echo of your request: " + string(body)})
	}))
	ts.Defer(srv.Close)
	ca := ts.MkAbs("echo-ca.pem")
	ts.Check(os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600))
	ts.Setenv("ECHO_URL", srv.URL)
	ts.Setenv("ECHO_CA", ca)
}

// startHang serves TLS but never answers: a hung OIDC discovery (review finding 11).
func startHang(ts *testscript.TestScript) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		<-req.Context().Done()
	}))
	ts.Defer(srv.Close)
	ca := ts.MkAbs("hang-ca.pem")
	ts.Check(os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600))
	ts.Setenv("HANG_URL", srv.URL)
	ts.Setenv("HANG_CA", ca)
}
