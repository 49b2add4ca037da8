package cli

import (
	"encoding/json"
	"os"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
)

// VerifyCmd checks a make-credential result locally before it is submitted.
type VerifyCmd struct {
	Options string `required:"" type:"existingfile" placeholder:"FILE" help:"The creation options the credential was made for."`
	In      string `placeholder:"FILE" help:"Read the credential (make-credential's output) from FILE instead of stdin."`
	Roots   string `type:"existingfile" placeholder:"FILE" help:"PEM attestation roots the key's certificate must chain to."`
}

// Run verifies and prints the findings.
func (c *VerifyCmd) Run(a *app) error {
	optData, err := os.ReadFile(c.Options)
	if err != nil {
		return &usageError{msg: "cannot read --options: " + err.Error()}
	}
	_, opts, err := parseOptionsInput(optData)
	clear(optData)
	if err != nil {
		return err
	}
	credData, err := a.readInput(c.In, "the credential")
	if err != nil {
		return err
	}
	var cred enroll.Credential
	if err := json.Unmarshal(credData, &cred); err != nil {
		return &codedError{code: "invalid_json", msg: "the credential is not make-credential's JSON output: " + err.Error(),
			hint: "pipe in the output of `entra-passkey make-credential`"}
	}
	var roots []byte
	if c.Roots != "" {
		if roots, err = os.ReadFile(c.Roots); err != nil {
			return &usageError{msg: "cannot read --roots: " + err.Error()}
		}
	}
	v, err := enroll.Verify(&cred, opts, roots)
	if err != nil {
		return err
	}
	return a.writeJSON(v)
}
