package cli

import (
	"reflect"
	"strings"
)

// Kong builds its model of the whole grammar, every command's flags and help text, at
// each start: about 6 ms of a make-credential that otherwise takes 15. A command line
// that names its command gets a grammar with that command only (global flags kept), so
// a process pays for the command it runs. Anything else (no command, --help before it,
// an unknown word, completion scripts, which list every command) gets the whole CLI.

// globals is the part of the grammar every command shares (main.go reads it).
type globals struct {
	LogFormat string
	Debug     bool
	Backend   string
}

// grammarFor returns the grammar to parse args with: a pointer to CLI, or to a struct
// with CLI's global flags and the one command args name.
func grammarFor(args []string) any {
	name := commandWord(args)
	if name == "" || name == "completion" {
		return &CLI{}
	}
	var fields []reflect.StructField
	found := false
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			switch {
			case hasTag(f, "embed") && f.Type.Kind() == reflect.Struct:
				walk(f.Type)
			case hasTag(f, "cmd"):
				if commandName(f) == name {
					fields = append(fields, f)
					found = true
				}
			default:
				fields = append(fields, f)
			}
		}
	}
	walk(reflect.TypeOf(CLI{}))
	if !found {
		return &CLI{}
	}
	for i := range fields {
		fields[i].Index, fields[i].Offset = nil, 0
	}
	return reflect.New(reflect.StructOf(fields)).Interface()
}

// globalsOf reads the global flags from a parsed grammar.
func globalsOf(grammar any) globals {
	v := reflect.ValueOf(grammar).Elem()
	return globals{LogFormat: v.FieldByName("LogFormat").String(), Debug: v.FieldByName("Debug").Bool(),
		Backend: v.FieldByName("Backend").String()}
}

func hasTag(f reflect.StructField, key string) bool {
	_, ok := f.Tag.Lookup(key)
	return ok
}

// commandName is kong's name for a command field: its name tag, else the field name in
// kebab case.
func commandName(f reflect.StructField) string {
	if n := f.Tag.Get("name"); n != "" {
		return n
	}
	var b strings.Builder
	for i, r := range f.Name {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// commandWord is the first word of args that is not a global flag, "" when a help flag
// or an unknown flag comes first.
func commandWord(args []string) string {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--debug", strings.HasPrefix(a, "--log-format="), strings.HasPrefix(a, "--backend="):
		case a == "--log-format", a == "--backend":
			i++
		case strings.HasPrefix(a, "-"):
			return ""
		default:
			return a
		}
	}
	return ""
}
