//go:build unix

package safefile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestOpenAppendRefusesWhatItShould(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "victim")
	if err := os.WriteFile(target, []byte("root:x:0:0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	groupWritable := filepath.Join(dir, "shared")
	if err := os.WriteFile(groupWritable, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(groupWritable, 0o664); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{link, groupWritable, fifo, "/dev/null"} {
		start := time.Now()
		f, _, err := OpenAppend(path, "record_failed")
		if err == nil {
			f.Close()
			t.Errorf("OpenAppend(%s) accepted it", path)
		} else if code(err) != "record_failed" {
			t.Errorf("OpenAppend(%s) = %v, want a record_failed refusal", path, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("OpenAppend(%s) took %s", path, d)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "root:x:0:0\n" {
		t.Errorf("the link's target changed: %q", b)
	}
	// A new file is created 0600; an existing own file others may read is accepted with a flag.
	fresh := filepath.Join(dir, "new.jsonl")
	f, others, err := OpenAppend(fresh, "record_failed")
	if err != nil || others {
		t.Fatalf("OpenAppend(new) = %v, others %v", err, others)
	}
	f.Close()
	if st, _ := os.Stat(fresh); st.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %04o, want 0600", st.Mode().Perm())
	}
	if err := os.Chmod(fresh, 0o644); err != nil {
		t.Fatal(err)
	}
	f, others, err = OpenAppend(fresh, "record_failed")
	if err != nil || !others {
		t.Fatalf("OpenAppend(0644) = %v, others %v; want accepted, flagged", err, others)
	}
	f.Close()
}

func TestForeignOwnerRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user")
	}
	path := filepath.Join(t.TempDir(), "theirs")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if _, _, err := OpenAppend(path, "record_failed"); code(err) != "record_failed" {
		t.Errorf("OpenAppend(foreign) = %v, want refused", err)
	}
	if _, _, err := OpenRead(path, "x", true); code(err) != "x" {
		t.Errorf("OpenRead(foreign, owned) = %v, want refused", err)
	}
}

func TestReadFileBoundsAndKinds(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(big, "c", 1024, false); code(err) != "c" {
		t.Errorf("ReadFile(2 KiB, limit 1 KiB) = %v, want refused", err)
	}
	if _, err := ReadFile("/dev/zero", "c", 1024, false); code(err) != "c" {
		t.Errorf("ReadFile(/dev/zero) = %v, want refused", err)
	}
	if _, _, err := ReadContext(context.Background(), "/dev/zero", "c", 1024); code(err) != "c" {
		t.Errorf("ReadContext(/dev/zero) = %v, want refused", err)
	}
	if _, _, err := ReadContext(context.Background(), big, "c", 1024); code(err) != "c" {
		t.Errorf("ReadContext(2 KiB) = %v, want refused", err)
	}
}

func TestReadContextEndsWhileAFIFOWaits(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := ReadContext(ctx, fifo, "c", 1024)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("ReadContext(FIFO without writer) = %v after %s, want the context's error at once", err, time.Since(start))
	}
	// A writer's data is read (a new FIFO: the abandoned reader still waits on the first).
	fifo = fifo + "2"
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			f.WriteString("1234\n")
			f.Close()
		}
	}()
	data, _, err := ReadContext(context.Background(), fifo, "c", 1024)
	if err != nil || string(data) != "1234\n" {
		t.Errorf("ReadContext(FIFO) = %q, %v", data, err)
	}
}

func TestTightenUsesTheDescriptor(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	f, _, err := OpenRead(path, "c", true)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if changed, err := Tighten(f); !changed || err != nil {
		t.Fatalf("Tighten = %v, %v", changed, err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o after Tighten", st.Mode().Perm())
	}
}

// TestReadContextFollowsDescriptorPaths: `--pin-file <(pass show pin)` and
// `--pin-file /dev/fd/3 3<file` name the process's own descriptors through kernel links.
func TestReadContextFollowsDescriptorPaths(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() { w.WriteString("1234\n"); w.Close() }()
	data, _, err := ReadContext(context.Background(), "/proc/self/fd/"+strconv.Itoa(int(r.Fd())), "c", 1024)
	if err != nil || string(data) != "1234\n" {
		t.Errorf("ReadContext(/proc/self/fd/N) = %q, %v", data, err)
	}
}

func TestReadContextRefusesWhatOthersCanWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pin")
	if err := os.WriteFile(path, []byte("1234\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadContext(context.Background(), path, "c", 1024); code(err) != "c" {
		t.Errorf("ReadContext(0666) = %v, want refused", err)
	}
	for p, want := range map[string]bool{"/dev/fd/3": true, "/proc/self/fd/12": true, "/dev/stdin": true,
		"/dev/fd/../../tmp/link": false, "/dev/fd/3/x": false, "/proc/self/fd/": false} {
		if isDescriptorPath(p) != want {
			t.Errorf("isDescriptorPath(%q) = %v", p, !want)
		}
	}
}
