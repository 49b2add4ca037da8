package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/alecthomas/kong"
)

// CompletionCmd prints a completion script generated from the grammar, so it never
// drifts from the commands and flags.
type CompletionCmd struct {
	Shell string `arg:"" enum:"bash,zsh,fish,powershell" help:"Shell to complete for (${enum})."`
}

// Run prints the script.
func (c *CompletionCmd) Run(a *app, k *kong.Kong) error {
	words := completionWords(k.Model.Node)
	var script string
	switch c.Shell {
	case "bash":
		script = bashCompletion(words)
	case "zsh":
		script = "#compdef entra-passkey\nautoload -U +X bashcompinit && bashcompinit\n" + bashCompletion(words)
	case "fish":
		script = fishCompletion(words)
	case "powershell":
		script = powershellCompletion(words)
	}
	if _, err := fmt.Fprint(a.Out, script); err != nil {
		return &codedError{code: "output_failed", msg: fmt.Sprintf("writing the completion script to stdout: %v", unwrapPathError(err))}
	}
	return nil
}

// completionWords maps each command path ("" for the root) to its subcommands and flags.
func completionWords(root *kong.Node) map[string][]string {
	out := map[string][]string{}
	var walk func(n *kong.Node, path string)
	walk = func(n *kong.Node, path string) {
		var words []string
		for _, child := range n.Children {
			if child.Hidden {
				continue
			}
			words = append(words, child.Name)
			walk(child, strings.TrimSpace(path+" "+child.Name))
		}
		for _, f := range n.Flags {
			if !f.Hidden {
				words = append(words, "--"+f.Name)
			}
		}
		if n.Parent != nil {
			for _, f := range n.Parent.Flags {
				if !f.Hidden {
					words = append(words, "--"+f.Name)
				}
			}
		}
		sort.Strings(words)
		out[path] = words
	}
	walk(root, "")
	return out
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func bashCompletion(words map[string][]string) string {
	var b strings.Builder
	b.WriteString("# bash completion for entra-passkey\n_entra_passkey() {\n  local cur path w\n  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n  path=\"\"\n  for w in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do\n    case \"$w\" in -*) ;; *) path=\"${path:+$path }$w\";; esac\n  done\n  case \"$path\" in\n")
	for _, k := range sortedKeys(words) {
		fmt.Fprintf(&b, "    %q) COMPREPLY=($(compgen -W %q -- \"$cur\"));;\n", k, strings.Join(words[k], " "))
	}
	b.WriteString("    *) COMPREPLY=($(compgen -f -- \"$cur\"));;\n  esac\n}\ncomplete -o default -F _entra_passkey entra-passkey\n")
	return b.String()
}

func fishCompletion(words map[string][]string) string {
	var b strings.Builder
	b.WriteString("# fish completion for entra-passkey\n")
	for _, w := range words[""] {
		if !strings.HasPrefix(w, "--") {
			fmt.Fprintf(&b, "complete -c entra-passkey -n __fish_use_subcommand -a %s\n", w)
		}
	}
	for _, k := range sortedKeys(words) {
		if k == "" || strings.Contains(k, " ") {
			continue
		}
		for _, w := range words[k] {
			if strings.HasPrefix(w, "--") {
				fmt.Fprintf(&b, "complete -c entra-passkey -n '__fish_seen_subcommand_from %s' -l %s\n", k, strings.TrimPrefix(w, "--"))
			}
		}
	}
	return b.String()
}

func powershellCompletion(words map[string][]string) string {
	var b strings.Builder
	b.WriteString("# PowerShell completion for entra-passkey\n$entraPasskeyWords = @{\n")
	for _, k := range sortedKeys(words) {
		fmt.Fprintf(&b, "  '%s' = @(%s)\n", k, quoteList(words[k]))
	}
	b.WriteString(`}
Register-ArgumentCompleter -Native -CommandName entra-passkey -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $path = ($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -lt $cursorPosition -and -not $_.ToString().StartsWith('-') } | ForEach-Object { $_.ToString() }) -join ' '
  $entraPasskeyWords[$path] | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`)
	return b.String()
}

func quoteList(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "'" + w + "'"
	}
	return strings.Join(q, ", ")
}
