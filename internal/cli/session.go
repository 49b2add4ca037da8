package cli

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/auth"
	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
	"github.com/entra-passkey/entra-passkey/internal/textin"
)

// GraphFlags say which Graph to talk to and how to sign in. Secrets (client secret,
// certificate password, access token) come from files or named environment variables,
// never from argv.
type GraphFlags struct {
	Emulator  string `name:"emulator" type:"path" env:"ENTRA_PASSKEY_EMULATOR" placeholder:"FILE" group:"Graph" help:"Use the local emulator described by FILE (written by 'entra-passkey emulator --ready-file'): its Graph, sign-in, CA and demo app."`
	Cloud     string `enum:"global,usgov,usgov-dod,china" default:"global" env:"ENTRA_PASSKEY_CLOUD" group:"Graph" help:"National cloud (${enum})."`
	GraphURL  string `name:"graph-url" env:"ENTRA_PASSKEY_GRAPH_URL" placeholder:"URL" group:"Graph" help:"Graph root URL, overriding --cloud's."`
	Authority string `env:"ENTRA_PASSKEY_AUTHORITY" placeholder:"URL" group:"Graph" help:"Sign-in authority URL (https://host/tenant), overriding --cloud and --tenant."`
	CAFile    string `name:"ca-file" type:"path" env:"ENTRA_PASSKEY_CA_FILE" placeholder:"FILE" group:"Graph" help:"Also trust the CA certificates in FILE (PEM); TLS is always verified."`

	Auth                    string        `enum:",device-code,interactive,client-secret,client-certificate,managed-identity,access-token" default:"" env:"ENTRA_PASSKEY_AUTH" group:"Sign-in" help:"Sign-in flow: device-code (default for people), interactive, client-secret, client-certificate, managed-identity, access-token. Inferred from the secret flags when not given."`
	Tenant                  string        `env:"ENTRA_PASSKEY_TENANT" group:"Sign-in" help:"Tenant id or verified domain (app-only flows need it)."`
	ClientID                string        `name:"client-id" env:"ENTRA_PASSKEY_CLIENT_ID" placeholder:"GUID" group:"Sign-in" help:"App registration (default for people: Microsoft Graph Command Line Tools)."`
	ClientSecretFile        string        `name:"client-secret-file" type:"path" placeholder:"FILE" group:"Sign-in" help:"Read the client secret from FILE."`
	ClientSecretEnv         string        `name:"client-secret-env" placeholder:"NAME" group:"Sign-in" help:"Read the client secret from the environment variable NAME."`
	Certificate             string        `type:"path" placeholder:"FILE" group:"Sign-in" help:"Client certificate: PEM (certificate and key) or PFX."`
	CertificatePasswordFile string        `name:"certificate-password-file" type:"path" placeholder:"FILE" group:"Sign-in" help:"Read the certificate's password from FILE."`
	CertificatePasswordEnv  string        `name:"certificate-password-env" placeholder:"NAME" group:"Sign-in" help:"Read the certificate's password from the environment variable NAME."`
	SendX5C                 bool          `name:"send-x5c" group:"Sign-in" help:"Send the certificate chain (subject name/issuer authentication)."`
	ManagedIdentity         string        `name:"managed-identity-client-id" placeholder:"GUID" group:"Sign-in" help:"User-assigned managed identity (default: system-assigned)."`
	AccessTokenFile         string        `name:"access-token-file" type:"path" placeholder:"FILE" group:"Sign-in" help:"Use the Graph access token in FILE (e.g. from az account get-access-token)."`
	AccessTokenEnv          string        `name:"access-token-env" placeholder:"NAME" group:"Sign-in" help:"Use the Graph access token in the environment variable NAME."`
	LoginHint               string        `name:"login-hint" placeholder:"UPN" group:"Sign-in" help:"Account to sign in as (delegated flows)."`
	NoCache                 bool          `name:"no-cache" group:"Sign-in" help:"Keep tokens in memory only."`
	TokenCache              string        `name:"token-cache" enum:"auto,os,file" default:"auto" env:"ENTRA_PASSKEY_TOKEN_CACHE" group:"Sign-in" help:"Where tokens are cached: the OS secret store when usable, else a 0600 file (auto); only the OS store (os); only the file (file)."`
	CacheFile               string        `name:"cache-file" type:"path" env:"ENTRA_PASSKEY_CACHE_FILE" placeholder:"FILE" group:"Sign-in" help:"Token cache file (default: the user config dir's entra-passkey/msal-cache.json, mode 0600)."`
	GraphTimeout            time.Duration `name:"graph-timeout" default:"30s" group:"Graph" help:"Bound on each Graph request."`
}

