package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
)

// TestNoFlagTakesASecret walks the whole grammar: a flag or argument whose name speaks
// of a PIN, secret, token or password may only name where the secret is (a file or an
// environment variable), never carry it, because argv is visible to every user of the
// machine.
func TestNoFlagTakesASecret(t *testing.T) {
	var grammar CLI
	parser, err := kong.New(&grammar, kong.Name("entra-passkey"), kong.Exit(func(int) {}))
	if err != nil {
		t.Fatal(err)
	}
	secret := regexp.MustCompile(`pin|secret|token|password`)
	allowed := regexp.MustCompile(`-(file|env|length|protocols|retries|age|out|dir)$`)
	checked := 0
	var walk func(n *kong.Node)
	walk = func(n *kong.Node) {
		for _, f := range n.Flags {
			checked++
			name := f.Name
			// A switch or a fixed set of choices cannot carry a secret.
			if !secret.MatchString(name) || f.IsBool() || f.Enum != "" {
				continue
			}
			if !allowed.MatchString(name) {
				t.Errorf("%s --%s looks like it takes a secret on the command line", n.Path(), name)
			}
		}
		for _, p := range n.Positional {
			if secret.MatchString(strings.ToLower(p.Name)) {
				t.Errorf("%s <%s> takes a secret as an argument", n.Path(), p.Name)
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(parser.Model.Node)
	if checked < 50 {
		t.Fatalf("only %d flags walked: the grammar walk is broken", checked)
	}
}
