package pinout

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

const letterText = "Dear {{.DisplayName}},\nyour key {{.Serial}} for {{.UPN}} has the PIN {{.PIN}}.\nChange it at first use.\n"

// handoverDir is a fresh directory only the test's user can write.
func handoverDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pins")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeTemplate(t *testing.T, text string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "letter.tmpl")
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

var adele = Letter{DisplayName: "Adele Vance", UPN: "Adele@Contoso.com", Serial: "12345678", PIN: pin}

func TestHandoverKinds(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	recipients := []string{id.Recipient().String()}
	tests := []struct {
		kind       string
		recipients []string
		letter     bool
		plain      bool
		file       string
		recover    string // the code Recover fails with, "" when it reads the PIN back
	}{
		{"file", nil, false, true, "adele@contoso.com", ""},
		{"age", recipients, false, false, "adele@contoso.com.age", ""},
		{"letter", nil, true, true, "adele@contoso.com.txt", "pin_not_recoverable"},
		{"age-letter", recipients, true, false, "adele@contoso.com.txt.age", "pin_not_recoverable"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			dir := handoverDir(t)
			tmpl := ""
			if tt.letter {
				tmpl = writeTemplate(t, letterText, 0o644)
			}
			h, err := NewHandover(dir, tt.recipients, tmpl, tt.plain)
			if err != nil {
				t.Fatal(err)
			}
			if h.Kind() != tt.kind || h.Encrypted() != (tt.recipients != nil) {
				t.Errorf("Kind %q Encrypted %v", h.Kind(), h.Encrypted())
			}
			want := filepath.Join(dir, tt.file)
			if got := h.Path(adele.UPN); got != want {
				t.Errorf("Path %q, want %q", got, want)
			}
			path, err := h.Deliver(adele)
			if err != nil || path != want {
				t.Fatalf("Deliver: %q, %v", path, err)
			}
			st, err := os.Lstat(path)
			if err != nil || st.Mode().Perm() != 0o600 || !st.Mode().IsRegular() {
				t.Fatalf("file %v, %v: want a regular 0600 file", st, err)
			}
			data, _ := os.ReadFile(path)
			content := string(data)
			if tt.recipients != nil {
				if strings.Contains(content, pin.Reveal()) {
					t.Fatal("the PIN is in clear in an encrypted hand-over")
				}
				content = decrypt(t, id, content)
			}
			wantContent := "59173826\n"
			if tt.letter {
				wantContent = "Dear Adele Vance,\nyour key 12345678 for Adele@Contoso.com has the PIN 59173826.\nChange it at first use.\n"
			}
			if content != wantContent {
				t.Errorf("content %q, want %q", content, wantContent)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("the directory holds %v", entries)
			}
			got, err := h.Recover(adele.UPN, []age.Identity{id})
			if tt.recover != "" {
				if code(err) != tt.recover {
					t.Fatalf("Recover: %v, want %s", err, tt.recover)
				}
				return
			}
			if err != nil || got != pin {
				t.Fatalf("Recover: %v, %v", got == pin, err)
			}
		})
	}
}

