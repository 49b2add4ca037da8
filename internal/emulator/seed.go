package emulator

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// The demo tenant's fixed ids. DemoClientSecret is not a secret: the demo tenant
// exists only on loopback.
const (
	DefaultTenant    = "b6a0d6f1-0c4b-4d8e-9f3a-5e2c7d1a9b40"
	DemoClientID     = "5f2a7c3e-8d41-4b6a-9e0f-1c3d5b7a9e21"
	DemoClientSecret = "emulator-demo-secret"
	// DemoPublicClientID is Microsoft Graph Command Line Tools' public client id,
	// registered in the demo tenant for device code and browser sign-in.
	DemoPublicClientID = "14d82eec-204b-4c2f-b7e8-296a70dab67e"
	DemoAdminUPN       = "admin@contoso.example"
)

// DefaultConfig is the demo tenant: an admin (Privileged Authentication
// Administrator), members adele, alex and helpdesk (no admin role), a guest, an
// automation app (secret DemoClientSecret, passkey and policy app roles), a public
// client signing in as the admin, and a FIDO2 policy enabled for all users.
func DefaultConfig() Config {
	return Config{
		Tenant: DefaultTenant,
		Users: []User{
			{ID: "0f8fad5b-d9cb-469f-a165-70867728950e", UserPrincipalName: DemoAdminUPN, DisplayName: "Emulator Admin",
				DirectoryRoles: []string{"Privileged Authentication Administrator"}},
			{ID: "7c9e6679-7425-40de-944b-e07fc1f90ae7", UserPrincipalName: "adele@contoso.example", DisplayName: "Adele Vance"},
			{ID: "6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b", UserPrincipalName: "alex@contoso.example", DisplayName: "Alex Wilber"},
			{ID: "16fd2706-8baf-433b-82eb-8c7fada847da", UserPrincipalName: "helpdesk@contoso.example", DisplayName: "Helpdesk Agent"},
			{ID: "3b241101-e2bb-4255-8caf-4136c566a962", UserPrincipalName: "guest_fabrikam.example#EXT#@contoso.example",
				DisplayName: "Fabrikam Guest", UserType: "Guest"},
		},
		Apps: []App{
			{ClientID: DemoClientID, DisplayName: "entra-passkey automation (demo)", SecretSHA256: HashSecret(DemoClientSecret),
				AppRoles: []string{PermPasskeyReadWrite, PermPolicyRead, PermGroupMemberReadWrite, PermUserRead,
					PermRevokeSessions, PermMethodsReadWrite}},
			{ClientID: DemoPublicClientID, DisplayName: "Microsoft Graph Command Line Tools (demo)", PublicClient: true,
				Scopes: []string{PermPasskeyReadWrite, PermPolicyRead, "User.Read"}, SignedInUser: DemoAdminUPN},
		},
		Groups: []Group{
			{ID: DemoRolloutGroupID, DisplayName: "Passkey rollout",
				Members: []string{"7c9e6679-7425-40de-944b-e07fc1f90ae7", "3b241101-e2bb-4255-8caf-4136c566a962", DemoHelpdeskGroupID}},
			{ID: DemoHelpdeskGroupID, DisplayName: "Help desk", Members: []string{"16fd2706-8baf-433b-82eb-8c7fada847da", "6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b"}},
		},
		Policy: DefaultPolicy(),
	}
}

// The demo tenant's groups: "Passkey rollout" holds Adele, the guest and the nested
// "Help desk" (Helpdesk Agent, Alex).
const (
	DemoRolloutGroupID  = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"
	DemoHelpdeskGroupID = "1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6"
)

// DefaultPolicy is FIDO2 enabled for all users, self-service allowed, no attestation
// enforcement and no key restrictions.
func DefaultPolicy() FIDO2Policy {
	return FIDO2Policy{ID: "Fido2", State: "enabled", IsSelfServiceRegistrationAllowed: true,
		KeyRestrictions: KeyRestrictions{EnforcementType: "block", AAGUIDs: []string{}},
		IncludeTargets:  []PolicyTarget{{TargetType: "group", ID: allUsers}},
		ExcludeTargets:  []PolicyTarget{}}
}

