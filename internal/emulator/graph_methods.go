package emulator

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Method is a registered FIDO2 method: what Graph reports plus what the emulator keeps.
type Method struct {
	// ID is Graph's method id: the credential id in base64url plus a padding digit.
	ID string
	// UserID is the owner's object id (a UPN is accepted when seeding).
	UserID          string
	DisplayName     string
	CreatedDateTime time.Time
	// AAGUID is the authenticator model id, lower-case with dashes.
	AAGUID string
	// Model is the model name Graph shows; empty is reported as null.
	Model string
	// AttestationCertificates are SHA-1 thumbprints (hex) of the attestation chain.
	AttestationCertificates []string
	// AttestationLevel is "attested" or "notAttested".
	AttestationLevel string
	// PasskeyType is "deviceBound".
	PasskeyType string
	// CredentialID and PublicKey (COSE) are what the key registered.
	CredentialID []byte
	PublicKey    []byte
	// AttestationFormat is the attestation statement format ("packed", "none", "tpm").
	AttestationFormat string
}

// methodJSON is fido2AuthenticationMethod as Graph writes it.
type methodJSON struct {
	Context                 string   `json:"@odata.context,omitempty"`
	ID                      string   `json:"id"`
	DisplayName             string   `json:"displayName"`
	CreatedDateTime         string   `json:"createdDateTime"`
	AAGUID                  string   `json:"aaGuid"`
	Model                   *string  `json:"model"`
	AttestationCertificates []string `json:"attestationCertificates"`
	AttestationLevel        string   `json:"attestationLevel"`
	PasskeyType             string   `json:"passkeyType"`
}

func (m *Method) wire(context string) methodJSON {
	j := methodJSON{Context: context, ID: m.ID, DisplayName: m.DisplayName,
		CreatedDateTime: m.CreatedDateTime.UTC().Format(time.RFC3339), AAGUID: m.AAGUID,
		AttestationCertificates: append([]string{}, m.AttestationCertificates...),
		AttestationLevel:        m.AttestationLevel, PasskeyType: m.PasskeyType}
	if m.Model != "" {
		model := m.Model
		j.Model = &model
	}
	return j
}

// Methods returns the FIDO2 methods registered to a user (object id or UPN), for tests.
func (s *Server) Methods(user string) []Method {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.dir.user(user)
	if u == nil {
		return nil
	}
	var out []Method
	for _, m := range s.dir.methods[u.ID] {
		c := *m
		c.AttestationCertificates = append([]string(nil), m.AttestationCertificates...)
		out = append(out, c)
	}
	return out
}

func (s *Server) methodsContext(c *call, u *User) string {
	return s.url + "/" + c.version + "/$metadata#users('" + u.ID + "')/authentication/fido2Methods"
}

// handleList pages through a user's methods with @odata.nextLink.
func (s *Server) handleList(c *call) {
	_, u, ok := s.targetUser(c, false)
	if !ok {
		return
	}
	q := c.r.URL.Query()
	top := s.cfg.PageSize
	if v := q.Get("$top"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 999 {
			s.writeGraphError(c.w, gerr(http.StatusBadRequest, CodeODataBadRequest, "Invalid value '%s' for $top.", v))
			return
		}
		top = min(n, s.cfg.PageSize)
	}
	offset := 0
	if v := q.Get("$skiptoken"); v != "" {
		raw, err := base64.RawURLEncoding.DecodeString(v)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(raw), "m1:"))
		if err != nil || err2 != nil || !strings.HasPrefix(string(raw), "m1:") || n < 0 {
			s.writeGraphError(c.w, gerr(http.StatusBadRequest, CodeODataBadRequest, "Invalid $skiptoken."))
			return
		}
		offset = n
	}
	s.mu.Lock()
	all := s.dir.methods[u.ID]
	var page []methodJSON
	for i := offset; i < len(all) && i < offset+top; i++ {
		page = append(page, all[i].wire(""))
	}
	more := offset+top < len(all)
	s.mu.Unlock()
	if page == nil {
		page = []methodJSON{}
	}
	resp := struct {
		Context  string       `json:"@odata.context"`
		NextLink string       `json:"@odata.nextLink,omitempty"`
		Value    []methodJSON `json:"value"`
	}{Context: s.methodsContext(c, u), Value: page}
	if more {
		v := url.Values{}
		v.Set("$top", strconv.Itoa(top))
		v.Set("$skiptoken", base64.RawURLEncoding.EncodeToString([]byte("m1:"+strconv.Itoa(offset+top))))
		resp.NextLink = s.url + "/" + c.version + "/users/" + u.ID + "/authentication/fido2Methods?" + v.Encode()
	}
	writeGraphJSON(c.w, http.StatusOK, resp)
}

