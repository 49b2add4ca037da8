package auth

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Flow is a way to obtain a Graph token.
type Flow string

// The supported flows. Username/password is deprecated by Microsoft and not offered.
const (
	// FlowDeviceCode signs a person in on another device (public client).
	FlowDeviceCode Flow = "device-code"
	// FlowInteractive signs a person in with the system browser and a localhost redirect.
	FlowInteractive Flow = "interactive"
	// FlowClientSecret is app-only sign-in with a client secret.
	FlowClientSecret Flow = "client-secret"
	// FlowClientCertificate is app-only sign-in with a certificate (PEM with key, or PFX).
	FlowClientCertificate Flow = "client-certificate"
	// FlowManagedIdentity is app-only sign-in as the Azure resource's managed identity.
	FlowManagedIdentity Flow = "managed-identity"
	// FlowAccessToken uses a token obtained elsewhere (az account get-access-token).
	FlowAccessToken Flow = "access-token"
)

// Flows lists the flows in a stable order, for flag help.
func Flows() []Flow {
	return []Flow{FlowDeviceCode, FlowInteractive, FlowClientSecret, FlowClientCertificate,
		FlowManagedIdentity, FlowAccessToken}
}

// delegated reports whether the flow signs a person in (and so caches an account).
func (f Flow) delegated() bool { return f == FlowDeviceCode || f == FlowInteractive }

// DefaultPublicClientID is the app delegated flows use when none is given: Microsoft Graph
// Command Line Tools, the app Connect-MgGraph uses, which admins commonly have consented.
const DefaultPublicClientID = "14d82eec-204b-4c2f-b7e8-296a70dab67e"

// PasskeyScope is the least-privileged Graph permission that can provision passkeys.
const PasskeyScope = "UserAuthMethod-Passkey.ReadWrite.All"

// cloud is where a national cloud signs in and which Graph its tokens are for.
type cloud struct{ login, graph string }

