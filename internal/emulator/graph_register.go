package emulator

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"unicode/utf16"
)

// maxDisplayName is Graph's limit; longer names fail.
const maxDisplayName = 30

// registerBody is the only body Graph accepts for a registration.
type registerBody struct {
	DisplayName         string `json:"displayName"`
	PublicKeyCredential struct {
		ID       string `json:"id"`
		Response struct {
			ClientDataJSON    string `json:"clientDataJSON"`
			AttestationObject string `json:"attestationObject"`
		} `json:"response"`
		ClientExtensionResults json.RawMessage `json:"clientExtensionResults"`
	} `json:"publicKeyCredential"`
}

// handleRegister verifies and stores a credential, answering 201 with the method.
func (s *Server) handleRegister(c *call) {
	_, u, ok := s.targetUser(c, true)
	if !ok {
		return
	}
	if e := s.registrationAllowed(u); e != nil {
		s.writeGraphError(c.w, e)
		return
	}
	raw, err := io.ReadAll(http.MaxBytesReader(c.w, c.r.Body, 1<<20))
	if err != nil {
		s.writeGraphError(c.w, errMissingEntity)
		return
	}
	body, e := s.parseRegisterBody(raw)
	if e == nil {
		e = checkDisplayName(body.DisplayName)
	}
	var v *verified
	if e == nil {
		v, e = s.verifyRegistration(u, body)
	}
	if e != nil {
		s.writeGraphError(c.w, e)
		return
	}
	m := &Method{ID: encodeURLWithDigit(v.credentialID), UserID: u.ID, DisplayName: body.DisplayName,
		CreatedDateTime: s.now().UTC(), AAGUID: v.aaguid, Model: s.model(v.aaguid),
		AttestationCertificates: v.thumbprints, AttestationLevel: "notAttested", PasskeyType: "deviceBound",
		CredentialID: v.credentialID, PublicKey: v.publicKey, AttestationFormat: v.format}
	if v.attested {
		m.AttestationLevel = "attested"
	}
	if e := s.store(m, v); e != nil {
		s.writeGraphError(c.w, e)
		return
	}
	if s.faults.takeReset(RouteRegister) {
		c.fault = "reset"
		resetConnection(c.w)
		return
	}
	writeGraphJSON(c.w, http.StatusCreated, m.wire(s.methodsContext(c, u)+"/$entity"))
}

// store spends the challenge and adds the method in one step, so two racing POSTs
// can't both succeed.
func (s *Server) store(m *Method, v *verified) *graphError {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.dir.owners[string(m.CredentialID)]; dup {
		return gerr(http.StatusConflict, CodeCredentialAlreadyRegistered, "A FIDO2 method with this credential id is already registered.")
	}
	if !s.dir.useNonce(v.nonce, v.expires, s.now()) {
		return bad(CodeChallengeAlreadyUsed, "The challenge has already been used for a registration. Request new creation options.")
	}
	s.dir.add(m)
	return nil
}

// parseRegisterBody accepts only {displayName, publicKeyCredential{id, response
// {clientDataJSON, attestationObject}, clientExtensionResults}}; @odata.type (or a body
// that is not an object) gets Graph's verbatim refusal.
func (s *Server) parseRegisterBody(raw []byte) (*registerBody, *graphError) {
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil || top == nil {
		return nil, errMissingEntity
	}
	if e := s.onlyKeys(top, "displayName", "publicKeyCredential"); e != nil {
		return nil, e
	}
	var pkc map[string]json.RawMessage
	if json.Unmarshal(top["publicKeyCredential"], &pkc) != nil || pkc == nil || top["displayName"] == nil {
		return nil, errMissingEntity
	}
	if e := s.onlyKeys(pkc, "id", "response", "clientExtensionResults"); e != nil {
		return nil, e
	}
	var resp map[string]json.RawMessage
	if json.Unmarshal(pkc["response"], &resp) != nil || resp == nil {
		return nil, bad(CodeBadRequest, "publicKeyCredential.response must hold clientDataJSON and attestationObject.")
	}
	if e := s.onlyKeys(resp, "clientDataJSON", "attestationObject"); e != nil {
		return nil, e
	}
	var b registerBody
	if json.Unmarshal(raw, &b) != nil {
		return nil, errMissingEntity
	}
	if b.PublicKeyCredential.ID == "" || b.PublicKeyCredential.Response.ClientDataJSON == "" ||
		b.PublicKeyCredential.Response.AttestationObject == "" {
		return nil, bad(CodeBadRequest, "publicKeyCredential needs id, response.clientDataJSON and response.attestationObject.")
	}
	return &b, nil
}

// onlyKeys refuses @odata.* always and other unknown properties unless LenientBody.
func (s *Server) onlyKeys(m map[string]json.RawMessage, allowed ...string) *graphError {
	for k := range m {
		if strings.HasPrefix(k, "@odata.") {
			return errMissingEntity
		}
		if !slices.Contains(allowed, k) && !s.cfg.Quirks.LenientBody {
			if slices.Contains(allowed, "displayName") {
				return errMissingEntity
			}
			return bad(CodeBadRequest, "The property '%s' is not accepted in publicKeyCredential.", k)
		}
	}
	return nil
}

// checkDisplayName counts UTF-16 code units, as Graph (.NET) does.
func checkDisplayName(name string) *graphError {
	n := len(utf16.Encode([]rune(name)))
	if strings.TrimSpace(name) == "" || n > maxDisplayName {
		return bad(CodeInvalidDisplayName, "displayName must be 1 to %d characters; it has %d.", maxDisplayName, n)
	}
	return nil
}

// resetConnection drops the connection without an answer: a TCP reset on HTTP/1.1,
// a stream reset on HTTP/2.
func resetConnection(w http.ResponseWriter) {
	if h, ok := w.(http.Hijacker); ok {
		if conn, _, err := h.Hijack(); err == nil {
			// Closing the TCP connection under TLS skips close_notify, so the client
			// sees a reset rather than a clean end of stream.
			raw := netConnOf(conn)
			if tc, ok := raw.(*net.TCPConn); ok {
				_ = tc.SetLinger(0)
			}
			_ = raw.Close()
			return
		}
	}
	// http.ErrAbortHandler is net/http's sanctioned way to abort a response; the
	// server resets the stream and does not log it.
	panic(http.ErrAbortHandler)
}

// netConnOf unwraps a TLS connection to the TCP one, so linger 0 makes a real reset.
func netConnOf(c net.Conn) net.Conn {
	if t, ok := c.(interface{ NetConn() net.Conn }); ok {
		return t.NetConn()
	}
	return c
}
