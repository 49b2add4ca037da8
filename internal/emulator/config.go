package emulator

import (
	"io"
	"time"
)

// Config describes the tenant an emulator serves. Zero values take the documented
// defaults; DefaultConfig returns a ready demo tenant and Load reads one from a seed file.
type Config struct {
	// Addr is the listen address (default "127.0.0.1:0": a free loopback port).
	Addr string
	// CertDir receives ca.pem (the CA clients must trust), ca-key.pem and token-key.pem
	// (both 0600). Existing files are reused, so a restarted emulator keeps its trust
	// and its tokens. Empty means a temporary directory removed by Close.
	CertDir string
	// Tenant is the directory (tenant) id in the authority path and the tokens'
	// tid (default DefaultTenant).
	Tenant string
	// Users are the directory's users.
	Users []User
	// Groups are the directory's groups; members may be users or groups (nested).
	Groups []Group
	// Apps are the registered OAuth clients.
	Apps []App
	// Methods are FIDO2 methods registered before the emulator starts.
	Methods []Method
	// Policy is the authenticationMethodsPolicy FIDO2 configuration.
	Policy FIDO2Policy
	// TAPPolicy is the Temporary Access Pass configuration; nil means DefaultTAPPolicy.
	TAPPolicy *TAPPolicy
	// AttestationRoots are PEM certificates an enforced attestation must chain to.
	AttestationRoots [][]byte
	// Models maps AAGUIDs to the model name Graph reports, on top of the built-in table.
	Models map[string]string
	// Quirks selects variants of Graph's observed behaviour.
	Quirks Quirks
	// PageSize is how many methods one list page holds (default 100; $top may lower it).
	PageSize int
	// DeviceCodeDelay is how long after its creation a device code is approved
	// (default 0: immediately). It is measured in real time, not by Now.
	DeviceCodeDelay time.Duration
	// TokenLifetime is the access tokens' lifetime (default one hour).
	TokenLifetime time.Duration
	// OnRequest, if set, receives each logged request as it completes (the CLI prints them).
	OnRequest func(LoggedRequest)
	// Now is the emulator's clock for tokens, challenges and records (default time.Now).
	Now func() time.Time
	// Rand is the source of keys, challenges and ids (default crypto/rand).
	Rand io.Reader
}

// User is a directory user.
type User struct {
	// ID is the object id (a GUID).
	ID string `json:"id"`
	// UserPrincipalName is the sign-in name, e.g. adele@contoso.example.
	UserPrincipalName string `json:"userPrincipalName"`
	DisplayName       string `json:"displayName"`
	// UserType is "Member" (default) or "Guest"; guests can't have passkeys.
	UserType string `json:"userType,omitempty"`
	// DirectoryRoles are role names, e.g. "Authentication Administrator"; a delegated
	// caller needs one of the roles in AdminRoles to manage other users' methods.
	DirectoryRoles []string `json:"directoryRoles,omitempty"`
	// Groups are the ids of the groups the user is in, for the policy's targets.
	Groups []string `json:"groups,omitempty"`
	// AccountEnabled is false for a disabled account (default true).
	AccountEnabled *bool `json:"accountEnabled,omitempty"`
}

// Enabled reports whether the account can sign in.
func (u *User) Enabled() bool { return u.AccountEnabled == nil || *u.AccountEnabled }

// Group is a security group; Members are user or group object ids.
type Group struct {
	ID          string   `json:"id"`
	DisplayName string   `json:"displayName"`
	Members     []string `json:"members,omitempty"`
}

// App is a registered OAuth client.
type App struct {
	ClientID    string `json:"clientId"`
	DisplayName string `json:"displayName,omitempty"`
	// SecretSHA256 is the hex SHA-256 of the client secret (see HashSecret); the
	// emulator never holds the secret itself.
	SecretSHA256 string `json:"secretSHA256,omitempty"`
	// Certificates are PEM certificates whose keys may sign client assertions.
	Certificates []string `json:"certificates,omitempty"`
	// AppRoles are the application permissions granted (app-only tokens' roles).
	AppRoles []string `json:"appRoles,omitempty"`
	// Scopes are the delegated permissions consented (delegated tokens' scp).
	Scopes []string `json:"scopes,omitempty"`
	// PublicClient allows device code, authorization code and refresh grants
	// without client credentials.
	PublicClient bool `json:"publicClient,omitempty"`
	// SignedInUser (id or UPN) is who device code and browser sign-ins approve as
	// when no login_hint names a user.
	SignedInUser string `json:"signedInUser,omitempty"`
}

