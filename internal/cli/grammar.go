package cli

import "time"

// CLI is the command line grammar.
type CLI struct {
	LogFormat string `name:"log-format" enum:"text,json" default:"text" env:"ENTRA_PASSKEY_LOG_FORMAT" help:"Format of stderr: text for people, json for one JSON event per line (${enum})."`
	Debug     bool   `help:"Print diagnostics on stderr (never secrets)."`
	Backend   string `name:"backend" enum:"auto,libfido2,webauthn" default:"auto" env:"ENTRA_PASSKEY_BACKEND" help:"Key backend (${enum}): auto is webauthn.dll on Windows without elevation (Windows' own PIN and touch dialogs), libfido2 otherwise."`

	Version        VersionCmd        `cmd:"" help:"Print the version and the JSON contract's schemaVersion."`
	MakeCredential MakeCredentialCmd `cmd:"" group:"register" name:"make-credential" help:"Create a passkey on a key from Graph's creation options (stdin) and print the Graph POST body."`
	Verify         VerifyCmd         `cmd:"" group:"register" help:"Check a make-credential result against its creation options, as Entra ID would."`
	Completion     CompletionCmd     `cmd:"" help:"Print a shell completion script (bash, zsh, fish, powershell)."`

	// GraphCommands are the commands that talk to Microsoft Graph (grammar_graph.go).
	GraphCommands `embed:""`
	Devices       DevicesCmd `cmd:"" group:"keys" help:"List the security keys present."`
	KeyInfo       KeyInfoCmd `cmd:"" group:"keys" name:"key-info" help:"Show what a key reports about itself (getInfo, PIN state, serial)."`
	Key           KeyCmd     `cmd:"" group:"keys" help:"What a key holds: its credentials joined to Entra methods, and deleting one."`
	// PrepCommands are the key preparation commands (grammar_prep.go).
	PrepCommands `embed:""`
	Bulk         BulkCmd       `cmd:"" group:"bulk" help:"Rollouts: plan from a group or roster, run at stations, resume after any crash, status, retry, report."`
	VirtualKey   VirtualKeyCmd `cmd:"" group:"test" name:"virtual-key" help:"Manage software test keys (virtual:<state-file>) for demos and tests."`
	Emulator     EmulatorCmd   `cmd:"" group:"test" help:"Run a local Entra ID and Graph stand-in over TLS for demos and tests."`
}

// KeyFlags select the key and bound the time spent on it.
type KeyFlags struct {
	Device  string        `short:"d" env:"ENTRA_PASSKEY_DEVICE" placeholder:"PATH" help:"Key to use (see 'devices'); 'virtual:<state-file>' for a software test key. Needed when several keys are present."`
	Timeout time.Duration `default:"2m" help:"Give up on the key after this long (waiting for a touch included)."`
}

// PINFlags say where a PIN comes from. There is deliberately no flag taking the PIN
// itself: argv is visible to every user of the machine.
type PINFlags struct {
	PinFile string `name:"pin-file" type:"path" placeholder:"FILE" help:"Read the PIN from the first line of FILE."`
	PinEnv  string `name:"pin-env" placeholder:"NAME" help:"Read the PIN from the environment variable NAME."`
}
