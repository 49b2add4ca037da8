package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
)

type planDoc struct {
	Job      string         `json:"job"`
	Total    int            `json:"total"`
	Added    int            `json:"added"`
	Counts   map[string]int `json:"counts"`
	Skipped  []struct{ UserPrincipalName, Code, Reason string }
	Problems []struct {
		Code, Message string
		Line          int
	}
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// Rosters as admins have them (Excel's "Unicode text", semicolons, a BOM, JSONL), with
// the users a plan must not take: disabled, a guest, unknown, already holding keys; bad
// rows reported with their line, never stopping the plan; planning again adds only the
// new users.
func TestBulkPlanFromRosters(t *testing.T) {
	r := newRollout(t, 2)
	disabled := false
	r.emu.Close()
	// A tenant of its own: the rollout's users plus the awkward ones.
	cfg := emulator.DefaultConfig()
	cfg.CertDir = filepath.Join(r.dir, "certs")
	cfg.Users = append(cfg.Users,
		emulator.User{ID: "00000000-0000-4000-8000-00000000d15a", UserPrincipalName: "dora@contoso.example", DisplayName: "Dora", AccountEnabled: &disabled},
		emulator.User{ID: "00000000-0000-4000-8000-000000000c1c", UserPrincipalName: "kim@contoso.example", DisplayName: "Kim"})
	cfg.Methods = append(cfg.Methods, emulator.Method{UserID: "kim@contoso.example", CredentialID: []byte("kim-old-credential-id"), DisplayName: "Kim's old key", AAGUID: "cb69481e-8ff7-4039-93ec-0a2729a154a8"})
	cfg.Apps = append(cfg.Apps, emulator.App{ClientID: "a0000000-0000-4000-8000-0000000000aa", SecretSHA256: emulator.HashSecret("passkey-only-secret"),
		AppRoles: []string{emulator.PermPasskeyReadWrite}})
	s, err := emulator.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ready := filepath.Join(r.dir, "emulator.json")
	os.WriteFile(ready, s.Ready(cfg.Users).Marshal(), 0o600)
	r.emu = s

	roster := filepath.Join(r.dir, "roster.txt")
	os.WriteFile(roster, utf16LE("UPN;Display Name;Serial\r\n"+
		"adele@contoso.example;Adele's key;\r\n"+
		"dora@contoso.example;;\r\n"+
		"guest_fabrikam.example#EXT#@contoso.example;;\r\n"+
		"nobody@contoso.example;;\r\n"+
		"not a user;;\r\n"+
		"ADELE@contoso.example;;\r\n"+
		"kim@contoso.example;;12345678\r\n"), 0o600)
	out, code := r.run("bulk", "plan", "--store", r.store, "--roster", roster, "--skip-existing")
	var plan planDoc
	if code != 0 || json.Unmarshal(out, &plan) != nil {
		t.Fatalf("plan exit %d: %s\n%s", code, out, tail(r.logs.String(), 2000))
	}
	skipped := map[string]string{}
	for _, s := range plan.Skipped {
		skipped[s.UserPrincipalName] = s.Code
	}
	want := map[string]string{"dora@contoso.example": "user_disabled", "guest_fabrikam.example#EXT#@contoso.example": "user_guest",
		"nobody@contoso.example": "user_not_found", "kim@contoso.example": "has_fido2_methods"}
	for u, c := range want {
		if skipped[u] != c {
			t.Errorf("%s skipped as %q, want %q (plan %s)", u, skipped[u], c, out)
		}
	}
	lines := map[string]int{}
	for _, p := range plan.Problems {
		lines[p.Code] = p.Line
	}
	if lines["invalid_user"] != 6 || lines["duplicate_user"] != 7 {
		t.Errorf("bad rows reported as %v, want invalid_user on line 6 and duplicate_user on line 7", plan.Problems)
	}
	if plan.Counts["planned"] != 1 || plan.Total != 5 {
		t.Errorf("counts %v (total %d), want adele planned of 5", plan.Counts, plan.Total)
	}
	// A second roster (UTF-8 with a BOM, tabs; JSONL) adds only users not in the job.
	second := filepath.Join(r.dir, "more.tsv")
	os.WriteFile(second, []byte("\ufeffuserPrincipalName\tserial\nadele@contoso.example\t\nalex@contoso.example\t99\n"), 0o600)
	out, code = r.run("bulk", "plan", "--store", r.store, "--roster", second)
	plan = planDoc{}
	if code != 0 || json.Unmarshal(out, &plan) != nil || plan.Added != 1 || plan.Total != 6 {
		t.Fatalf("planning again: exit %d, %s", code, out)
	}
	jsonl := filepath.Join(r.dir, "more.jsonl")
	os.WriteFile(jsonl, []byte(`{"userPrincipalName":"helpdesk@contoso.example","methodDisplayName":"Desk key"}`+"\n"+`{"upn":`+"\n"), 0o600)
	out, code = r.run("bulk", "plan", "--store", r.store, "--roster", jsonl)
	plan = planDoc{}
	if code != 0 || json.Unmarshal(out, &plan) != nil || plan.Added != 1 || len(plan.Problems) == 0 || plan.Problems[0].Line != 2 {
		t.Fatalf("a JSONL roster: exit %d, %s", code, out)
	}
	// Planning from a group with only the passkey permission: 403, naming the
	// permission that is missing.
	secret := filepath.Join(r.dir, "secret.txt")
	os.WriteFile(secret, []byte("passkey-only-secret\n"), 0o600)
	out, code = r.run("bulk", "plan", "--store", filepath.Join(r.dir, "other.db"), "--group", "Passkey rollout",
		"--client-id", "a0000000-0000-4000-8000-0000000000aa", "--client-secret-file", secret, "--no-cache")
	if code != 83 || !strings.Contains(r.logs.String(), "GroupMember.Read.All") {
		t.Errorf("a group without GroupMember.Read.All: exit %d, %s\n%s", code, out, tail(r.logs.String(), 1500))
	}
}