func (s *Server) handleGet(c *call) {
	_, u, ok := s.targetUser(c, false)
	if !ok {
		return
	}
	s.mu.Lock()
	var found *methodJSON
	for _, m := range s.dir.methods[u.ID] {
		if m.ID == c.item {
			j := m.wire(s.methodsContext(c, u) + "/$entity")
			found = &j
		}
	}
	s.mu.Unlock()
	if found == nil {
		s.writeGraphError(c.w, methodNotFound(c.item))
		return
	}
	writeGraphJSON(c.w, http.StatusOK, found)
}

// handleDelete removes a method (204). A delegated caller deleting their own is
// refused as Graph refuses a token without a fresh MFA, unless Quirks.SelfDeleteAllowed.
func (s *Server) handleDelete(c *call) {
	p, u, ok := s.targetUser(c, true)
	if !ok {
		return
	}
	if p.user != nil && p.user.ID == u.ID && !s.cfg.Quirks.SelfDeleteAllowed {
		s.writeGraphError(c.w, errSelfDeleteMFA)
		return
	}
	s.mu.Lock()
	removed := s.dir.remove(u.ID, c.item)
	s.mu.Unlock()
	if !removed {
		s.writeGraphError(c.w, methodNotFound(c.item))
		return
	}
	if s.faults.takeReset(RouteDelete) {
		c.fault = "reset"
		resetConnection(c.w)
		return
	}
	c.w.WriteHeader(http.StatusNoContent)
}

// errSelfDeleteMFA is Graph's answer to a delegated token deleting its own FIDO2 method
// without a fresh MFA (message verbatim; the status is 403 as far as reports show).
var errSelfDeleteMFA = gerr(http.StatusForbidden, CodeAccessDenied, "MFA is required for a 'RemoveKey' operation, but was not performed.")

func methodNotFound(id string) *graphError {
	return gerr(http.StatusNotFound, CodeItemNotFound, "The fido2AuthenticationMethod '%s' was not found.", id)
}

// writeGraphJSON writes a success body with Graph's OData content type.
func writeGraphJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")
	writeJSONBody(w, status, v)
}

// encodeURLWithDigit is base64url without padding plus a digit counting the "="
// that were stripped: Graph's method ids and one excludeCredentials encoding.
func encodeURLWithDigit(b []byte) string {
	return base64.RawURLEncoding.EncodeToString(b) + strconv.Itoa((3-len(b)%3)%3)
}

// knownModels is a small AAGUID -> model table; Config.Models adds to it.
var knownModels = map[string]string{
	"cb69481e-8ff7-4039-93ec-0a2729a154a8": "YubiKey 5 Series",
	"ee882879-721c-4913-9775-3dfcce97072a": "YubiKey 5 Series",
	"fa2b99dc-9e39-4257-8f92-4a30d23c4118": "YubiKey 5 Series with NFC",
	"2fc0579f-8113-47ea-b116-bb5a8db9202a": "YubiKey 5 Series with NFC",
	"c5ef55ff-ad9a-4b9f-b580-adebafe026d0": "YubiKey 5Ci",
	"73bb0cd4-e502-49b8-9c6f-b59445bf720b": "YubiKey 5 FIPS Series",
	"d8522d9f-575b-4866-88a9-ba99fa02f35b": "YubiKey Bio Series",
	"a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa": "Security Key NFC by Yubico",
	"149a2021-8ef6-4133-96b8-81f8d5b7f1f5": "Security Key by Yubico with NFC",
	"b92c3f9a-c014-4056-887f-140a2501163b": "Security Key by Yubico",
	"ee041bce-25e5-4cdb-8f86-897fd6418464": "Feitian ePass FIDO2-NFC Authenticator",
	"833b721a-ff5f-4d00-bb2e-bdda3ec01e29": "Feitian ePass FIDO2 Authenticator",
}

// model names an AAGUID; unknown ones are "" (null on the wire).
func (s *Server) model(aaguid string) string {
	k := strings.ToLower(aaguid)
	for a, m := range s.cfg.Models {
		if strings.EqualFold(a, k) {
			return m
		}
	}
	return knownModels[k]
}