func TestHandoverNeverOverwrites(t *testing.T) {
	dir := handoverDir(t)
	h, err := NewHandover(dir, nil, "", true)
	if err != nil {
		t.Fatal(err)
	}
	path, err := h.Deliver(adele)
	if err != nil {
		t.Fatal(err)
	}
	again := adele
	again.PIN = "11112222"
	if _, err := h.Deliver(again); code(err) != "pin_out_exists" {
		t.Fatalf("second Deliver: %v, want pin_out_exists", err)
	}
	// A UPN that differs only in case or in replaced characters names the same file.
	for _, upn := range []string{"ADELE@contoso.com"} {
		l := again
		l.UPN = upn
		if _, err := h.Deliver(l); code(err) != "pin_out_exists" || strings.Contains(err.Error(), "11112222") {
			t.Fatalf("%s: %v, want pin_out_exists", upn, err)
		}
	}
	if data, _ := os.ReadFile(path); string(data) != "59173826\n" {
		t.Errorf("the hand-over was overwritten: %q", data)
	}
	// A link planted under the name is not followed either.
	target := filepath.Join(t.TempDir(), "elsewhere")
	bob := Letter{UPN: "bob@contoso.com", PIN: "11112222"}
	if err := os.Symlink(target, h.Path(bob.UPN)); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Deliver(bob); code(err) != "pin_out_exists" {
		t.Fatalf("over a symlink: %v, want pin_out_exists", err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the symlink's target was written")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestNewHandoverRefuses(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	recipient := id.Recipient().String()
	good := handoverDir(t)
	base := t.TempDir()
	link := filepath.Join(base, "link")
	_ = os.Symlink(good, link)
	file := filepath.Join(base, "file")
	_ = os.WriteFile(file, nil, 0o600)
	open := filepath.Join(base, "open")
	_ = os.Mkdir(open, 0o700)
	_ = os.Chmod(open, 0o777)
	group := filepath.Join(base, "group")
	_ = os.Mkdir(group, 0o700)
	_ = os.Chmod(group, 0o770)
	tests := []struct {
		name       string
		dir        string
		recipients []string
		template   string
		plain      bool
		want       string
	}{
		{"no directory", "", nil, "", true, "pin_destination_required"},
		{"missing directory", filepath.Join(base, "none"), nil, "", true, "pin_out_failed"},
		{"symlinked directory", link, nil, "", true, "pin_out_failed"},
		{"symlinked directory with a slash", link + "/", nil, "", true, "pin_out_failed"},
		{"a file", file, nil, "", true, "pin_out_failed"},
		{"others can write it", open, nil, "", true, "pin_out_failed"},
		{"the group can write it", group, nil, "", true, "pin_out_failed"},
		{"no recipients, not plain", good, nil, "", false, "pin_destination_required"},
		{"recipients and plain", good, []string{recipient}, "", true, "pin_destination_required"},
		{"bad recipient", good, []string{"AGE-SECRET-KEY-1QQQ"}, "", false, "invalid_recipient"},
		{"missing template", good, nil, filepath.Join(base, "none.tmpl"), true, "invalid_letter_template"},
		{"template that does not parse", good, nil, writeTemplate(t, "{{.PIN", 0o600), true, "invalid_letter_template"},
		{"template without the PIN", good, nil, writeTemplate(t, "Hello {{.DisplayName}}", 0o600), true, "invalid_letter_template"},
		{"template that hides the PIN", good, nil, writeTemplate(t, "{{if false}}{{.PIN}}{{end}}", 0o600), true, "invalid_letter_template"},
		{"template with a part of the PIN", good, nil, writeTemplate(t, `{{printf "%.4s" .PIN}}`, 0o600), true, "invalid_letter_template"},
		{"template with an unknown field", good, nil, writeTemplate(t, "{{.PIN}} {{.Password}}", 0o600), true, "invalid_letter_template"},
		{"template that prints the fido.PIN", good, nil, writeTemplate(t, "{{.PIN}}{{range 3000000}}xxxxxxxxxx{{end}}", 0o600), true, "invalid_letter_template"},
		{"template others can write", good, nil, writeTemplate(t, letterText, 0o666), true, "invalid_letter_template"},
		{"template that is a directory", good, nil, base, true, "invalid_letter_template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := NewHandover(tt.dir, tt.recipients, tt.template, tt.plain)
			if got := code(err); got != tt.want {
				t.Fatalf("code %q (%v), want %q", got, err, tt.want)
			}
			if h != nil {
				t.Error("a handover with the error")
			}
			var e *Error
			if errors.As(err, &e) && (e.ErrorCode() != tt.want || strings.Contains(err.Error(), "AGE-SECRET-KEY")) {
				t.Errorf("error %v", err)
			}
		})
	}
}

func TestHandoverOwnedByAnother(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a directory to another user")
	}
	dir := handoverDir(t)
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Skip(err)
	}
	if _, err := NewHandover(dir, nil, "", true); code(err) != "pin_out_failed" || !strings.Contains(err.Error(), "another user") {
		t.Fatalf("got %v", err)
	}
}

func TestHandoverHostileUPNs(t *testing.T) {
	dir := handoverDir(t)
	h, err := NewHandover(dir, nil, writeTemplate(t, letterText, 0o600), true)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ upn, name string }{
		{"../x@y", "___x@y.txt"},
		{"../../etc/passwd", "___.._etc_passwd.txt"},
		{"a/b\\c@x.com", "a_b_c@x.com.txt"},
		{".hidden@x.com", "_hidden@x.com.txt"},
		{"..", "__.txt"},
		{"CON@x", "con@x.txt"},
		{"con.x@y", "_con.x@y.txt"},
		{"COM1", "_com1.txt"},
		{"lpt9.@x", "_lpt9.@x.txt"},
		{"nul", "_nul.txt"},
		{"jösé@例え.jp", "j_s_@__.jp.txt"},
		{"a\x00b\n@x", "a_b_@x.txt"},
		{"\u202eevil@x", "_evil@x.txt"},
		{"\xff\xfe@x", "__@x.txt"},
		{"Upper.Case+tag@Contoso.COM", "upper.case_tag@contoso.com.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.upn, func(t *testing.T) {
			path := h.Path(tt.upn)
			if filepath.Dir(path) != dir || filepath.Base(path) != tt.name {
				t.Fatalf("Path %q, want %s in %s", path, tt.name, dir)
			}
			got, err := h.Deliver(Letter{UPN: tt.upn, DisplayName: "x", PIN: pin})
			if err != nil || got != path {
				t.Fatalf("Deliver: %q, %v", got, err)
			}
			if _, err := os.Lstat(path); err != nil {
				t.Fatal(err)
			}
		})
	}
	long := strings.Repeat("a", 5000) + "@x.com"
	path := h.Path(long)
	if len(filepath.Base(path)) > 255 || filepath.Dir(path) != dir || path == h.Path(strings.Repeat("a", 4999)+"@x.com") {
		t.Fatalf("long UPN: %q", filepath.Base(path))
	}
	if _, err := h.Deliver(Letter{UPN: long, PIN: pin}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(tests)+1 {
		t.Errorf("%d files in the directory, want %d", len(entries), len(tests)+1)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "x@y.txt")); err == nil {
		t.Error("a hand-over left the directory")
	}
}

