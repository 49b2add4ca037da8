package emulator

import (
	"encoding/base64"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Challenge lifetimes: v1.0 is fixed, beta's function-call form takes minutes in this range.
const (
	defaultChallengeMinutes = 5
	maxChallengeMinutes     = 43200
)

var functionForm = regexp.MustCompile(`(?i)^creationOptions\(challengeTimeoutInMinutes=(-?\d+)\)$`)

// creationOptions is the real response shape, fields in Graph's order.
type creationOptions struct {
	Context                  string        `json:"@odata.context,omitempty"`
	ChallengeTimeoutDateTime string        `json:"challengeTimeoutDateTime"`
	PublicKey                publicKeyJSON `json:"publicKey"`
}

type publicKeyJSON struct {
	RP                     entityJSON          `json:"rp"`
	User                   userEntityJSON      `json:"user"`
	Challenge              string              `json:"challenge"`
	PubKeyCredParams       []credParamJSON     `json:"pubKeyCredParams"`
	Timeout                int                 `json:"timeout"`
	ExcludeCredentials     []credentialRefJSON `json:"excludeCredentials"`
	AuthenticatorSelection selectionJSON       `json:"authenticatorSelection"`
	Attestation            string              `json:"attestation"`
	Extensions             extensionsJSON      `json:"extensions"`
}

type entityJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type userEntityJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
}

type credParamJSON struct {
	Type string `json:"type"`
	Alg  int    `json:"alg"`
}

type credentialRefJSON struct {
	Type       string   `json:"type"`
	ID         string   `json:"id"`
	Transports []string `json:"transports"`
}

type selectionJSON struct {
	AuthenticatorAttachment string `json:"authenticatorAttachment"`
	RequireResidentKey      bool   `json:"requireResidentKey"`
	UserVerification        string `json:"userVerification"`
}

type extensionsJSON struct {
	HmacCreateSecret                  bool   `json:"hmacCreateSecret"`
	EnforceCredentialProtectionPolicy bool   `json:"enforceCredentialProtectionPolicy"`
	CredentialProtectionPolicy        string `json:"credentialProtectionPolicy"`
}

// handleCreationOptions serves v1.0 (5 minutes, fixed) and beta's function-call form;
// beta's query form answers 405 unless the quirk says otherwise.
func (s *Server) handleCreationOptions(c *call) {
	p, u, ok := s.targetUser(c, true)
	if !ok {
		return
	}
	if (c.user == "me" || (p.user != nil && p.user.ID == u.ID)) && !s.cfg.Quirks.AllowSelfCreationOptions {
		s.writeGraphError(c.w, errMethodNotAllowed)
		return
	}
	minutes, e := s.challengeMinutes(c)
	if e == nil {
		e = s.registrationAllowed(u)
	}
	if e != nil {
		s.writeGraphError(c.w, e)
		return
	}
	now := s.now().UTC().Truncate(time.Second)
	expires := now.Add(time.Duration(minutes) * time.Minute)
	id := uuid.MustParse(u.ID)
	challenge, err := s.newChallenge(id, now, expires)
	if err != nil {
		s.writeGraphError(c.w, gerr(http.StatusInternalServerError, "generalException", "Creating the challenge failed."))
		return
	}
	opts := creationOptions{
		Context:                  s.url + "/" + c.version + "/$metadata#microsoft.graph.webauthnCredentialCreationOptions",
		ChallengeTimeoutDateTime: expires.Format(time.RFC3339),
		PublicKey: publicKeyJSON{
			RP:                 entityJSON{ID: s.cfg.rpID(), Name: "Microsoft"},
			User:               userEntityJSON{ID: b64(s.userHandle(id)), Name: u.UserPrincipalName, DisplayName: u.DisplayName},
			Challenge:          challenge,
			PubKeyCredParams:   []credParamJSON{{"public-key", -7}, {"public-key", -257}},
			Timeout:            60000,
			ExcludeCredentials: s.excludeList(u),
			AuthenticatorSelection: selectionJSON{AuthenticatorAttachment: "cross-platform",
				RequireResidentKey: true, UserVerification: "required"},
			Attestation: "direct",
			Extensions: extensionsJSON{HmacCreateSecret: true, EnforceCredentialProtectionPolicy: true,
				CredentialProtectionPolicy: "userVerificationOptional"},
		},
	}
	if s.cfg.Quirks.WrapOptionsInValue {
		ctx := opts.Context
		opts.Context = ""
		writeGraphJSON(c.w, http.StatusOK, struct {
			Context string          `json:"@odata.context"`
			Value   creationOptions `json:"value"`
		}{ctx, opts})
		return
	}
	writeGraphJSON(c.w, http.StatusOK, opts)
}

// challengeMinutes reads the lifetime the URL asks for, refusing what Graph refuses.
func (s *Server) challengeMinutes(c *call) (int, *graphError) {
	query := c.r.URL.Query().Get("challengeTimeoutInMinutes")
	m := functionForm.FindStringSubmatch(c.item)
	switch {
	case m == nil && !strings.EqualFold(c.item, "creationOptions"):
		return 0, gerr(http.StatusBadRequest, CodeODataBadRequest, "Resource not found for the segment '%s'.", c.item)
	case m != nil && c.version != "beta":
		return 0, gerr(http.StatusBadRequest, CodeODataBadRequest, "Resource not found for the segment '%s'.", c.item)
	case m != nil:
		n, err := strconv.Atoi(m[1])
		if err != nil || n < defaultChallengeMinutes || n > maxChallengeMinutes {
			return 0, gerr(http.StatusBadRequest, CodeBadRequest, "challengeTimeoutInMinutes must be between %d and %d.", defaultChallengeMinutes, maxChallengeMinutes)
		}
		return n, nil
	case query != "" && c.version == "beta" && !s.cfg.Quirks.BetaQueryFormWorks:
		return 0, errMethodNotAllowed
	case query != "" && c.version == "beta":
		n, err := strconv.Atoi(query)
		if err != nil || n < defaultChallengeMinutes || n > maxChallengeMinutes {
			return 0, gerr(http.StatusBadRequest, CodeBadRequest, "challengeTimeoutInMinutes must be between %d and %d.", defaultChallengeMinutes, maxChallengeMinutes)
		}
		return n, nil
	}
	return defaultChallengeMinutes, nil
}

// excludeList names the user's registered credentials in the selected encoding.
func (s *Server) excludeList(u *User) []credentialRefJSON {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []credentialRefJSON{}
	for _, m := range s.dir.methods[u.ID] {
		var id string
		switch s.cfg.Quirks.ExcludeIDEncoding {
		case IDStd:
			id = base64.StdEncoding.EncodeToString(m.CredentialID)
		case IDRaw:
			id = base64.RawURLEncoding.EncodeToString(m.CredentialID)
		default:
			id = encodeURLWithDigit(m.CredentialID)
		}
		out = append(out, credentialRefJSON{Type: "public-key", ID: id, Transports: []string{"usb", "nfc"}})
	}
	return out
}
