//go:build windows

package safefile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Private files under the path forms Windows admins use: a directory with spaces and
// non-ASCII letters, the extended-length \\?\ form, and a UNC name (\\localhost\C$\...,
// where the machine shares its drives as administrative shares; Wine has no SMB, so
// there the UNC form is skipped). Each is created 0600-equivalent, read back through
// the ACL check, and refused when it exists.
func TestPrivateFilesUnderWindowsPathForms(t *testing.T) {
	base := filepath.Join(tempDir(t), "Key records ü")
	if err := os.Mkdir(base, 0o700); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(base)
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string]string{
		"plain":    filepath.Join(abs, "pin one.txt"),
		"extended": `\\?\` + filepath.Join(abs, "pin two.txt"),
	}
	if vol := filepath.VolumeName(abs); len(vol) == 2 && !isWine() {
		forms["unc"] = `\\localhost\` + vol[:1] + `$` + strings.TrimPrefix(filepath.Join(abs, "pin three.txt"), vol)
	}
	for name, path := range forms {
		t.Run(name, func(t *testing.T) {
			f, err := CreatePrivate(path)
			if err != nil {
				t.Fatalf("CreatePrivate(%s): %v", path, err)
			}
			if _, err := f.WriteString("48151623\n"); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			data, _, err := ReadContext(context.Background(), path, "file_refused", 1<<10)
			if err != nil || string(data) != "48151623\n" {
				t.Fatalf("ReadContext(%s) = %q, %v", path, data, err)
			}
			if _, err := CreatePrivate(path); err == nil {
				t.Errorf("CreatePrivate over the existing %s succeeded", path)
			}
		})
	}
}