func TestDeliverRefuses(t *testing.T) {
	dir := handoverDir(t)
	h, _ := NewHandoverTemplate(dir, nil, `{{if eq .Serial "hide"}}no PIN here{{else}}{{.PIN}}{{end}}`, true)
	tests := []struct {
		name   string
		letter Letter
		want   string
	}{
		{"no UPN", Letter{PIN: pin}, "pin_out_failed"},
		{"no PIN", Letter{UPN: "a@b.co"}, "pin_out_failed"},
		{"a letter that hides this PIN", Letter{UPN: "a@b.co", Serial: "hide", PIN: pin}, "pin_out_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.Deliver(tt.letter)
			if code(err) != tt.want {
				t.Fatalf("got %v, want %s", err, tt.want)
			}
			if strings.Contains(err.Error(), pin.Reveal()) {
				t.Errorf("the error shows the PIN: %v", err)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	// The directory is checked again at each delivery.
	_ = os.Chmod(dir, 0o777)
	if _, err := h.Deliver(Letter{UPN: "a@b.co", PIN: pin}); code(err) != "pin_out_failed" {
		t.Errorf("after chmod 777: %v", err)
	}
}

func TestRecoverRefuses(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	other, _ := age.GenerateX25519Identity()
	dir := handoverDir(t)
	plain, _ := NewHandover(dir, nil, "", true)
	sealed, _ := NewHandover(dir, []string{id.Recipient().String()}, "", false)
	if _, err := sealed.Deliver(adele); err != nil {
		t.Fatal(err)
	}
	notAge := "n@y.co"
	_ = os.WriteFile(sealed.Path(notAge), []byte("59173826\n"), 0o600)
	write := func(upn, content string, mode os.FileMode) string {
		path := plain.Path(upn)
		_ = os.WriteFile(path, []byte(content), mode)
		_ = os.Chmod(path, mode)
		return upn
	}
	tests := []struct {
		name string
		h    *Handover
		upn  string
		ids  []age.Identity
		want string
	}{
		{"missing", plain, "nobody@contoso.com", nil, "pin_out_missing"},
		{"no identity", sealed, adele.UPN, nil, "pin_not_recoverable"},
		{"another identity", sealed, adele.UPN, []age.Identity{other}, "pin_not_recoverable"},
		{"not age", sealed, notAge, []age.Identity{id}, "pin_out_failed"},
		{"empty", plain, write("e@y.co", "", 0o600), nil, "pin_out_failed"},
		{"spaces", plain, write("s@y.co", " 59173826\n", 0o600), nil, "pin_out_failed"},
		{"too long", plain, write("l@y.co", strings.Repeat("7", 64)+"\n", 0o600), nil, "pin_out_failed"},
		{"control character", plain, write("c@y.co", "5917\x073826\n", 0o600), nil, "pin_out_failed"},
		{"others can write it", plain, write("w@y.co", "59173826\n", 0o666), nil, "pin_out_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.h.Recover(tt.upn, tt.ids)
			if code(err) != tt.want {
				t.Fatalf("got %v, want %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "5917") || strings.Contains(err.Error(), "7777") {
				t.Errorf("the error shows the file's content: %v", err)
			}
		})
	}
	if _, err := plain.Recover("nobody@contoso.com", nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing hand-over is not fs.ErrNotExist: %v", err)
	}
	// A CRLF line end (a file someone edited on Windows) is read.
	upn := write("crlf@y.co", "59173826\r\nmore\r\n", 0o600)
	if got, err := plain.Recover(upn, nil); err != nil || got != fido.PIN("59173826") {
		t.Errorf("CRLF: %v", err)
	}
}