// IDEncoding is how excludeCredentials ids are written in creation options.
type IDEncoding string

// The three encodings Graph has used for excludeCredentials ids.
const (
	// IDURLWithDigit is base64url without padding plus a digit counting the stripped
	// "=" (the default; method ids use it too).
	IDURLWithDigit IDEncoding = "urlWithDigit"
	// IDStd is standard base64 with "+/" and "=" padding.
	IDStd IDEncoding = "std"
	// IDRaw is base64url without padding.
	IDRaw IDEncoding = "raw"
)

// Quirks selects variants of Graph's observed behaviour; the zero value is the
// behaviour seen most recently.
type Quirks struct {
	// WrapOptionsInValue wraps creation options in {"value": {...}}, as some
	// documentation examples do.
	WrapOptionsInValue bool `json:"wrapOptionsInValue,omitempty"`
	// ExcludeIDEncoding picks the excludeCredentials id encoding (default IDURLWithDigit).
	ExcludeIDEncoding IDEncoding `json:"excludeIdEncoding,omitempty"`
	// BetaQueryFormWorks makes beta's creationOptions?challengeTimeoutInMinutes=N
	// honour N instead of answering 405.
	BetaQueryFormWorks bool `json:"betaQueryFormWorks,omitempty"`
	// RPID is the relying party id in options and checks (default
	// "login.microsoft.com"; documentation examples show "login.microsoftonline.com").
	RPID string `json:"rpId,omitempty"`
	// SelfServiceFlagNotRequired lifts the known issue that provisioning fails unless
	// the policy has isSelfServiceRegistrationAllowed true.
	SelfServiceFlagNotRequired bool `json:"selfServiceFlagNotRequired,omitempty"`
	// AllowSelfCreationOptions lets a delegated caller fetch creation options for
	// their own account; by default /me and self answer 405, as Graph does.
	AllowSelfCreationOptions bool `json:"allowSelfCreationOptions,omitempty"`
	// LenientBody ignores unknown POST body properties other than @odata.* instead of
	// refusing them.
	LenientBody bool `json:"lenientBody,omitempty"`
	// SelfDeleteAllowed lets a delegated caller delete their own FIDO2 method, as Graph
	// does after a fresh MFA; by default it answers "MFA is required for a 'RemoveKey'
	// operation", as Graph does for a delegated token without one.
	SelfDeleteAllowed bool `json:"selfDeleteAllowed,omitempty"`
}

// AdminRoles are the directory roles that let a delegated caller manage another
// user's authentication methods.
var AdminRoles = []string{
	"Authentication Administrator",
	"Privileged Authentication Administrator",
	"Global Administrator",
}

// Graph permission names the emulator enforces.
const (
	PermPasskeyReadWrite = "UserAuthMethod-Passkey.ReadWrite.All"
	PermPasskeyRead      = "UserAuthMethod-Passkey.Read.All"
	PermMethodsReadWrite = "UserAuthenticationMethod.ReadWrite.All"
	PermMethodsRead      = "UserAuthenticationMethod.Read.All"
	PermPolicyRead       = "Policy.Read.AuthenticationMethod"
	PermPolicyReadWrite  = "Policy.ReadWrite.AuthenticationMethod"
	// The directory permissions a rollout and a recovery need.
	PermGroupMemberRead      = "GroupMember.Read.All"
	PermGroupRead            = "Group.Read.All"
	PermDirectoryRead        = "Directory.Read.All"
	PermUserReadBasic        = "User.ReadBasic.All"
	PermUserRead             = "User.Read.All"
	PermGroupMemberReadWrite = "GroupMember.ReadWrite.All"
	PermGroupReadWrite       = "Group.ReadWrite.All"
	PermDirectoryReadWrite   = "Directory.ReadWrite.All"
	PermRevokeSessions       = "User.RevokeSessions.All"
	PermTAPReadWrite         = "UserAuthMethod-TAP.ReadWrite.All"
	PermTAPRead              = "UserAuthMethod-TAP.Read.All"
	PermUserReadWrite        = "User.ReadWrite.All"
)

func (c *Config) rpID() string {
	if c.Quirks.RPID != "" {
		return c.Quirks.RPID
	}
	return "login.microsoft.com"
}