// graphSession is a signed-in Graph client.
type graphSession struct {
	client   *graph.Client
	tokens   *auth.Source
	loopback bool
}

// loadEmulator reads the emulator's ready file. It steers where tokens and secrets go,
// so it must be the user's own, writable by nobody else, and point at loopback only;
// an explicit tenant or cloud contradicts it and is an error, never silently replaced.
func (f *GraphFlags) loadEmulator(a *app) (*emulator.ReadyFile, error) {
	if f.Emulator == "" {
		return nil, nil
	}
	source := "--emulator"
	if a.Getenv("ENTRA_PASSKEY_EMULATOR") == f.Emulator {
		source = "ENTRA_PASSKEY_EMULATOR"
	}
	switch {
	case f.Tenant != "":
		return nil, &usageError{msg: fmt.Sprintf("--tenant %s and the emulator (%s=%s) contradict each other", f.Tenant, source, f.Emulator),
			hint: "unset ENTRA_PASSKEY_EMULATOR (or drop --emulator) to use a real tenant, or drop --tenant"}
	case f.Cloud != "" && f.Cloud != "global":
		return nil, &usageError{msg: fmt.Sprintf("--cloud %s and the emulator (%s=%s) contradict each other", f.Cloud, source, f.Emulator),
			hint: "unset ENTRA_PASSKEY_EMULATOR (or drop --emulator) to use a real cloud"}
	}
	file, _, err := safefile.OpenRead(f.Emulator, fileRefusedCode, true)
	if err != nil {
		var refused *safefile.Error
		if errors.As(err, &refused) {
			return nil, refused
		}
		return nil, &codedError{code: "emulator_not_running", msg: fmt.Sprintf("cannot read the emulator's ready file: %v", unwrapPathError(err)),
			hint: "start it with `entra-passkey emulator --ready-file FILE`"}
	}
	data, err := safefile.ReadAll(file, 64<<10)
	file.Close()
	if err != nil {
		data = nil
	}
	info, err := parseReadyFile(data, f.Emulator)
	if err != nil {
		return nil, err
	}
	if info.PID > 0 && !processAlive(info.PID) {
		return nil, &codedError{code: "emulator_not_running", msg: fmt.Sprintf("the emulator that wrote %s (pid %d) is no longer running", f.Emulator, info.PID),
			hint: "start it again with `entra-passkey emulator --ready-file FILE`"}
	}
	a.events.Notice(fmt.Sprintf("using the emulator at %s (from %s=%s), not a real tenant", info.GraphURL, source, f.Emulator))
	return info, nil
}

// parseReadyFile reads a ready file's content: it must name a Graph and an authority,
// both on loopback addresses.
func parseReadyFile(data []byte, path string) (*emulator.ReadyFile, error) {
	var info emulator.ReadyFile
	if json.Unmarshal(data, &info) != nil || info.GraphURL == "" || info.Authority == "" {
		return nil, &codedError{code: "emulator_not_running", msg: fmt.Sprintf("%s is not an emulator ready file", path),
			hint: "point --emulator at the file `entra-passkey emulator --ready-file` wrote"}
	}
	if !graph.IsLoopbackURL(info.GraphURL) || !graph.IsLoopbackURL(info.Authority) {
		return nil, &codedError{code: "emulator_untrusted", msg: fmt.Sprintf("the emulator ready file %s points off this machine (%s, %s)", path, hostOf(info.GraphURL), hostOf(info.Authority)),
			hint: "the emulator listens on loopback only; a ready file that points elsewhere was not written by it"}
	}
	return &info, nil
}

