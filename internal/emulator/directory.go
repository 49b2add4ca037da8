package emulator

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
)

// directory is the tenant's mutable state, guarded by Server.mu.
type directory struct {
	users      []*User
	byID       map[string]*User
	byUPN      map[string]*User
	methods    map[string][]*Method // by user id, in registration order
	owners     map[string]string    // credential id bytes -> user id
	usedNonces map[[16]byte]time.Time
}

// user finds a user by object id or UPN, both case-insensitive.
func (d *directory) user(idOrUPN string) *User {
	k := strings.ToLower(idOrUPN)
	if u := d.byID[k]; u != nil {
		return u
	}
	return d.byUPN[k]
}

// add stores a method unless its credential id is already registered to anyone.
func (d *directory) add(m *Method) bool {
	if _, dup := d.owners[string(m.CredentialID)]; dup {
		return false
	}
	d.owners[string(m.CredentialID)] = m.UserID
	d.methods[m.UserID] = append(d.methods[m.UserID], m)
	return true
}

func (d *directory) remove(userID, methodID string) bool {
	list := d.methods[userID]
	for i, m := range list {
		if m.ID == methodID {
			delete(d.owners, string(m.CredentialID))
			d.methods[userID] = append(list[:i:i], list[i+1:]...)
			return true
		}
	}
	return false
}

// useNonce records a challenge nonce as spent, forgetting those past their expiry.
func (d *directory) useNonce(n [16]byte, expires, now time.Time) bool {
	for k, exp := range d.usedNonces {
		if now.After(exp) {
			delete(d.usedNonces, k)
		}
	}
	if _, used := d.usedNonces[n]; used {
		return false
	}
	d.usedNonces[n] = expires
	return true
}

var hexSHA256 = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// loadDirectory checks the configured users, apps and methods and indexes them.
func (s *Server) loadDirectory() error {
	d := directory{byID: map[string]*User{}, byUPN: map[string]*User{}, methods: map[string][]*Method{},
		owners: map[string]string{}, usedNonces: map[[16]byte]time.Time{}}
	for i := range s.cfg.Users {
		u := s.cfg.Users[i]
		id, err := uuid.Parse(u.ID)
		switch {
		case err != nil:
			return startError("loading users", fmt.Errorf("user %q: id %q is not a GUID", u.UserPrincipalName, u.ID))
		case u.UserPrincipalName == "":
			return startError("loading users", fmt.Errorf("user %s has no userPrincipalName", u.ID))
		case d.user(u.ID) != nil || d.user(u.UserPrincipalName) != nil:
			return startError("loading users", fmt.Errorf("user %s (%s) is listed twice", u.ID, u.UserPrincipalName))
		}
		switch strings.ToLower(u.UserType) {
		case "", "member":
			u.UserType = "Member"
		case "guest":
			u.UserType = "Guest"
		default:
			return startError("loading users", fmt.Errorf("user %s: userType %q is neither Member nor Guest", u.UserPrincipalName, u.UserType))
		}
		u.ID = id.String()
		d.users = append(d.users, &u)
		d.byID[u.ID] = &u
		d.byUPN[strings.ToLower(u.UserPrincipalName)] = &u
	}
	seen := map[string]bool{}
	for _, a := range s.cfg.Apps {
		switch {
		case a.ClientID == "" || seen[strings.ToLower(a.ClientID)]:
			return startError("loading apps", fmt.Errorf("app %q: client id missing or listed twice", a.ClientID))
		case a.SecretSHA256 != "" && !hexSHA256.MatchString(a.SecretSHA256):
			return startError("loading apps", fmt.Errorf("app %s: secretSHA256 is not 64 hex digits", a.ClientID))
		case a.SignedInUser != "" && d.user(a.SignedInUser) == nil:
			return startError("loading apps", fmt.Errorf("app %s: signedInUser %q is not a user", a.ClientID, a.SignedInUser))
		}
		seen[strings.ToLower(a.ClientID)] = true
	}
	if err := s.cfg.Policy.validate(); err != nil {
		return startError("loading the policy", err)
	}
	for _, m := range s.cfg.Methods {
		u := d.user(m.UserID)
		if u == nil || len(m.CredentialID) == 0 {
			return startError("loading methods", fmt.Errorf("method %q: unknown user %q or no credential id", m.DisplayName, m.UserID))
		}
		rec := m
		rec.UserID, rec.ID, rec.AAGUID = u.ID, encodeURLWithDigit(m.CredentialID), strings.ToLower(m.AAGUID)
		if rec.CreatedDateTime.IsZero() {
			rec.CreatedDateTime = s.now()
		}
		if rec.Model == "" {
			rec.Model = s.model(rec.AAGUID)
		}
		rec.AttestationLevel = firstNonEmpty(rec.AttestationLevel, "notAttested")
		rec.PasskeyType = firstNonEmpty(rec.PasskeyType, "deviceBound")
		if !d.add(&rec) {
			return startError("loading methods", errors.New("a credential id is listed twice"))
		}
	}
	s.dir = d
	s.revoked, s.taps = map[string][]time.Time{}, map[string][]*IssuedTAP{}
	if s.cfg.TAPPolicy != nil {
		if err := s.cfg.TAPPolicy.validate(); err != nil {
			return startError("loading the Temporary Access Pass policy", err)
		}
	}
	// The server's own copy: removing a member must not edit the caller's Config.
	groups := make([]Group, len(s.cfg.Groups))
	for i, g := range s.cfg.Groups {
		if _, err := uuid.Parse(g.ID); err != nil {
			return startError("loading groups", fmt.Errorf("group %q: id %q is not a GUID", g.DisplayName, g.ID))
		}
		g.Members = append([]string(nil), g.Members...)
		groups[i] = g
	}
	s.cfg.Groups = groups
	s.grants = grants{deviceCodes: map[string]*deviceGrant{}, authCodes: map[string]*codeGrant{}, refresh: map[string]*refreshGrant{}}
	return nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
