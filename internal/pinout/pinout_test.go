package pinout

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

const pin = fido.PIN("59173826")

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	exists := filepath.Join(dir, "exists")
	_ = os.WriteFile(exists, nil, 0o600)
	bad := filepath.Join(dir, "bad.txt")
	_ = os.WriteFile(bad, []byte("# a comment\nAGE-SECRET-KEY-1XXXX\n"), 0o600)
	tests := []struct {
		name       string
		file       string
		recipients []string
		files      []string
		show       bool
		want       string
	}{
		{"nowhere", "", nil, nil, false, "pin_destination_required"},
		{"existing file", exists, nil, nil, false, "pin_out_exists"},
		{"missing directory", filepath.Join(dir, "no", "pin"), nil, nil, false, "pin_out_failed"},
		{"not a recipient", "", []string{"bob@example.com"}, nil, false, "invalid_recipient"},
		{"empty recipient", "", []string{""}, nil, false, "invalid_recipient"},
		{"private key in a recipients file", "", nil, []string{bad}, false, "invalid_recipient"},
		{"missing recipients file", "", nil, []string{filepath.Join(dir, "none")}, false, "invalid_recipient"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.file, tt.recipients, tt.files, tt.show)
			if got := code(err); got != tt.want {
				t.Fatalf("code %q (%v), want %q", got, err, tt.want)
			}
			if strings.Contains(err.Error(), "AGE-SECRET-KEY") {
				t.Errorf("the message shows a private key: %v", err)
			}
		})
	}
}

func TestPlainFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pin.txt")
	d, err := New(file, nil, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	staged, err := d.Stage(pin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the file is visible before Commit")
	}
	got, err := staged.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if got.File != file || got.Encrypted || got.Shown || got.ShownPIN() != nil {
		t.Errorf("delivered %+v", got)
	}
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o, want 0600", st.Mode().Perm())
	}
	if data, _ := os.ReadFile(file); string(data) != "59173826\n" {
		t.Errorf("content %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	d, _ := New(filepath.Join(dir, "pin.txt"), nil, nil, false)
	_, err := Deliver(d, pin, func() error { return errors.New("the key refused") })
	if err == nil || err.Error() != "the key refused" {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestCommitNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pin.txt")
	d, _ := New(file, nil, nil, false)
	staged, _ := d.Stage(pin)
	_ = os.WriteFile(file, []byte("someone else's\n"), 0o600)
	_, err := staged.Commit()
	if code(err) != "pin_out_failed" || !strings.Contains(err.Error(), ".entra-passkey-pin-") {
		t.Fatalf("got %v, want pin_out_failed naming the temporary file", err)
	}
	if data, _ := os.ReadFile(file); string(data) != "someone else's\n" {
		t.Error("the existing file was overwritten")
	}
}

func decrypt(t *testing.T, id *age.X25519Identity, armored string) string {
	t.Helper()
	r, err := age.Decrypt(armor.NewReader(strings.NewReader(armored)), id)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	return string(b)
}

func TestAgeToFileAndArmored(t *testing.T) {
	alice, _ := age.GenerateX25519Identity()
	bob, _ := age.GenerateX25519Identity()
	dir := t.TempDir()
	recipFile := filepath.Join(dir, "recipients.txt")
	_ = os.WriteFile(recipFile, []byte("# helpdesk\n"+bob.Recipient().String()+"\n"), 0o644)

	file := filepath.Join(dir, "pin.age")
	d, err := New(file, []string{alice.Recipient().String()}, []string{recipFile}, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Deliver(d, pin, func() error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !got.Encrypted || len(got.Recipients) != 2 || got.Armored != "" {
		t.Errorf("delivered %+v", got)
	}
	data, _ := os.ReadFile(file)
	if strings.Contains(string(data), "59173826") {
		t.Fatal("the PIN is in clear in the encrypted file")
	}
	for _, id := range []*age.X25519Identity{alice, bob} {
		if got := decrypt(t, id, string(data)); got != "59173826\n" {
			t.Errorf("decrypted %q", got)
		}
	}

	d, _ = New("", []string{alice.Recipient().String()}, nil, false)
	got, err = Deliver(d, pin, func() error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Armored, "-----BEGIN AGE ENCRYPTED FILE-----") {
		t.Fatalf("armored %q", got.Armored)
	}
	if decrypt(t, alice, got.Armored) != "59173826\n" {
		t.Error("the armored PIN does not decrypt")
	}
	if got.ShownPIN() != nil {
		t.Error("the PIN is shown without --show-pin")
	}
}

func TestShow(t *testing.T) {
	d, err := New("", nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Deliver(d, pin, func() error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if p := got.ShownPIN(); p == nil || *p != "59173826" {
		t.Errorf("shown %v", p)
	}
}
