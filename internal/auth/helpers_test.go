package auth

import (
	"context"
	"errors"
	"fmt"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// warnings collects Warn messages.
type warnings struct {
	mu  sync.Mutex
	got []string
}

func (w *warnings) add(m string) { w.mu.Lock(); w.got = append(w.got, m); w.mu.Unlock() }

func (w *warnings) joined() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.got, "\n")
}

// baseConfig points a flow at the fake with a private cache file.
func baseConfig(t *testing.T, f *fakeEntra, flow Flow, w *warnings) Config {
	t.Helper()
	return Config{
		Flow: flow, Authority: f.authority(), ClientID: fakeClientID,
		HTTPClient: f.srv.Client(), CachePath: filepath.Join(t.TempDir(), "cfg", "msal-cache.json"),
		Warn: w.add,
	}
}

func mustNew(t *testing.T, cfg Config) *Source {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func mustToken(t *testing.T, s *Source) string {
	t.Helper()
	tok, err := s.Token(context.Background())
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	return tok
}

// fileMode returns path's permission bits, or fails.
func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("stat cache: %v", err)
	}
	return info.Mode().Perm()
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func statErr(path string) (os.FileInfo, error) { return os.Stat(path) }

func asErr(err error, target **Error) bool { return errors.As(err, target) }

func cacheReplaceHints() cache.ReplaceHints { return cache.ReplaceHints{} }
func cacheExportHints() cache.ExportHints   { return cache.ExportHints{} }

var formRE = regexp.MustCompile(`(?s)action="([^"]+)".*name="code" value="([^"]+)".*name="state" value="([^"]*)"`)

// formPostBrowser is a "browser" for the interactive flow: it loads the authorize page
// with client and submits its form_post to MSAL's localhost listener, recording the URLs.
func formPostBrowser(client *http.Client, opened *[]string) func(string) error {
	return func(u string) error {
		*opened = append(*opened, u)
		resp, err := client.Get(u)
		if err != nil {
			return err
		}
		page, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		m := formRE.FindStringSubmatch(string(page))
		if m == nil {
			return fmt.Errorf("no form in %s", page)
		}
		// No keep-alive: MSAL's listener would otherwise wait for this connection when it stops.
		local := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err = local.PostForm(html.UnescapeString(m[1]), url.Values{"code": {html.UnescapeString(m[2])}, "state": {html.UnescapeString(m[3])}})
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
}