// hostOf is the host of a URL, for messages.
func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return fmt.Sprintf("%q", raw)
}

// httpClient trusts the system's CAs plus --ca-file (and the emulator's CA).
func (f *GraphFlags) httpClient(a *app, extraCA string) (*http.Client, error) {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	for _, file := range []string{f.CAFile, extraCA} {
		if file == "" {
			continue
		}
		pem, err := a.readUserFile(file, "the CA file", maxCertFile)
		if err != nil {
			return nil, err
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, &usageError{msg: fmt.Sprintf("%s holds no PEM certificate", file)}
		}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	// MSAL shares this client: a redirect must carry neither a token nor the secret.
	// --graph-timeout bounds each call MSAL makes too (a hung OIDC discovery).
	return &http.Client{Transport: tr, CheckRedirect: graph.RefuseRedirect, Timeout: f.GraphTimeout}, nil
}

// session builds the token source and the Graph client.
func (f *GraphFlags) session(a *app, noPrompt bool) (*graphSession, error) {
	emu, err := f.loadEmulator(a)
	if err != nil {
		return nil, err
	}
	cfg := auth.Config{Cloud: f.Cloud, Tenant: f.Tenant, Authority: f.Authority, ClientID: f.ClientID,
		LoginHint: f.LoginHint, NoCache: f.NoCache, CachePath: f.CacheFile, CacheBackend: auth.CacheBackend(f.TokenCache), NoPrompt: noPrompt,
		ManagedIdentityClientID: f.ManagedIdentity, SendCertificateChain: f.SendX5C, Now: a.Now,
		Warn:           func(m string) { a.events.Warn("auth_warning", m) },
		ShowDeviceCode: func(m string) { a.events.DeviceCode(m) },
	}
	baseURL, caFile := f.GraphURL, ""
	if emu != nil {
		baseURL = firstNonEmpty(baseURL, emu.GraphURL)
		cfg.Authority = firstNonEmpty(cfg.Authority, emu.Authority)
		caFile = emu.CAFile
	}
	if cfg.Flow, err = f.flow(emu); err != nil {
		return nil, err
	}
	if emu != nil && cfg.ClientID == "" {
		cfg.ClientID = emu.ClientID
		if cfg.Flow == auth.FlowDeviceCode || cfg.Flow == auth.FlowInteractive {
			cfg.ClientID = emu.PublicClientID
		}
	}
	if err := f.readSecrets(a, &cfg, emu); err != nil {
		return nil, err
	}
	hc, err := f.httpClient(a, caFile)
	if err != nil {
		return nil, err
	}
	cfg.HTTPClient = hc
	src, err := auth.New(cfg)
	if err != nil {
		return nil, err
	}
	client, err := graph.New(graph.Config{Cloud: graph.Cloud(f.Cloud), BaseURL: baseURL, HTTPClient: hc,
		Tokens: src, Version: Version, RequestTimeout: f.GraphTimeout, Observe: a.observeCall})
	if err != nil {
		return nil, err
	}
	return &graphSession{client: client, tokens: src, loopback: graph.IsLoopbackURL(client.BaseURL())}, nil
}

// flow picks the sign-in flow: --auth, else what the secret flags imply, else the
// emulator's demo app, else device code.
func (f *GraphFlags) flow(emu *emulator.ReadyFile) (auth.Flow, error) {
	implied := map[auth.Flow]bool{
		auth.FlowClientSecret:      f.ClientSecretFile != "" || f.ClientSecretEnv != "",
		auth.FlowClientCertificate: f.Certificate != "",
		auth.FlowAccessToken:       f.AccessTokenFile != "" || f.AccessTokenEnv != "",
	}
	var flows []string
	for fl, on := range implied {
		if on {
			flows = append(flows, string(fl))
		}
	}
	switch {
	case f.Auth != "":
		return auth.Flow(f.Auth), nil
	case len(flows) > 1:
		return "", &usageError{msg: "the sign-in flags name several flows: " + strings.Join(flows, ", "), hint: "give one, or choose with --auth"}
	case len(flows) == 1:
		return auth.Flow(flows[0]), nil
	case emu != nil:
		return auth.FlowClientSecret, nil
	}
	return auth.FlowDeviceCode, nil
}

func (f *GraphFlags) readSecrets(a *app, cfg *auth.Config, emu *emulator.ReadyFile) error {
	var err error
	switch cfg.Flow {
	case auth.FlowClientSecret:
		if f.ClientSecretFile == "" && f.ClientSecretEnv == "" && emu != nil && cfg.ClientID == emulator.DemoClientID {
			cfg.ClientSecret = emulator.DemoClientSecret // public: the demo tenant exists on loopback only
			return nil
		}
		cfg.ClientSecret, err = readSecret(a, f.ClientSecretFile, f.ClientSecretEnv, "client secret", "--client-secret-file or --client-secret-env")
	case auth.FlowClientCertificate:
		if f.Certificate == "" {
			return &usageError{msg: "client-certificate sign-in needs --certificate FILE"}
		}
		// The certificate file holds the private key: read as a secret (a warning when others can read it).
		if cfg.Certificate, err = readPrivateFile(a, f.Certificate, "certificate", "secret_file_permissions", maxCertFile); err != nil {
			return err
		}
		if f.CertificatePasswordFile != "" || f.CertificatePasswordEnv != "" {
			cfg.CertificatePassword, err = readSecret(a, f.CertificatePasswordFile, f.CertificatePasswordEnv, "certificate password", "")
		}
	case auth.FlowAccessToken:
		cfg.AccessToken, err = readSecret(a, f.AccessTokenFile, f.AccessTokenEnv, "access token", "--access-token-file or --access-token-env")
	}
	return err
}

// readSecret reads a secret from a file (warning when others can read it) or a named
// environment variable. The secret never appears in the error.
func readSecret(a *app, file, env, what, flags string) (string, error) {
	switch {
	case file != "":
		data, err := readPrivateFile(a, file, what, "secret_file_permissions", maxSecretFile)
		if err != nil {
			return "", err
		}
		text, _, derr := textin.Decode(data)
		if derr != nil {
			clear(data)
			return "", fmt.Errorf("reading the %s file %s: %w", what, file, derr)
		}
		s := strings.TrimSpace(string(text))
		clear(data)
		clear(text)
		if s == "" {
			return "", &usageError{msg: fmt.Sprintf("the %s file %s is empty", what, file)}
		}
		a.events.addSecret(s)
		a.events.addSecret(strings.TrimSpace(strings.TrimPrefix(s, "Bearer ")))
		return s, nil
	case env != "":
		v := strings.TrimSpace(a.Getenv(env))
		if v == "" {
			return "", &usageError{msg: fmt.Sprintf("the environment variable %s holding the %s is empty or not set", env, what)}
		}
		a.events.addSecret(v)
		a.events.addSecret(strings.TrimSpace(strings.TrimPrefix(v, "Bearer ")))
		return v, nil
	}
	return "", &usageError{msg: "no " + what + " given", hint: "give " + flags + " (never the secret itself on the command line)"}
}

// observeCall reports each Graph attempt under --debug, and throttling always.
func (a *app) observeCall(c graph.Call) {
	for _, o := range a.callObservers {
		o(c)
	}
	if c.Wait > 0 {
		answer := fmt.Sprintf("Graph answered %d to", c.Status)
		if c.Status == 0 {
			// No answer at all: say what happened (connection refused, reset), not "0".
			answer = fmt.Sprintf("no answer from Graph (%s) to", firstNonEmpty(c.Error, "connection failed"))
		}
		a.events.Info(fmt.Sprintf("%s %s %s; retrying in %s (attempt %d)", answer, c.Method, c.Path, c.Wait.Round(time.Millisecond), c.Attempt))
	}
	status := fmt.Sprint(c.Status)
	if c.Error != "" {
		status = c.Error
	}
	a.events.Debugf("graph %s %s -> %s in %s (attempt %d, client-request-id %s, request-id %s)",
		c.Method, c.Path, status, c.Duration.Round(time.Millisecond), c.Attempt, c.ClientRequestID, c.RequestID)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
