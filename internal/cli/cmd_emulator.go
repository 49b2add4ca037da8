package cli

import (
	"fmt"
	"net"
	"os"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// EmulatorCmd runs the local Entra ID and Graph stand-in until interrupted.
type EmulatorCmd struct {
	Addr      string   `default:"127.0.0.1:0" help:"Listen address (port 0 picks a free one)."`
	Seed      string   `type:"existingfile" placeholder:"FILE" help:"Tenant seed file: users, apps, methods, policy, quirks (docs/emulator.md). Default: the demo tenant."`
	CertDir   string   `name:"cert-dir" type:"path" placeholder:"DIR" help:"Keep the CA and signing keys in DIR across runs (default: a temporary directory)."`
	ReadyFile string   `name:"ready-file" type:"path" placeholder:"FILE" help:"Write the emulator's address, CA and demo app to FILE once it serves (for --emulator); removed on exit."`
	Roots     []string `name:"attestation-root" type:"existingfile" placeholder:"FILE" help:"Trust attestation roots in FILE (PEM) when the policy enforces attestation; repeatable."`
	Quiet     bool     `help:"Do not log each request on stderr."`
}

// Run serves until Ctrl-C or SIGTERM.
func (c *EmulatorCmd) Run(a *app) error {
	cfg := emulator.DefaultConfig()
	if c.Seed != "" {
		var err error
		if cfg, err = emulator.Load(c.Seed); err != nil {
			return err
		}
	}
	if c.Addr != "127.0.0.1:0" || cfg.Addr == "" {
		cfg.Addr = c.Addr
	}
	if host, _, err := net.SplitHostPort(cfg.Addr); err == nil && !graph.IsLoopbackHost(host) && host != "localhost" {
		a.events.Warn("emulator_not_loopback", fmt.Sprintf("the emulator listens on %s, beyond this machine: anyone who reaches it can use its demo tenant and its public demo secret", cfg.Addr))
	}
	if c.CertDir != "" {
		cfg.CertDir = c.CertDir
	}
	for _, f := range c.Roots {
		pem, err := a.readUserFile(f, "the attestation root", maxCertFile)
		if err != nil {
			return err
		}
		cfg.AttestationRoots = append(cfg.AttestationRoots, pem)
	}
	if !c.Quiet {
		cfg.OnRequest = func(r emulator.LoggedRequest) {
			a.events.emit("request", fmt.Sprintf("emulator: %s %s -> %d (%s)%s", r.Method, r.Path, r.Status, r.Duration.Round(time.Millisecond), faultNote(r.Fault)),
				map[string]any{"message": fmt.Sprintf("%s %s -> %d", r.Method, r.Path, r.Status)})
		}
	}
	s, err := emulator.Start(cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	info := s.Ready(cfg.Users)
	if c.ReadyFile != "" {
		if err := writeFileAtomic(c.ReadyFile, info.Marshal(), 0o600); err != nil {
			return err
		}
		defer os.Remove(c.ReadyFile)
	}
	a.events.Info(fmt.Sprintf("emulator serving Graph at %s (CA %s); Ctrl-C stops it", s.URL(), s.CAFile()))
	if err := a.writeJSON(info); err != nil {
		return err
	}
	<-a.ctx.Done()
	a.events.Info("emulator stopped")
	return nil
}

func faultNote(f string) string {
	if f == "" {
		return ""
	}
	return " [fault: " + f + "]"
}
