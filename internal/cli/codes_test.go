package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// codeLiteral is the shape of an error code.
var codeLiteral = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)+$|^(usage|cancelled|timeout|unsupported|declined|internal)$`)

// producedCodes finds every error code the program can produce, by reading its source:
// string literals given as a code (a code/Code field or variable, the first argument of
// the packages' error constructors, an ErrorCode method's result, graph's classify).
// The emulator is left out: its codes are Graph's, not ours.
func producedCodes(t *testing.T) map[string]string {
	t.Helper()
	constructors := map[string]bool{"errorf": true, "inputError": true, "New": true, "sentinel": true, "lineError": true}
	found := map[string]string{}
	add := func(fset *token.FileSet, e ast.Expr) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		s, err := strconv.Unquote(lit.Value)
		if err == nil && codeLiteral.MatchString(s) {
			found[s] = fset.Position(lit.Pos()).String()
		}
	}
	isCodeName := func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name == "code" || x.Name == "Code"
		case *ast.SelectorExpr:
			return x.Sel.Name == "code" || x.Sel.Name == "Code"
		}
		return false
	}
	root := filepath.Join("..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "emulator" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ValueSpec: // const fileRefusedCode = fileRefusedCode
				for i, name := range x.Names {
					if strings.HasSuffix(name.Name, "Code") && i < len(x.Values) {
						add(fset, x.Values[i])
					}
				}
			case *ast.KeyValueExpr:
				if isCodeName(x.Key) {
					add(fset, x.Value)
				}
			case *ast.AssignStmt:
				for i, l := range x.Lhs {
					if isCodeName(l) && i < len(x.Rhs) {
						add(fset, x.Rhs[i])
					}
				}
			case *ast.CallExpr:
				name := ""
				switch fn := x.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if constructors[name] && len(x.Args) > 0 {
					add(fset, x.Args[0])
				}
			case *ast.FuncDecl:
				if (x.Name.Name == "ErrorCode" || x.Name.Name == "classify") && x.Body != nil {
					ast.Inspect(x.Body, func(n ast.Node) bool {
						if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) > 0 {
							add(fset, r.Results[0])
						}
						return true
					})
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Codes produced by packages outside internal/ that the renderer maps.
	for _, c := range []string{"seed_invalid", "emulator_start_failed"} {
		found[c] = "internal/emulator"
	}
	return found
}

// readmeCodes reads README.md's "Error codes" table: each row's codes and exit.
func readmeCodes(t *testing.T) map[string]int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "### Error codes")
	if start < 0 {
		t.Fatal("README.md has no '### Error codes' section")
	}
	section := text[start:]
	if end := strings.Index(section[4:], "\n#"); end >= 0 {
		section = section[:end+4]
	}
	codes := map[string]int{}
	row := regexp.MustCompile("^\\| ((?:`[a-z0-9_]+`(?:, )?)+) \\| ([0-9]+) \\|")
	for _, line := range strings.Split(section, "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		exit, _ := strconv.Atoi(m[2])
		for _, c := range regexp.MustCompile("`([a-z0-9_]+)`").FindAllStringSubmatch(m[1], -1) {
			if _, dup := codes[c[1]]; dup {
				t.Errorf("README lists %s twice", c[1])
			}
			codes[c[1]] = exit
		}
	}
	if len(codes) < 50 {
		t.Fatalf("read only %d codes from README's error table: its format changed?", len(codes))
	}
	return codes
}

// TestEveryCodeIsDocumented: the code's one exit table, the README's error table and
// the codes the source can produce agree, each way.
func TestEveryCodeIsDocumented(t *testing.T) {
	produced := producedCodes(t)
	readme := readmeCodes(t)
	var missing []string
	for c, where := range produced {
		if _, ok := exitCodes[c]; !ok {
			missing = append(missing, c+" ("+where+")")
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("code %s has no exit code in codes.go", m)
	}
	for c, exit := range exitCodes {
		got, ok := readme[c]
		switch {
		case !ok:
			t.Errorf("code %s (exit %d) has no row in README's error table", c, exit)
		case got != exit:
			t.Errorf("code %s: README says exit %d, the code exits %d", c, got, exit)
		}
		if _, ok := produced[c]; !ok && c != "internal" {
			t.Errorf("code %s is in the exit table but nothing produces it", c)
		}
	}
	for c := range readme {
		if _, ok := exitCodes[c]; !ok {
			t.Errorf("README documents %s, which the exit table lacks", c)
		}
	}
}
