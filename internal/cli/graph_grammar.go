package cli

// GraphCommands holds the subcommands that talk to Microsoft Graph and Entra sign-in.
type GraphCommands struct{}

// graphExitCodes maps the Graph and sign-in error codes to exit codes (see errors.go).
var graphExitCodes = map[string]int{}