var clouds = map[string]cloud{
	"global":    {"https://login.microsoftonline.com", "https://graph.microsoft.com"},
	"usgov":     {"https://login.microsoftonline.us", "https://graph.microsoft.us"},
	"usgov-dod": {"https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
	"china":     {"https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
}

// Config says how to sign in. Secrets are values the CLI read from a file, a named
// environment variable or a no-echo prompt: never from argv.
type Config struct {
	Flow Flow
	// Cloud is global (default), usgov, usgov-dod or china, as graph.Cloud names them.
	Cloud string
	// Tenant is the tenant id or domain; delegated flows default to "organizations",
	// app-only flows need it.
	Tenant string
	// Authority, when set, is the full authority URL (https://host/tenant), e.g. the
	// emulator's; instance discovery is then off and Cloud only picks the Graph resource.
	Authority string
	// ClientID is the app registration; delegated flows default to DefaultPublicClientID.
	ClientID string
	// Scopes overrides the default: {graph}/UserAuthMethod-Passkey.ReadWrite.All delegated,
	// {graph}/.default app-only.
	Scopes []string
	// GraphResource overrides the cloud's Graph resource URI in default scopes.
	GraphResource string

	// ClientSecret is the secret for FlowClientSecret.
	ClientSecret string
	// Certificate is a PEM (certificate and private key) or PFX file's content for
	// FlowClientCertificate; CertificatePassword decrypts it.
	Certificate         []byte
	CertificatePassword string
	// SendCertificateChain sends the x5c header (subject name/issuer authentication).
	SendCertificateChain bool
	// ManagedIdentityClientID selects a user-assigned identity; empty is system-assigned.
	ManagedIdentityClientID string
	// AccessToken is the token for FlowAccessToken (trimmed; a "Bearer " prefix is dropped).
	AccessToken string

	// HTTPClient carries MSAL's requests (tests trust only the emulator's CA).
	HTTPClient *http.Client
	// ShowDeviceCode receives the device code instructions (the CLI writes them to stderr).
	ShowDeviceCode func(message string)
	// OpenURL opens the sign-in page for FlowInteractive (default: the system browser).
	OpenURL func(url string) error
	// RedirectURI overrides the interactive flow's http://localhost redirect.
	RedirectURI string
	// LoginHint preselects the account of a delegated flow and picks it from the cache.
	LoginHint string
	// NoPrompt makes Token fail with login_required instead of starting a delegated flow.
	NoPrompt bool

	// NoCache keeps tokens in memory only (whatever CacheBackend says).
	NoCache bool
	// CacheBackend says where tokens are cached: CacheAuto (the default, also for ""),
	// CacheOS or CacheFile.
	CacheBackend CacheBackend
	// CachePath overrides os.UserConfigDir()/entra-passkey/msal-cache.json: the plain
	// file, and the name of the OS secret store's entry (next to it live the lock and
	// sync-stamp files the OS store needs, and on Windows the DPAPI file).
	CachePath string
	// Warn receives warnings for people (plain-file cache, token expiring soon).
	Warn func(message string)
	// Now is the clock for token expiry checks (default time.Now).
	Now func() time.Time
}

// CacheBackend is where the token cache lives.
type CacheBackend string

const (
	// CacheAuto uses the OS secret store when it works here (libsecret and a Secret
	// Service on Linux, the keychain on macOS, DPAPI on Windows), else the 0600 file with
	// a warning that says why.
	CacheAuto CacheBackend = "auto"
	// CacheOS uses the OS secret store or fails with cache_failed.
	CacheOS CacheBackend = "os"
	// CacheFile uses the 0600 file (with the plain-file warning).
	CacheFile CacheBackend = "file"
)

// CacheBackends lists the backends in a stable order, for flag help.
func CacheBackends() []CacheBackend { return []CacheBackend{CacheAuto, CacheOS, CacheFile} }

// settings is a checked Config with defaults filled in.
type settings struct {
	Config
	authority string // https://host/tenant
	scopes    []string
	resource  string
	custom    bool // an explicit authority: no instance discovery
}

func (c Config) check() (*settings, error) {
	s := &settings{Config: c}
	cl, ok := clouds[firstNonEmpty(c.Cloud, "global")]
	if !ok {
		return nil, configError(fmt.Sprintf("unknown cloud %q", c.Cloud), "use one of global, usgov, usgov-dod, china")
	}
	s.resource = strings.TrimRight(firstNonEmpty(c.GraphResource, cl.graph), "/")
	if s.Warn == nil {
		s.Warn = func(string) {}
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	switch s.CacheBackend {
	case "":
		s.CacheBackend = CacheAuto
	case CacheAuto, CacheOS, CacheFile:
	default:
		return nil, configError(fmt.Sprintf("unknown token cache %q", c.CacheBackend), "use auto, os or file")
	}
	switch c.Flow {
	case FlowDeviceCode, FlowInteractive:
		s.ClientID = firstNonEmpty(c.ClientID, DefaultPublicClientID)
		s.scopes = []string{s.resource + "/" + PasskeyScope}
		if c.Flow == FlowDeviceCode && c.ShowDeviceCode == nil {
			return nil, configError("no way to show the device code", "set ShowDeviceCode")
		}
	case FlowClientSecret, FlowClientCertificate:
		if c.ClientID == "" {
			return nil, configError("app-only sign-in needs the app's client id", "give --client-id")
		}
		if c.Flow == FlowClientSecret && c.ClientSecret == "" {
			return nil, configError("no client secret given", "give the secret in a file or a named environment variable")
		}
		if c.Flow == FlowClientCertificate && len(c.Certificate) == 0 {
			return nil, configError("no certificate given", "give a PEM (certificate and key) or PFX file")
		}
		s.scopes = []string{s.resource + "/.default"}
	case FlowManagedIdentity:
		s.scopes = []string{s.resource + "/.default"}
	case FlowAccessToken:
		// Validated when the token is read.
	default:
		return nil, configError(fmt.Sprintf("unknown sign-in flow %q", c.Flow),
			"use device-code, interactive, client-secret, client-certificate, managed-identity or access-token")
	}
	if len(c.Scopes) > 0 {
		s.scopes = append([]string(nil), c.Scopes...)
	}
	return s, s.resolveAuthority(cl)
}

// resolveAuthority builds https://{login host}/{tenant}, or checks an explicit authority.
func (s *settings) resolveAuthority(cl cloud) error {
	if s.Flow == FlowManagedIdentity || s.Flow == FlowAccessToken {
		return nil
	}
	if s.Authority != "" {
		u, err := url.Parse(s.Authority)
		if err != nil || u.Scheme != "https" || u.Host == "" || strings.Trim(u.Path, "/") == "" || u.RawQuery != "" {
			return configError(fmt.Sprintf("invalid authority %q", s.Authority),
				"give an https URL ending in the tenant, e.g. https://login.microsoftonline.com/contoso.com")
		}
		s.authority, s.custom = strings.TrimRight(s.Authority, "/"), true
		return nil
	}
	tenant := s.Tenant
	if tenant == "" {
		if !s.Flow.delegated() {
			return configError("app-only sign-in needs the tenant", "give --tenant (the tenant id or a verified domain)")
		}
		tenant = "organizations"
	}
	if strings.ContainsAny(tenant, "/?#@ \t") {
		return configError(fmt.Sprintf("invalid tenant %q", tenant), "give the tenant id (a GUID) or a verified domain")
	}
	if !s.Flow.delegated() && (tenant == "common" || tenant == "organizations" || tenant == "consumers") {
		return configError("app-only sign-in needs a specific tenant, not "+tenant, "give the tenant id or a verified domain")
	}
	s.authority = cl.login + "/" + tenant
	return nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
