package auth

import (
	"fmt"
	"strings"
	"time"
)

// expiringSoon is how close to its expiry a handed-in token earns a warning.
const expiringSoon = 5 * time.Minute

// cleanToken trims a handed-in token (files end in a newline; some tools print "Bearer ...").
func cleanToken(raw string) string {
	t := strings.TrimSpace(raw)
	if len(t) > 7 && strings.EqualFold(t[:7], "bearer ") {
		t = strings.TrimSpace(t[7:])
	}
	return t
}

// checkStaticToken refuses an empty, malformed or expired token and warns about one that
// expires soon or is not for Graph. Messages never include the token.
func (s *Source) checkStaticToken(warn bool) error {
	t := s.static
	switch {
	case t == "":
		return configError("the access token is empty", "give the token in a file or a named environment variable")
	case strings.ContainsFunc(t, func(r rune) bool { return r <= ' ' || r > '~' }):
		return &Error{Code: "token_invalid", Message: "the access token contains spaces or non-ASCII characters",
			Hint: "give only the token, e.g. az account get-access-token --query accessToken -o tsv"}
	}
	c, ok := parseClaims(t)
	if !ok {
		return nil // opaque tokens are Graph's business
	}
	now := s.cfg.Now()
	if exp, ok := c.expiry(); ok {
		if !now.Before(exp) {
			return &Error{Code: "token_expired", Message: fmt.Sprintf("the access token expired at %s", exp.UTC().Format(time.RFC3339)),
				Hint: "get a fresh token (az account get-access-token --resource-type ms-graph) or sign in with another flow"}
		}
		if warn && exp.Sub(now) < expiringSoon {
			s.cfg.Warn(fmt.Sprintf("the access token expires in %s", exp.Sub(now).Round(time.Second)))
		}
	}
	if warn && len(c.Audience) > 0 && !graphAudience(c.Audience, s.cfg.resource) {
		s.cfg.Warn(fmt.Sprintf("the access token is for %s, not Microsoft Graph: Graph will refuse it", strings.Join(c.Audience, ", ")))
	}
	return nil
}
