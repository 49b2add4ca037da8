package graph

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkClientCall measures the client's own cost per call (token, headers, request
// id, TLS round trip on a kept-alive loopback connection, body read, decoding) against
// a server that answers instantly, so ns/op is an upper bound of the client overhead.
func BenchmarkClientCall(b *testing.B) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "bench")
		io.WriteString(w, methodJSON)
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL, HTTPClient: srv.Client(), Tokens: staticToken(testToken), Observe: func(Call) {}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Method(ctx, "adele@contoso.example", "AAECAw1"); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The same round trip with bare net/http: the difference is the client's overhead.
	b.Run("net-http-baseline", func(b *testing.B) {
		hc := srv.Client()
		url := srv.URL + "/v1.0/users/adele%40contoso.example/authentication/fido2Methods/AAECAw1"
		b.ReportAllocs()
		for b.Loop() {
			resp, err := hc.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	})
}
