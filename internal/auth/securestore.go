package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	extcache "github.com/AzureAD/microsoft-authentication-extensions-for-go/cache"
	"github.com/AzureAD/microsoft-authentication-extensions-for-go/cache/accessor"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"
)

// The OS secret store is reached through MSAL's extension module: an accessor (libsecret,
// the keychain or DPAPI, see securestore_*.go) behind its cache.Cache, which adds a file
// lock shared with other processes. The calls into libsecret and the keychain take no
// context and can block (a locked keyring, a Secret Service that never answers on a
// headless machine), so every call runs under a deadline and a store that fails a
// write-read-delete probe is not used.

var (
	// openOSStore opens the OS store's entry for the cache at path, or with probe a
	// scratch entry beside it; tests replace it with a fake.
	openOSStore = newOSStore
	// osProbeTimeout bounds the probe made when choosing the cache.
	osProbeTimeout = 3 * time.Second
	// osOpTimeout bounds each later read, write or delete.
	osOpTimeout = 10 * time.Second
	// osForgetTimeout bounds logout's best-effort delete from a store that was not in use.
	osForgetTimeout = 2 * time.Second
)

// osSyncPath is the file the OS-store cache keeps next to the plain cache path: the sync
// stamp the extension touches on every write (it holds no secret); its lock is
// <stamp>.lockfile.
func osSyncPath(cachePath string) string {
	return strings.TrimSuffix(cachePath, ".json") + ".os-sync"
}

// callWithin runs fn, giving up when ctx ends or after d. A call that gives up leaves fn
// running in the background: the C libraries it calls cannot be interrupted.
func callWithin(ctx context.Context, d time.Duration, what string, fn func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- fn(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("%s: %s did not answer within %s (is the keyring locked, or no Secret Service running?)",
				what, osStoreName, d)
		}
		return ctx.Err()
	}
}

// timedStore puts a deadline on every call to an accessor.
type timedStore struct {
	a accessor.Accessor
	d time.Duration
}

func (t timedStore) Read(ctx context.Context) (data []byte, err error) {
	err = callWithin(ctx, t.d, "reading", func(ctx context.Context) error {
		var e error
		data, e = t.a.Read(ctx)
		return e
	})
	if err != nil {
		return nil, err
	}
	return data, nil
}

func (t timedStore) Write(ctx context.Context, data []byte) error {
	return callWithin(ctx, t.d, "writing", func(ctx context.Context) error { return t.a.Write(ctx, data) })
}

func (t timedStore) Delete(ctx context.Context) error {
	return callWithin(ctx, t.d, "deleting", func(ctx context.Context) error { return t.a.Delete(ctx) })
}

