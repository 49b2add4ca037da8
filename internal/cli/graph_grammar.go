package cli

// GraphCommands holds the subcommands that talk to Microsoft Graph and Entra sign-in.
type GraphCommands struct {
	GetOptions GetOptionsCmd `cmd:"" name:"get-options" help:"Fetch a user's WebAuthn creation options from Graph (the input of make-credential)."`
	Submit     SubmitCmd     `cmd:"" help:"Register a make-credential result (stdin) as the user's passkey in Entra ID."`
	Register   RegisterCmd   `cmd:"" help:"get-options, make-credential and submit in one command."`
	Methods    MethodsCmd    `cmd:"" help:"List or delete a user's FIDO2 (passkey) methods."`
	Policy     PolicyCmd     `cmd:"" help:"Show the tenant's FIDO2 authentication method policy."`
	Login      LoginCmd      `cmd:"" help:"Sign in to Entra ID and cache the tokens."`
	Logout     LogoutCmd     `cmd:"" help:"Remove the cached accounts and tokens."`
	Whoami     WhoamiCmd     `cmd:"" help:"Show who the tokens are for (never the token)."`
	Emulator   EmulatorCmd   `cmd:"" help:"Run a local Entra ID and Graph stand-in over TLS for demos and tests."`
}
