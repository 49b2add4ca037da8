// Package safefile opens the files a user names for secrets, records and caches the
// way a careful admin would: never through a symlink, never a file someone else owns
// or can write, never more than a bound read, and modes tightened on the descriptor.
package safefile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
)

// Error is a file refused for what it is (not for an I/O failure), with a stable code.
type Error struct {
	Code, Path, Reason, Hint string
	// Err is ErrTooLarge for a file over the bound, nil otherwise.
	Err error
}

func (e *Error) Error() string     { return fmt.Sprintf("refusing %s: %s", e.Path, e.Reason) }
func (e *Error) ErrorCode() string { return e.Code }
func (e *Error) ErrorHint() string { return e.Hint }
func (e *Error) Unwrap() error     { return e.Err }

// ErrTooLarge is a file longer than the read allows.
var ErrTooLarge = errors.New("file too large")

// OpenAppend opens path for appending, creating it 0600 (exclusively when new). An
// existing file must be a regular file the user owns that nobody else can write; a
// symlink is refused, whatever it points at. readableByOthers reports whether others
// may read it, so the caller can warn.
func OpenAppend(path, code string) (f *os.File, readableByOthers bool, err error) {
	// O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of hanging.
	if err := refuseLink(path, code); err != nil {
		return nil, false, err
	}
	f, err = openAppendFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|noFollow|nonBlock)
	if err != nil {
		if isSymlinkErr(path, err) {
			return nil, false, &Error{Code: code, Path: path, Reason: "it is a symbolic link", Hint: "name the file itself, not a link to it"}
		}
		if isNoReaderErr(err) {
			return nil, false, &Error{Code: code, Path: path, Reason: "it is not a regular file", Hint: "give a regular file (not a device, FIFO or directory)"}
		}
		return nil, false, err
	}
	mode, err := checkOwned(f, path, code)
	if err != nil {
		f.Close()
		return nil, false, err
	}
	return f, othersBits(mode)&0o044 != 0, nil
}

// OpenRead opens an existing regular file for reading without following a symlink
// at its last element; others' write access and ownership are checked when owned is
// true. It returns the file's permission bits.
func OpenRead(path, code string, owned bool) (*os.File, fs.FileMode, error) {
	if err := refuseLink(path, code); err != nil {
		return nil, 0, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|noFollow|nonBlock, 0)
	if err != nil {
		if isSymlinkErr(path, err) {
			return nil, 0, &Error{Code: code, Path: path, Reason: "it is a symbolic link", Hint: "name the file itself, not a link to it"}
		}
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, &Error{Code: code, Path: path, Reason: "it is not a regular file", Hint: "give a regular file (not a device, FIFO or directory)"}
	}
	if owned {
		if _, err := checkOwned(f, path, code); err != nil {
			f.Close()
			return nil, 0, err
		}
	}
	return f, othersBits(st.Mode().Perm()), nil
}

// ReadAll reads at most limit bytes from r; more is ErrTooLarge, never an
// out-of-memory crash on /dev/zero.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		clear(data)
		return nil, ErrTooLarge
	}
	return data, nil
}

// ReadFile reads a regular file (no symlink at its last element, no device or FIFO)
// of at most limit bytes; with owned, one the user owns that nobody else can write.
func ReadFile(path, code string, limit int64, owned bool) ([]byte, error) {
	f, _, err := OpenRead(path, code, owned)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := ReadAll(f, limit)
	if errors.Is(err, ErrTooLarge) {
		return nil, &Error{Code: code, Path: path, Reason: fmt.Sprintf("it is larger than %d bytes", limit), Hint: "check that the path names the right file", Err: ErrTooLarge}
	}
	return data, err
}

// Tighten sets f's mode to 0600 through its descriptor (never a path a link could
// redirect) and reports whether it changed.
func Tighten(f *os.File) (bool, error) {
	st, err := f.Stat()
	if err != nil {
		return false, err
	}
	if othersBits(st.Mode().Perm())&0o077 == 0 {
		return false, nil
	}
	return true, f.Chmod(0o600)
}

// ReadContext reads a file holding a secret: a regular file, or a pipe or FIFO
// (`--pin-file <(pass show key)`), of at most limit bytes, without following a symlink
// at its last element. Opening a FIFO waits for its writer, so the open and the read run
// apart from the caller, which returns as soon as ctx ends. It returns the file's
// permission bits so the caller can warn about a file others can read.
func ReadContext(ctx context.Context, path, code string, limit int64) ([]byte, fs.FileMode, error) {
	type result struct {
		data []byte
		mode fs.FileMode
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, mode, err := readSecretFile(path, code, limit)
		done <- result{data, mode, err}
	}()
	select {
	case r := <-done:
		return r.data, r.mode, r.err
	case <-ctx.Done():
		// The reader stays blocked on the FIFO; the process is about to end.
		return nil, 0, ctx.Err()
	}
}

func readSecretFile(path, code string, limit int64) ([]byte, fs.FileMode, error) {
	flags := os.O_RDONLY | noFollow
	if err := refuseLink(path, code); err != nil {
		return nil, 0, err
	}
	if isDescriptorPath(path) {
		// /dev/fd/N (what `<(cmd)` and `3<file` give) is the kernel's link to an open
		// descriptor: following it is the point, and nobody else can plant it.
		flags = os.O_RDONLY
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil {
		if isSymlinkErr(path, err) {
			return nil, 0, &Error{Code: code, Path: path, Reason: "it is a symbolic link", Hint: "name the file itself, not a link to it"}
		}
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if !st.Mode().IsRegular() && st.Mode()&fs.ModeNamedPipe == 0 {
		return nil, 0, &Error{Code: code, Path: path, Reason: "it is not a regular file or a pipe", Hint: "give a regular file (not a device or directory)"}
	}
	if st.Mode().IsRegular() && othersBits(st.Mode().Perm())&0o022 != 0 {
		// Whoever can write it chooses the PIN sent to the key, the CA trusted, the secret.
		return nil, 0, &Error{Code: code, Path: path, Reason: fmt.Sprintf("other users can write it (mode %04o)", st.Mode().Perm()),
			Hint: "chmod go-w it (chmod 600 for a secret)"}
	}
	if st.Mode().IsRegular() {
		// Windows: the ACL says who may read or write it (its mode bits mean nothing).
		if err := checkSecret(f, path, code); err != nil {
			return nil, 0, err
		}
	}
	data, err := ReadAll(f, limit)
	if errors.Is(err, ErrTooLarge) {
		return nil, 0, &Error{Code: code, Path: path, Reason: fmt.Sprintf("it is larger than %d bytes", limit), Hint: "check that the path names the right file", Err: ErrTooLarge}
	}
	return data, othersBits(st.Mode().Perm()), err
}

// descriptorPath is one of the process's open descriptors, by the kernel's names.
var descriptorPath = regexp.MustCompile(`^/(dev|proc/self)/fd/[0-9]+$`)

// isDescriptorPath reports whether path names one of the process's open descriptors
// (exactly: /dev/fd/../../tmp/link is not one).
func isDescriptorPath(path string) bool {
	return descriptorPath.MatchString(path) || path == "/dev/stdin"
}
