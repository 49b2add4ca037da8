package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteTemp writes data to a new temporary file beside path, named .PREFIX-*.tmp, with
// mode, synced, and returns its name: the first half of every write here, so a crash
// never leaves a half-written file under path.
func WriteTemp(path, prefix string, data []byte, mode fs.FileMode) (string, error) {
	tmp, err := createTemp(filepath.Dir(path), "."+prefix+"-*.tmp", mode)
	if err != nil {
		return "", err
	}
	err = tmp.Chmod(mode)
	if err == nil {
		_, err = tmp.Write(data)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// WriteAtomic replaces path with data: readers see the old content or the new, and the
// new survives a crash once WriteAtomic returns (the directory is synced too).
func WriteAtomic(path string, data []byte, mode fs.FileMode) error {
	tmp, err := WriteTemp(path, "entra-passkey", data, mode)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// WriteNew creates path with data, never replacing a file that exists (the error is
// then fs.ErrExist).
func WriteNew(path string, data []byte, mode fs.FileMode) error {
	tmp, err := WriteTemp(path, "entra-passkey", data, mode)
	if err != nil {
		return err
	}
	if err := PlaceNew(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// PlaceNew gives the written file tmp the name path, only if path is free: a hard link
// claims the name atomically (a rename would replace a file that appeared meanwhile);
// where links are not supported, a rename after a check. tmp is gone afterwards; on an
// error it stays, so content that must not be lost (a PIN a key holds) is not.
func PlaceNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		if _, statErr := os.Lstat(path); errors.Is(statErr, fs.ErrNotExist) {
			err = os.Rename(tmp, path)
		}
	}
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, fs.ErrExist)
		}
		return err
	}
	_ = os.Remove(tmp) // after a rename it is already gone
	return syncDir(filepath.Dir(path))
}

// syncDir makes a new name in dir durable. Filesystems and systems that cannot sync a
// directory (Windows) are not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// CreatePrivate creates path, which must not exist, for writing: mode 0600 on Unix, a
// DACL granting only the user on Windows (set by CreateFile, before anything is
// written). A symlink in its place is refused like any existing file.
func CreatePrivate(path string) (*os.File, error) { return createExclusive(path) }
