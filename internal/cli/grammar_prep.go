package cli

// PrepCommands holds the subcommands that prepare a key before it is handed out: PINs,
// authenticatorConfig and reset.
type PrepCommands struct {
	Pin    PinCmd    `cmd:"" group:"keys" help:"Set or change a key's PIN, typed or random (the random PIN goes only where you say)."`
	Config ConfigCmd `cmd:"" group:"keys" help:"Change a key's settings (CTAP 2.1 authenticatorConfig): minimum PIN length, forced PIN change, alwaysUv."`
	Reset  ResetCmd  `cmd:"" group:"keys" help:"Erase a key: every passkey, its PIN and its settings (within seconds of plugging it in, with a touch)."`
}

// PinCmd groups the PIN commands.
type PinCmd struct {
	Set    PinSetCmd    `cmd:"" help:"Set the first PIN of a key that has none."`
	Change PinChangeCmd `cmd:"" help:"Change a key's PIN (also ends a forced PIN change)."`
}

// ConfigCmd groups the authenticatorConfig commands.
type ConfigCmd struct {
	MinPinLength   ConfigMinPINLengthCmd   `cmd:"" name:"min-pin-length" help:"Raise the key's minimum PIN length (keys never lower it: only a reset does)."`
	ForcePinChange ConfigForcePINChangeCmd `cmd:"" name:"force-pin-change" help:"Make the key refuse use until its PIN is changed (the user picks their own PIN)."`
	AlwaysUv       ConfigAlwaysUVCmd       `cmd:"" name:"always-uv" help:"Turn the key's alwaysUv option on (default) or off: every use needs the PIN."`
}

// NewPINFlags say where a new PIN comes from: a file, an environment variable, a
// "newPin" field of the JSON on stdin, a prompt (twice), or the random generator. As with
// PINFlags, no flag takes the PIN itself.
type NewPINFlags struct {
	NewPinFile string `name:"new-pin-file" type:"path" placeholder:"FILE" help:"Read the new PIN from the first line of FILE."`
	NewPinEnv  string `name:"new-pin-env" placeholder:"NAME" help:"Read the new PIN from the environment variable NAME."`
	Random     bool   `help:"Generate a random PIN (digits, no runs or common PINs) and deliver it as --pin-out, --pin-out-age or --show-pin say."`
	PinLength  int    `name:"pin-length" placeholder:"N" help:"Digits in a random PIN (default 8; raised to the key's minimum; at most 63)."`
	// ForcePinChange is applied with the new PIN while it is still in memory: a random
	// PIN sent only to the user (age) could not be used for it afterwards.
	ForcePinChange bool `name:"force-pin-change" help:"Then make the key demand a PIN change before use, so the user picks their own PIN."`
	PINOutFlags
}

// PINOutFlags say where a generated PIN goes. Without one of them no PIN is generated:
// a PIN nobody can read locks the key.
type PINOutFlags struct {
	PinOut        string   `name:"pin-out" type:"path" placeholder:"FILE" help:"Write the generated PIN to FILE, created with mode 0600 (never overwritten); age-encrypted when recipients are given."`
	PinOutAge     []string `name:"pin-out-age" sep:"none" placeholder:"RECIPIENT" help:"Encrypt the generated PIN to this age recipient (age1...), repeatable; without --pin-out the ASCII-armored result goes in the output's randomPin.armored field."`
	PinOutAgeFile []string `name:"pin-out-age-file" sep:"none" type:"existingfile" placeholder:"FILE" help:"Encrypt the generated PIN to the age recipients listed in FILE (one a line, as age -R reads them)."`
	ShowPin       bool     `name:"show-pin" help:"Put the generated PIN in the output's pin field (stdout): only when you asked for it."`
}
