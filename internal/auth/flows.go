package auth

import (
	"context"
	"fmt"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// acquire gets a token with the configured flow; prompt forces a delegated flow to sign
// in afresh (login) instead of using the cache. The caller holds flowMu.
func (s *Source) acquire(ctx context.Context, prompt bool) (public.AuthResult, error) {
	var res public.AuthResult
	var err error
	s.failures.reset()
	switch s.cfg.Flow {
	case FlowDeviceCode, FlowInteractive:
		res, err = s.acquireDelegated(ctx, prompt)
	case FlowClientSecret, FlowClientCertificate:
		if res, err = s.conf.AcquireTokenSilent(ctx, s.cfg.scopes); err != nil || prompt {
			res, err = s.conf.AcquireTokenByCredential(ctx, s.cfg.scopes)
		}
		if err != nil {
			err = s.signInError("signing in as the app", err)
		}
	case FlowManagedIdentity:
		res, err = s.mi.AcquireToken(ctx, s.cfg.scopes[0])
		if err != nil {
			err = s.signInError("signing in with the managed identity", err)
		}
	default:
		err = configError(fmt.Sprintf("flow %q gets no tokens from Entra", s.cfg.Flow), "")
	}
	if err != nil {
		return res, err
	}
	s.remember(res)
	return res, nil
}

func (s *Source) acquireDelegated(ctx context.Context, prompt bool) (public.AuthResult, error) {
	if !prompt {
		acct, ok, err := s.account(ctx)
		if err != nil {
			return public.AuthResult{}, err
		}
		if ok {
			res, err := s.public.AcquireTokenSilent(ctx, s.cfg.scopes, public.WithSilentAccount(acct))
			if err == nil {
				return res, nil
			}
			if ctx.Err() != nil {
				return res, s.signInError("signing in", err)
			}
		}
		if s.cfg.NoPrompt {
			return public.AuthResult{}, &Error{Code: "login_required", Message: "not signed in, or the sign-in expired",
				Hint: "run entra-passkey login"}
		}
	}
	if s.cfg.Flow == FlowDeviceCode {
		dc, err := s.public.AcquireTokenByDeviceCode(ctx, s.cfg.scopes)
		if err != nil {
			return public.AuthResult{}, s.signInError("starting device code sign-in", err)
		}
		s.cfg.ShowDeviceCode(dc.Result.Message)
		res, err := dc.AuthenticationResult(ctx)
		if err != nil {
			return res, s.signInError("device code sign-in", err)
		}
		return res, nil
	}
	var opts []public.AcquireInteractiveOption
	if s.cfg.RedirectURI != "" {
		opts = append(opts, public.WithRedirectURI(s.cfg.RedirectURI))
	}
	if s.cfg.OpenURL != nil {
		opts = append(opts, public.WithOpenURL(s.cfg.OpenURL))
	}
	if s.cfg.LoginHint != "" {
		opts = append(opts, public.WithLoginHint(s.cfg.LoginHint))
	}
	res, err := s.public.AcquireTokenInteractive(ctx, s.cfg.scopes, opts...)
	if err != nil {
		return res, s.signInError("browser sign-in", err)
	}
	return res, nil
}

// account picks the cached account: the LoginHint's, else the first (with a warning
// when there are several).
func (s *Source) account(ctx context.Context) (public.Account, bool, error) {
	accts, err := s.public.Accounts(ctx)
	if err != nil {
		return public.Account{}, false, s.signInError("reading the token cache", err)
	}
	if s.cfg.LoginHint != "" {
		for _, a := range accts {
			if strings.EqualFold(a.PreferredUsername, s.cfg.LoginHint) {
				return a, true, nil
			}
		}
		return public.Account{}, false, nil
	}
	if len(accts) == 0 {
		return public.Account{}, false, nil
	}
	if len(accts) > 1 {
		s.cfg.Warn(fmt.Sprintf("%d accounts are signed in; using %s (pick one with --login-hint)", len(accts), accts[0].PreferredUsername))
	}
	return accts[0], true, nil
}
