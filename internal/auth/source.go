package auth

import (
	"context"
	"sync"
	"time"

	"github.com/AzureAD/microsoft-authentication-extensions-for-go/cache/accessor"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/managedidentity"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// refreshMargin is how long before its expiry a token stops being reused from memory.
const refreshMargin = 5 * time.Minute

// Source hands out Graph tokens: from memory, then silently from MSAL's cache, then by
// running the configured flow. It implements graph.TokenSource and is safe for
// concurrent use; concurrent callers never start two sign-ins.
type Source struct {
	cfg       *settings
	redact    redactor
	cachePath string
	cache     cache.ExportReplace // the OS store's or the file's; nil with NoCache
	store     accessor.Accessor   // the OS store's entry while it holds the cache
	osErr     error               // why auto fell back to the file

	public *public.Client
	conf   *confidential.Client
	mi     *managedidentity.Client
	static string

	failures failureNote // what MSAL's HTTP client failed to reach (transportnote.go)

	flowMu sync.Mutex // serialises acquisitions so only one prompts
	memoMu sync.Mutex
	memo   struct {
		token string
		until time.Time
	}
}

// New checks cfg, picks the token cache and prepares the flow; it makes no network
// request. Picking the cache with CacheAuto or CacheOS probes the OS secret store (a
// scratch entry written, read and deleted, for at most a few seconds).
func New(cfg Config) (*Source, error) {
	st, err := cfg.check()
	if err != nil {
		return nil, err
	}
	s := &Source{cfg: st, redact: redactor{cfg.ClientSecret, cfg.CertificatePassword, cleanToken(cfg.AccessToken)}}
	if st.Flow == FlowAccessToken {
		s.static = cleanToken(cfg.AccessToken)
		if err := s.checkStaticToken(true); err != nil {
			return nil, err
		}
		return s, nil
	}
	if s.cachePath = cfg.CachePath; s.cachePath == "" {
		if s.cachePath, err = DefaultCachePath(); err != nil && !cfg.NoCache {
			return nil, &Error{Code: "cache_failed", Message: err.Error(), Err: err,
				Hint: "set XDG_CONFIG_HOME or HOME, or use --no-cache"}
		}
	}
	if !cfg.NoCache && st.Flow != FlowManagedIdentity {
		if s.cache, s.store, s.osErr, err = chooseCache(st.CacheBackend, s.cachePath, st.Warn); err != nil {
			return nil, err
		}
	}
	if err := s.newClient(); err != nil {
		return nil, err
	}
	return s, nil
}

// newClient builds the MSAL client the flow needs.
func (s *Source) newClient() error {
	cfg := s.cfg
	switch cfg.Flow {
	case FlowDeviceCode, FlowInteractive:
		opts := []public.Option{public.WithAuthority(cfg.authority)}
		if s.cache != nil {
			opts = append(opts, public.WithCache(s.cache))
		}
		if cfg.HTTPClient != nil {
			opts = append(opts, public.WithHTTPClient(s.failures.noting(cfg.HTTPClient)))
		}
		if cfg.custom {
			opts = append(opts, public.WithInstanceDiscovery(false))
		}
		c, err := public.New(cfg.ClientID, opts...)
		if err != nil {
			return configError("preparing sign-in: "+s.redact.clean(err.Error()), "check --client-id and --authority")
		}
		s.public = &c
	case FlowClientSecret, FlowClientCertificate:
		cred, err := s.credential()
		if err != nil {
			return err
		}
		var opts []confidential.Option
		if s.cache != nil {
			opts = append(opts, confidential.WithCache(s.cache))
		}
		if cfg.HTTPClient != nil {
			opts = append(opts, confidential.WithHTTPClient(s.failures.noting(cfg.HTTPClient)))
		}
		if cfg.custom {
			opts = append(opts, confidential.WithInstanceDiscovery(false))
		}
		if cfg.SendCertificateChain {
			opts = append(opts, confidential.WithX5C())
		}
		c, err := confidential.New(cfg.authority, cfg.ClientID, cred, opts...)
		if err != nil {
			return configError("preparing sign-in: "+s.redact.clean(err.Error()), "check --client-id, --tenant and --authority")
		}
		s.conf = &c
	case FlowManagedIdentity:
		id := managedidentity.SystemAssigned()
		if cfg.ManagedIdentityClientID != "" {
			id = managedidentity.UserAssignedClientID(cfg.ManagedIdentityClientID)
		}
		var opts []managedidentity.ClientOption
		if cfg.HTTPClient != nil {
			opts = append(opts, managedidentity.WithHTTPClient(s.failures.noting(cfg.HTTPClient)))
		}
		c, err := managedidentity.New(id, opts...)
		if err != nil {
			return configError("preparing managed identity sign-in: "+err.Error(), "run on an Azure resource with a managed identity")
		}
		s.mi = &c
	}
	return nil
}

func (s *Source) credential() (confidential.Credential, error) {
	if s.cfg.Flow == FlowClientSecret {
		cred, err := confidential.NewCredFromSecret(s.cfg.ClientSecret)
		if err != nil {
			return cred, configError("the client secret is unusable", "give the secret's value, not its id")
		}
		return cred, nil
	}
	certs, key, err := loadCertificate(s.cfg.Certificate, s.cfg.CertificatePassword)
	if err != nil {
		return confidential.Credential{}, err
	}
	cred, err := confidential.NewCredFromCert(certs, key)
	if err != nil {
		return cred, configError("the certificate is unusable: "+err.Error(), "use an RSA certificate with its private key")
	}
	return cred, nil
}

// Token returns a bearer token for Graph: from memory while it is fresh, then silently
// from the cache, then by running the flow (unless NoPrompt).
func (s *Source) Token(ctx context.Context) (string, error) {
	if s.static != "" {
		if err := s.checkStaticToken(false); err != nil {
			return "", err
		}
		return s.static, nil
	}
	if t := s.remembered(); t != "" {
		return t, nil
	}
	s.flowMu.Lock()
	defer s.flowMu.Unlock()
	if t := s.remembered(); t != "" { // another caller just got one
		return t, nil
	}
	res, err := s.acquire(ctx, false)
	if err != nil {
		return "", err
	}
	return res.AccessToken, nil
}

func (s *Source) remembered() string {
	s.memoMu.Lock()
	defer s.memoMu.Unlock()
	if s.memo.token != "" && s.cfg.Now().Before(s.memo.until) {
		return s.memo.token
	}
	return ""
}

func (s *Source) remember(res public.AuthResult) {
	until := res.ExpiresOn.Add(-refreshMargin)
	if r := res.Metadata.RefreshOn; !r.IsZero() && r.Before(until) {
		until = r
	}
	s.memoMu.Lock()
	s.memo.token, s.memo.until = res.AccessToken, until
	s.memoMu.Unlock()
}

func (s *Source) forget() {
	s.memoMu.Lock()
	s.memo.token, s.memo.until = "", time.Time{}
	s.memoMu.Unlock()
}
