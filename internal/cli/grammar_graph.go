package cli

// GraphCommands holds the subcommands that talk to Microsoft Graph and Entra sign-in.
type GraphCommands struct {
	GetOptions GetOptionsCmd `cmd:"" group:"register" name:"get-options" help:"Fetch a user's WebAuthn creation options from Graph (the input of make-credential)."`
	Submit     SubmitCmd     `cmd:"" group:"register" help:"Register a make-credential result (stdin) as the user's passkey in Entra ID."`
	Register   RegisterCmd   `cmd:"" group:"register" help:"get-options, make-credential and submit in one command."`
	Methods    MethodsCmd    `cmd:"" group:"graph" help:"List or delete a user's FIDO2 (passkey) methods."`
	// VerifyRegistration and Recover need both Graph and the key in hand.
	VerifyRegistration VerifyRegistrationCmd `cmd:"" group:"graph" name:"verify-registration" help:"Confirm a registration on both sides: the method in Entra, and the credential on the key in hand under the user's handle."`
	Recover            RecoverCmd            `cmd:"" group:"graph" help:"Recover a locked-out user: register the key in hand first, then remove lost methods, revoke sessions, issue a Temporary Access Pass."`
	Policy             PolicyCmd             `cmd:"" group:"graph" help:"Show the tenant's FIDO2 authentication method policy."`
	Login              LoginCmd              `cmd:"" group:"signin" help:"Sign in to Entra ID and cache the tokens."`
	Logout             LogoutCmd             `cmd:"" group:"signin" help:"Remove the cached accounts and tokens."`
	Whoami             WhoamiCmd             `cmd:"" group:"signin" help:"Show who the tokens are for (never the token)."`
}
