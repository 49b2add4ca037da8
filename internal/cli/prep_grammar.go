package cli

// PrepCommands holds the subcommands that prepare a key before it is handed out: PINs,
// authenticatorConfig and reset.
type PrepCommands struct{}