// seedFile is the seed format documented on Load.
type seedFile struct {
	Tenant               string            `json:"tenant"`
	Addr                 string            `json:"addr"`
	CertDir              string            `json:"certDir"`
	Users                []User            `json:"users"`
	Groups               []Group           `json:"groups"`
	Apps                 []seedApp         `json:"apps"`
	Methods              []seedMethod      `json:"methods"`
	Policy               *FIDO2Policy      `json:"policy"`
	TAPPolicy            json.RawMessage   `json:"tapPolicy"`
	AttestationRoots     []string          `json:"attestationRoots"`
	AttestationRootFiles []string          `json:"attestationRootFiles"`
	Models               map[string]string `json:"models"`
	Quirks               Quirks            `json:"quirks"`
	PageSize             int               `json:"pageSize"`
	DeviceCodeDelay      string            `json:"deviceCodeDelay"`
	TokenLifetime        string            `json:"tokenLifetime"`
}

type seedApp struct {
	App
	CertificateFiles []string `json:"certificateFiles"`
}

type seedMethod struct {
	User             string    `json:"user"`
	CredentialID     string    `json:"credentialId"`
	DisplayName      string    `json:"displayName"`
	AAGUID           string    `json:"aaGuid"`
	CreatedDateTime  time.Time `json:"createdDateTime"`
	AttestationLevel string    `json:"attestationLevel"`
}

// Load reads a JSON seed file, the format of the CLI's "emulator --seed FILE". Every
// field is optional; relative paths are relative to the seed file; durations are Go
// durations ("2s", "1h"); unknown fields are refused.
//
//	{
//	  "tenant": "<GUID>",                       // default DefaultTenant
//	  "addr": "127.0.0.1:8443",                 // default 127.0.0.1:0
//	  "certDir": "certs",                       // ca.pem is written here
//	  "users": [{"id": "<GUID>", "userPrincipalName": "adele@contoso.example", "displayName": "Adele Vance",
//	             "userType": "Member|Guest", "accountEnabled": true, "directoryRoles": ["Authentication Administrator"], "groups": ["<GUID>"]}],
//	  "groups": [{"id": "<GUID>", "displayName": "Passkey rollout", "members": ["<user or group id>"]}],
//	  "apps": [{"clientId": "<GUID>", "displayName": "...", "secretSHA256": "<hex sha256 of the secret>",
//	            "certificates": ["<PEM>"], "certificateFiles": ["app.pem"], "appRoles": ["UserAuthMethod-Passkey.ReadWrite.All"],
//	            "scopes": ["UserAuthMethod-Passkey.ReadWrite.All"], "publicClient": true, "signedInUser": "admin@contoso.example"}],
//	  "methods": [{"user": "adele@contoso.example", "credentialId": "<base64url>", "displayName": "Old key",
//	               "aaGuid": "<GUID>", "createdDateTime": "2024-06-13T11:21:35Z", "attestationLevel": "attested"}],
//	  "policy": { the fido2AuthenticationMethodConfiguration JSON as Graph returns it },  // default DefaultPolicy()
//	  "tapPolicy": {"state": "enabled", "defaultLifetimeInMinutes": 60, "minimumLifetimeInMinutes": 60,
//	                "maximumLifetimeInMinutes": 480, "defaultLength": 8, "isUsableOnce": false,
//	                "includeTargets": [{"targetType": "group", "id": "all_users"}], "excludeTargets": []},  // default DefaultTAPPolicy(); fields left out keep its values
//	  "attestationRoots": ["<PEM>"], "attestationRootFiles": ["virtual-key-root.pem"],
//	  "models": {"<AAGUID>": "Model name"},
//	  "quirks": {"wrapOptionsInValue": false, "excludeIdEncoding": "urlWithDigit|std|raw", "betaQueryFormWorks": false,
//	             "rpId": "login.microsoft.com", "selfServiceFlagNotRequired": false, "allowSelfCreationOptions": false,
//	             "lenientBody": false, "selfDeleteAllowed": false},
//	  "pageSize": 100, "deviceCodeDelay": "0s", "tokenLifetime": "1h"
//	}
//
// Without "users" or "apps" the demo tenant's (DefaultConfig) are used; without
// "policy", DefaultPolicy. Apps hold only a secret's SHA-256 (HashSecret), never the secret.
func Load(path string) (Config, error) {
	raw, err := readBounded(path, maxSeedBytes)
	if err != nil {
		return Config{}, seedError("reading the seed", err)
	}
	return Parse(raw, filepath.Dir(path), filepath.Base(path))
}

