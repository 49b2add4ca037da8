package cli

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/textin"
)

// VerifyCmd checks a make-credential result locally before it is submitted.
type VerifyCmd struct {
	Options string `required:"" type:"existingfile" placeholder:"FILE" help:"The creation options the credential was made for."`
	In      string `placeholder:"FILE" help:"Read the credential (make-credential's output) from FILE instead of stdin."`
	Roots   string `type:"existingfile" placeholder:"FILE" help:"PEM attestation roots the key's certificate must chain to."`
}

// Run verifies and prints the findings.
func (c *VerifyCmd) Run(a *app) error {
	raw, err := a.readUserFile(c.Options, "--options", maxInput)
	if err != nil {
		return err
	}
	optData, _, err := textin.Decode(raw)
	if err != nil {
		return fmt.Errorf("reading --options: %w", err)
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
		if roots, err = a.readUserFile(c.Roots, "--roots", maxCertFile); err != nil {
			return err
		}
		if block, _ := pem.Decode(roots); block == nil {
			return &usageError{msg: fmt.Sprintf("--roots %s holds no PEM certificate", c.Roots)}
		}
	}
	v, err := enroll.Verify(&cred, opts, roots)
	if err != nil {
		return err
	}
	if opts.Expired(a.Now()) {
		// Everything else checks out, but Entra ID refuses an expired challenge.
		return &codedError{code: "challenge_expired",
			msg:  fmt.Sprintf("the credential verifies, but its challenge expired at %s: Entra ID would refuse it", opts.ChallengeTimeout.UTC().Format(time.RFC3339)),
			hint: "fetch fresh creation options (get-options) and make the credential again"}
	}
	return a.writeJSON(v)
}
