package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/entra-passkey/entra-passkey/internal/cli"
	"github.com/entra-passkey/entra-passkey/internal/fido/libfido2"
)

// TestMain lets the scripts run entra-passkey as a real process: the test binary
// re-executes itself as the command.
func TestMain(m *testing.M) {
	if os.Getenv(asBinaryEnv) == "1" {
		os.Exit(cli.Main(os.Args[1:], cli.StdStreams(), cli.DefaultDeps()))
	}
	testscript.Main(m, map[string]func(){
		"entra-passkey": func() { os.Exit(cli.Main(os.Args[1:], cli.StdStreams(), cli.DefaultDeps())) },
	})
}

// TestScripts runs testdata/script/*.txtar: each asserts stdout, stderr and the exit
// code of whole entra-passkey processes, driving the software key through the real
// libfido2.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("ENTRA_PASSKEY_DEVICE", "")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/.config")
			env.Setenv("ENTRA_PASSKEY_TOKEN_CACHE", "file") // never a developer's keyring
			env.Values["emulator"] = &runningEmulator{}
			env.Values["redirector"] = &redirector{}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"emulator":  cmdEmulator,
			"exclude":   cmdExclude,
			"exit-code": cmdExitCode,
			"sleep":     cmdSleep,
			// Security review findings (security_cmds_test.go).
			"redirector": cmdRedirector,
			"pinfile":    cmdPINFile,
			// Key preparation (prep_cmds_test.go).
			"age-keygen":  cmdAgeKeygen,
			"age-decrypt": cmdAgeDecrypt,
			"mode":        cmdMode,
			"envfile":     cmdEnvFile,
			"powered-for": cmdPoweredFor,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "libfido2" {
				return libfido2.Available, nil
			}
			return false, nil
		},
	})
}