// Parse reads a seed's content (see Load); files it names are relative to dir, and
// name is the seed's name for messages.
func Parse(raw []byte, dir, name string) (Config, error) {
	var sf seedFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sf); err != nil {
		return Config{}, seedError("parsing the seed "+name, err)
	}
	var err error
	base := dir
	rel := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(base, p)
	}
	def := DefaultConfig()
	cfg := Config{Tenant: sf.Tenant, Addr: sf.Addr, CertDir: rel(sf.CertDir), Users: sf.Users,
		Models: sf.Models, Quirks: sf.Quirks, PageSize: sf.PageSize, Policy: DefaultPolicy()}
	if sf.Policy != nil {
		cfg.Policy = *sf.Policy
	}
	if sf.TAPPolicy != nil {
		// Fields the seed leaves out keep the default policy's values.
		tp := DefaultTAPPolicy()
		dec := json.NewDecoder(bytes.NewReader(sf.TAPPolicy))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&tp); err != nil {
			return Config{}, seedError("parsing the seed's tapPolicy", err)
		}
		cfg.TAPPolicy = &tp
	}
	if sf.Users == nil {
		cfg.Users = def.Users
	}
	cfg.Groups = sf.Groups
	if sf.Groups == nil && sf.Users == nil {
		cfg.Groups = def.Groups // the demo groups name the demo users
	}
	for _, a := range sf.Apps {
		for _, f := range a.CertificateFiles {
			pem, err := readBounded(rel(f), maxSeedBytes)
			if err != nil {
				return Config{}, seedError("reading an app certificate", err)
			}
			a.Certificates = append(a.Certificates, string(pem))
		}
		cfg.Apps = append(cfg.Apps, a.App)
	}
	if sf.Apps == nil {
		cfg.Apps = def.Apps
	}
	for _, m := range sf.Methods {
		id, err := decodeB64(m.CredentialID)
		if err != nil {
			return Config{}, seedError("reading seeded methods", fmt.Errorf("credentialId of %q: %w", m.DisplayName, err))
		}
		cfg.Methods = append(cfg.Methods, Method{UserID: m.User, CredentialID: id, DisplayName: m.DisplayName,
			AAGUID: m.AAGUID, CreatedDateTime: m.CreatedDateTime, AttestationLevel: m.AttestationLevel})
	}
	for _, r := range sf.AttestationRoots {
		cfg.AttestationRoots = append(cfg.AttestationRoots, []byte(r))
	}
	for _, f := range sf.AttestationRootFiles {
		pem, err := readBounded(rel(f), maxSeedBytes)
		if err != nil {
			return Config{}, seedError("reading an attestation root", err)
		}
		cfg.AttestationRoots = append(cfg.AttestationRoots, pem)
	}
	for _, d := range []struct {
		s   string
		dst *time.Duration
	}{{sf.DeviceCodeDelay, &cfg.DeviceCodeDelay}, {sf.TokenLifetime, &cfg.TokenLifetime}} {
		if d.s == "" {
			continue
		}
		if *d.dst, err = time.ParseDuration(d.s); err != nil {
			return Config{}, seedError("parsing a duration", err)
		}
	}
	return cfg, nil
}

// parseRoots reads the attestation roots; none configured means no chain can verify.
func parseRoots(pems [][]byte) (*x509.CertPool, error) {
	if len(pems) == 0 {
		return nil, nil
	}
	pool := x509.NewCertPool()
	for i, p := range pems {
		certs, err := parsePEMCerts(p)
		if err == nil && len(certs) == 0 {
			err = errors.New("no PEM certificate")
		}
		if err != nil {
			return nil, fmt.Errorf("attestation root %d: %w", i, err)
		}
		for _, c := range certs {
			pool.AddCert(c)
		}
	}
	return pool, nil
}

// Token mints a Graph access token as the emulator's token endpoint would: app-only
// with the app's roles when user is empty, else delegated for user (id or UPN) with
// the app's consented scopes. It is for tests and for handing a token to the CLI.
func (s *Server) Token(clientID, user string) (string, error) {
	app, oe := s.app(clientID)
	if oe != nil {
		return "", fmt.Errorf("minting a token: unknown client %s", clientID)
	}
	if user == "" {
		tok, _, err := s.issueAccessToken(app, nil, graphResource, nil)
		return tok, err
	}
	s.mu.Lock()
	u := s.dir.user(user)
	s.mu.Unlock()
	if u == nil {
		return "", fmt.Errorf("minting a token: unknown user %s", user)
	}
	tok, _, err := s.issueAccessToken(app, u, graphResource, app.Scopes)
	return tok, err
}

// maxSeedBytes bounds a seed file and the PEM files it names: a 10,000-user tenant is
// a few MB.
const maxSeedBytes = 64 << 20

// readBounded reads a regular file of at most limit bytes (never /dev/zero whole).
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", filepath.Base(path))
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", filepath.Base(path), limit)
	}
	return data, err
}
