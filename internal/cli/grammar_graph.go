package cli

// GraphCommands holds the subcommands that talk to Microsoft Graph and Entra sign-in.
type GraphCommands struct {
	GetOptions GetOptionsCmd `cmd:"" group:"register" name:"get-options" help:"Fetch a user's WebAuthn creation options from Graph (the input of make-credential)."`
	Submit     SubmitCmd     `cmd:"" group:"register" help:"Register a make-credential result (stdin) as the user's passkey in Entra ID."`
	Register   RegisterCmd   `cmd:"" group:"register" help:"get-options, make-credential and submit in one command."`
	Methods    MethodsCmd    `cmd:"" group:"graph" help:"List or delete a user's FIDO2 (passkey) methods."`
	Policy     PolicyCmd     `cmd:"" group:"graph" help:"Show the tenant's FIDO2 authentication method policy."`
	Login      LoginCmd      `cmd:"" group:"signin" help:"Sign in to Entra ID and cache the tokens."`
	Logout     LogoutCmd     `cmd:"" group:"signin" help:"Remove the cached accounts and tokens."`
	Whoami     WhoamiCmd     `cmd:"" group:"signin" help:"Show who the tokens are for (never the token)."`
}
