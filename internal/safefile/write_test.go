package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// tempDir is t.TempDir without failing the test when the removal fails: under Wine 8.0
// os.RemoveAll of Go 1.26 cannot delete a file ("unlinkat: Invalid function").
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "safefile-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Logf("leaving %s: %v", dir, err)
		}
	})
	return dir
}

func TestWriteAtomicAndNew(t *testing.T) {
	dir := tempDir(t)
	path := filepath.Join(dir, "f")
	if err := WriteNew(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteNew(path, []byte("two"), 0o600); !errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteNew over an existing file = %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("WriteNew replaced the file: %q", b)
	}
	if err := WriteAtomic(path, []byte("three"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "three" {
		t.Errorf("WriteAtomic wrote %q", b)
	}
	// Windows has no mode bits (acl_windows_test.go checks its ACLs).
	if st, _ := os.Stat(path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o644 {
		t.Errorf("mode %04o, want 0644", st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".entra-passkey-*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}
