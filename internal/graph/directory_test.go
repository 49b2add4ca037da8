package graph_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// A group with a nested group over several pages: every user once, no groups, and the
// properties $select asked for.
func TestGroupUsersFollowsEveryPage(t *testing.T) {
	const n = 2500
	e := startEmulator(t, func(c *emulator.Config) {
		var outer, inner []string
		for i := range n {
			id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
			c.Users = append(c.Users, emulator.User{ID: id, UserPrincipalName: fmt.Sprintf("u%d@contoso.example", i), DisplayName: fmt.Sprint("User ", i)})
			if i%2 == 0 {
				outer = append(outer, id)
			} else {
				inner = append(inner, id)
			}
		}
		c.Groups = append(c.Groups,
			emulator.Group{ID: "aaaaaaaa-0000-4000-8000-000000000001", DisplayName: "Outer", Members: append(outer, "aaaaaaaa-0000-4000-8000-000000000002")},
			emulator.Group{ID: "aaaaaaaa-0000-4000-8000-000000000002", DisplayName: "Inner's 'quoted'", Members: inner})
		c.PageSize = 1000
	})
	ctx := context.Background()
	g, err := e.c.ResolveGroup(ctx, "Outer")
	if err != nil || g.ID != "aaaaaaaa-0000-4000-8000-000000000001" {
		t.Fatalf("ResolveGroup = %+v, %v", g, err)
	}
	if g2, err := e.c.ResolveGroup(ctx, "Inner's 'quoted'"); err != nil || g2.ID != "aaaaaaaa-0000-4000-8000-000000000002" {
		t.Fatalf("a quoted name = %+v, %v", g2, err)
	}
	seen, pages := map[string]bool{}, 0
	err = e.c.GroupUsers(ctx, g.ID, func(us []graph.DirectoryUser) error {
		pages++
		for _, u := range us {
			if seen[u.ID] {
				t.Errorf("%s twice", u.ID)
			}
			seen[u.ID] = true
			if u.AccountEnabled == nil || u.UserType == nil || u.UserPrincipalName == "" {
				t.Fatalf("a member without the selected properties: %+v", u)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != n || pages < 3 {
		t.Fatalf("%d users in %d pages, want %d in 3 or more", len(seen), pages, n)
	}
}

func TestDirectoryErrorsAreSpecific(t *testing.T) {
	e := startEmulator(t, func(c *emulator.Config) {
		c.Apps = append(c.Apps, emulator.App{ClientID: "a0000000-0000-4000-8000-000000000031",
			SecretSHA256: emulator.HashSecret("passkey-only"), AppRoles: []string{emulator.PermPasskeyReadWrite}})
	})
	ctx := context.Background()
	codeOf := func(err error) string {
		var ce interface{ ErrorCode() string }
		if errors.As(err, &ce) {
			return ce.ErrorCode()
		}
		return fmt.Sprint("no code: ", err)
	}
	if _, err := e.c.ResolveGroup(ctx, "No such group"); codeOf(err) != "group_not_found" {
		t.Errorf("unknown name: %v", err)
	}
	if _, err := e.c.ResolveGroup(ctx, "00000000-0000-4000-8000-00000000dead"); codeOf(err) != "group_not_found" {
		t.Errorf("unknown id: %v", err)
	}
	if err := e.c.RemoveGroupMember(ctx, emulator.DemoRolloutGroupID, "00000000-0000-4000-8000-00000000beef"); err != nil {
		t.Errorf("removing a non-member counts as done: %v", err)
	}
	tok, err := e.s.Token("a0000000-0000-4000-8000-000000000031", "")
	if err != nil {
		t.Fatal(err)
	}
	weak := e.client(t, fixedToken(tok))
	_, err = weak.ResolveGroup(ctx, "Passkey rollout")
	var ge *graph.Error
	if codeOf(err) != "graph_forbidden" || !errors.As(err, &ge) || !strings.Contains(ge.ErrorHint(), "GroupMember.Read.All") {
		t.Errorf("403 on groups = %v", err)
	}
	_, err = weak.User(ctx, adele)
	if codeOf(err) != "graph_forbidden" || !errors.As(err, &ge) || !strings.Contains(ge.ErrorHint(), "User.Read.All") {
		t.Errorf("403 on users = %v", err)
	}
	u, err := e.c.User(ctx, adele)
	if err != nil || u.ID != adeleID || u.AccountEnabled == nil || !*u.AccountEnabled || u.IsGuest() {
		t.Errorf("User = %+v, %v", u, err)
	}
}