// probeOSStore opens the store and checks it works by writing, reading back and deleting
// a scratch entry, all within osProbeTimeout. It returns the cache's own entry.
func probeOSStore(path string) (accessor.Accessor, error) {
	entry, err := openOSStore(path, false)
	if err != nil {
		return nil, err
	}
	scratch, err := openOSStore(path, true)
	if err != nil {
		return nil, err
	}
	err = callWithin(context.Background(), osProbeTimeout, "probing", func(ctx context.Context) error {
		want := []byte(fmt.Sprintf(`{"probe":%d}`, time.Now().UnixNano()))
		if err := scratch.Write(ctx, want); err != nil {
			return fmt.Errorf("writing a test entry: %w", err)
		}
		got, err := scratch.Read(ctx)
		if err != nil {
			return fmt.Errorf("reading a test entry: %w", err)
		}
		if !bytes.Equal(got, want) {
			return errors.New("a test entry read back differently")
		}
		if err := scratch.Delete(ctx); err != nil {
			return fmt.Errorf("deleting a test entry: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return timedStore{a: entry, d: osOpTimeout}, nil
}

// chooseCache picks the token cache for the backend: the OS store (auto and os, when
// it works) or the plain file. store is the OS entry in use, nil with the file; osErr
// says why the OS store is not used when auto fell back.
func chooseCache(backend CacheBackend, path string, warn func(string)) (c cache.ExportReplace, store accessor.Accessor, osErr error, err error) {
	if backend == CacheFile {
		return &fileCache{path: path, warn: warn, reason: "the file cache was asked for (--token-cache file)"}, nil, nil, nil
	}
	store, osErr = probeOSStore(path)
	if osErr == nil {
		var oc *osCache
		if oc, osErr = newOSCache(store, path, warn); osErr == nil {
			if _, err := os.Stat(path); err == nil {
				warn(fmt.Sprintf("tokens are now kept in %s, but an older plain-file token cache %s is still on disk; delete it", osStoreName, path))
			}
			return oc, store, nil, nil
		}
	}
	if backend == CacheOS {
		return nil, nil, osErr, &Error{Code: "cache_failed", Err: osErr,
			Message: fmt.Sprintf("%s is unusable: %v", osStoreName, osErr),
			Hint:    osStoreHint + "; or use --token-cache file or --no-cache"}
	}
	return &fileCache{path: path, warn: warn, reason: fmt.Sprintf("%s is unusable: %v", osStoreName, osErr)},
		nil, osErr, nil
}

// osCache is MSAL's cache kept in the OS store through the extension's cache.Cache.
type osCache struct {
	c    *extcache.Cache
	warn func(string)
	mu   sync.Mutex
	bad  bool // warned about an unreadable entry
}

func newOSCache(store accessor.Accessor, path string, warn func(string)) (*osCache, error) {
	stamp := osSyncPath(path)
	// The extension creates missing directories 0777 &^ umask; make ours private first.
	if err := os.MkdirAll(filepath.Dir(stamp), 0o700); err != nil {
		return nil, fmt.Errorf("creating the config directory for its lock file: %w", err)
	}
	c, err := extcache.New(store, stamp)
	if err != nil {
		return nil, fmt.Errorf("preparing its lock file: %w", err)
	}
	return &osCache{c: c, warn: warn}, nil
}

var _ cache.ExportReplace = (*osCache)(nil)

// tolerant hands MSAL the stored bytes: an absent entry leaves the cache as it is, and an
// unreadable one is dropped with a warning (the user signs in again), as the file does.
// (The extension retries a failed Unmarshal until its deadline instead.)
type tolerant struct {
	u cache.Unmarshaler
	o *osCache
}

func (t tolerant) Unmarshal(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	if err := t.u.Unmarshal(b); err != nil {
		t.o.mu.Lock()
		warned := t.o.bad
		t.o.bad = true
		t.o.mu.Unlock()
		if !warned {
			t.o.warn(fmt.Sprintf("ignoring the unreadable token cache in %s: sign in again", osStoreName))
		}
	}
	return nil
}

func (o *osCache) Replace(ctx context.Context, u cache.Unmarshaler, h cache.ReplaceHints) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := o.c.Replace(ctx, tolerant{u: u, o: o}, h); err != nil {
		return osCacheError("reading", ctx, err)
	}
	return nil
}

func (o *osCache) Export(ctx context.Context, m cache.Marshaler, h cache.ExportHints) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := o.c.Export(ctx, m, h); err != nil {
		return osCacheError("writing", ctx, err)
	}
	return nil
}

func osCacheError(op string, ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return &Error{Code: "cache_failed", Err: err,
		Message: fmt.Sprintf("%s the token cache in %s: %v", op, osStoreName, err),
		Hint:    osStoreHint + "; or use --token-cache file or --no-cache"}
}

// forgetOS deletes the OS store's entry for the cache at path and the sync stamp. With
// store nil (the store was not in use) it tries anyway, briefly, and ignores failures.
func forgetOS(ctx context.Context, store accessor.Accessor, path string) error {
	if store != nil {
		if err := store.Delete(ctx); err != nil {
			return &Error{Code: "cache_failed", Err: err,
				Message: fmt.Sprintf("deleting the token cache from %s: %v", osStoreName, err),
				Hint:    "delete the entry with the keyring's own tool"}
		}
	} else if a, err := openOSStore(path, false); err == nil {
		_ = timedStore{a: a, d: osForgetTimeout}.Delete(ctx)
	}
	if err := os.Remove(osSyncPath(path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &Error{Code: "cache_failed", Err: err, Message: fmt.Sprintf("deleting %s: %v", osSyncPath(path), err),
			Hint: "delete the file by hand"}
	}
	return nil
}
