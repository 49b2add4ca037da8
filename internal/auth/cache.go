package auth

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"

	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// DefaultCachePath is where the token cache lives unless Config.CachePath says otherwise:
// os.UserConfigDir()/entra-passkey/msal-cache.json.
func DefaultCachePath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the user's config directory: %w", err)
	}
	return filepath.Join(dir, "entra-passkey", "msal-cache.json"), nil
}

// maxCacheBytes bounds the token cache file: a few accounts' tokens are tens of KB.
const maxCacheBytes = 16 << 20

// fileCache persists MSAL's cache as a 0600 JSON file. It is the portable fallback for
// the OS secret store (which on Linux needs libsecret and a running Secret Service), so
// it warns once that the tokens sit in a plain file, and why.
type fileCache struct {
	path   string
	warn   func(string)
	reason string // why the OS secret store is not used
	mu     sync.Mutex
	warned bool
}

var _ cache.ExportReplace = (*fileCache)(nil)

// Replace loads the file into MSAL's in-memory cache; a missing file is an empty cache
// and an unreadable one is dropped with a warning (the user signs in again).
func (f *fileCache) Replace(ctx context.Context, u cache.Unmarshaler, _ cache.ReplaceHints) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	// Never through a symlink and never a file someone else owns: the chmod below, and
	// the tokens read, must be our own file's.
	file, _, err := safefile.OpenRead(f.path, "cache_failed", true)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var refused *safefile.Error
	if errors.As(err, &refused) {
		return &Error{Code: "cache_failed", Message: "the token cache: " + refused.Error(), Err: err,
			Hint: refused.Hint + ", delete it, or use --no-cache"}
	}
	if err != nil {
		return &Error{Code: "cache_failed", Message: fmt.Sprintf("reading the token cache %s: %v", f.path, err), Err: err,
			Hint: "fix the file's permissions, delete it, or use --no-cache"}
	}
	defer file.Close()
	// Someone widened it; tighten it back, on the open descriptor, rather than leave
	// tokens readable by others.
	if changed, err := safefile.Tighten(file); changed && err == nil {
		f.warn(fmt.Sprintf("the token cache %s was readable by others; its mode is now 0600", f.path))
	}
	data, err := safefile.ReadAll(file, maxCacheBytes)
	if err != nil {
		return &Error{Code: "cache_failed", Message: fmt.Sprintf("reading the token cache %s: %v", f.path, err), Err: err,
			Hint: "delete it, or use --no-cache"}
	}
	if err := u.Unmarshal(data); err != nil {
		f.warn(fmt.Sprintf("ignoring the unreadable token cache %s: sign in again", f.path))
	}
	return nil
}

// Export writes MSAL's cache atomically: a temp file in the same directory, fsync, rename.
func (f *fileCache) Export(ctx context.Context, m cache.Marshaler, _ cache.ExportHints) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	data, err := m.Marshal()
	if err != nil {
		return fmt.Errorf("serialising the token cache: %w", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := writeFileAtomic(f.path, data); err != nil {
		return &Error{Code: "cache_failed", Message: fmt.Sprintf("writing the token cache %s: %v", f.path, err), Err: err,
			Hint: "check the config directory is writable, or use --no-cache"}
	}
	if !f.warned {
		f.warned = true
		f.warn(fmt.Sprintf("tokens are cached in the plain file %s (mode 0600), not in an OS secret store: %s; "+
			"use --no-cache to keep them in memory only, or logout to delete it", f.path, firstNonEmpty(f.reason, "none is in use")))
	}
	return nil
}

// remove deletes the cache file; a missing file is fine.
func (f *fileCache) remove() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &Error{Code: "cache_failed", Message: fmt.Sprintf("deleting the token cache %s: %v", f.path, err), Err: err,
			Hint: "delete the file by hand"}
	}
	return nil
}

// writeFileAtomic replaces path with data, mode 0600, never leaving a half-written file.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return safefile.WriteAtomic(path, data, 0o600)
}
