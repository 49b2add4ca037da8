// Command entra-passkey registers FIDO2 security keys (device-bound passkeys) in
// Microsoft Entra ID on behalf of users. See README.md.
package main

import (
	"os"

	"github.com/entra-passkey/entra-passkey/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.StdStreams(), cli.DefaultDeps()))
}
