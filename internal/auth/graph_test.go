package auth

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// Source is what the Graph client needs from sign-in.
var _ graph.TokenSource = (*Source)(nil)

func TestGraphClientCarriesTheSignedInToken(t *testing.T) {
	f := newFakeEntra(t)
	cfg := baseConfig(t, f, FlowClientSecret, &warnings{})
	cfg.ClientSecret = "s3cret-value-xyz"
	src := mustNew(t, cfg)
	want := mustToken(t, src)
	var got []string
	g := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"value":[]}`))
	}))
	defer g.Close()
	c, err := graph.New(graph.Config{BaseURL: g.URL, HTTPClient: g.Client(), Tokens: src})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := c.Methods(context.Background(), "a@contoso.example"); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 2 || got[0] != "Bearer "+want || got[1] != got[0] {
		t.Errorf("Authorization headers = %d, match %v", len(got), len(got) == 2 && got[0] == "Bearer "+want)
	}
	if n := len(f.grantTypes()); n != 1 {
		t.Errorf("%d token requests for 3 uses, want 1", n)
	}
}
