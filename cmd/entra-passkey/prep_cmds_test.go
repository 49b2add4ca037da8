package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/entra-passkey/entra-passkey/internal/fido/virtual"
)

// cmdAgeKeygen writes a new age identity and its recipient, as age-keygen does:
//
//	age-keygen IDENTITY-FILE RECIPIENT-FILE
func cmdAgeKeygen(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: age-keygen IDENTITY-FILE RECIPIENT-FILE")
	}
	id, err := age.GenerateX25519Identity()
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(id.String()+"\n"), 0o600))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(id.Recipient().String()+"\n"), 0o644))
}

// cmdAgeDecrypt decrypts an age file (binary or armored) with an identity file, as
// `age -d -i` does:
//
//	age-decrypt IDENTITY-FILE IN OUT
//
// IN may be a JSON document: the armored text in its randomPin.armored field is
// decrypted.
func cmdAgeDecrypt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: age-decrypt IDENTITY-FILE IN OUT")
	}
	ids, err := age.ParseIdentities(strings.NewReader(ts.ReadFile(args[0])))
	ts.Check(err)
	in := ts.ReadFile(args[1])
	if strings.HasPrefix(in, "{") {
		in = jsonString(ts, in, "armored")
	}
	var src io.Reader = strings.NewReader(in)
	if strings.HasPrefix(in, "-----BEGIN AGE") {
		src = armor.NewReader(src)
	}
	r, err := age.Decrypt(src, ids...)
	ts.Check(err)
	out, err := io.ReadAll(r)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o600))
}

// jsonString finds "name":"value" in a JSON document and returns the unquoted value.
func jsonString(ts *testscript.TestScript, doc, name string) string {
	i := strings.Index(doc, `"`+name+`":"`)
	if i < 0 {
		ts.Fatalf("no %q field", name)
	}
	rest := doc[i+len(name)+4:]
	end := strings.Index(rest, `"`)
	if end < 0 {
		ts.Fatalf("unterminated %q field", name)
	}
	v, err := strconv.Unquote(`"` + rest[:end] + `"`)
	ts.Check(err)
	return v
}

// cmdMode checks a file's permission bits: mode FILE 0600
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mode FILE PERM")
	}
	want, err := strconv.ParseUint(args[1], 8, 32)
	ts.Check(err)
	st, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	got := uint64(st.Mode().Perm())
	if (got == want) == neg {
		ts.Fatalf("%s has mode %04o, want %s%04o", args[0], got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// cmdEnvFile sets an environment variable to the first line of a file, or to the "pin"
// field of a JSON document, so a script can look for a generated PIN in other output.
// It leaves the last command's stdout and stderr as they were: envfile NAME FILE
func cmdEnvFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: envfile NAME FILE")
	}
	line, _, _ := strings.Cut(ts.ReadFile(args[1]), "\n")
	if strings.HasPrefix(line, "{") {
		line = jsonString(ts, line, "pin")
	}
	if line == "" {
		ts.Fatalf("%s is empty", args[1])
	}
	ts.Setenv(args[0], line)
}

// cmdPoweredFor pretends a software key has been plugged in for a while, so its reset
// window (10 s after power-up) is closed: powered-for STATE-FILE DURATION
func cmdPoweredFor(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: powered-for STATE-FILE DURATION")
	}
	d, err := time.ParseDuration(args[1])
	ts.Check(err)
	ts.Check(virtual.Configure(ts.MkAbs(args[0]), func(s *virtual.State) error {
		s.Boot.PoweredAt = time.Now().Add(-d).UTC()
		return nil
	}))
	fmt.Fprintf(ts.Stdout(), "powered for %v\n", d)
}
