package virtual

import (
	"bytes"
	"crypto/sha256"
	"slices"

	"github.com/fxamacker/cbor/v2"
)

// authenticatorCredentialManagement subcommands (CTAP 2.1 §6.8).
const (
	cmGetCredsMetadata          = 0x01
	cmEnumerateRPsBegin         = 0x02
	cmEnumerateRPsGetNextRP     = 0x03
	cmEnumerateCredentialsBegin = 0x04
	cmEnumerateCredentialsNext  = 0x05
	cmDeleteCredential          = 0x06
	cmUpdateUserInformation     = 0x07
)

// enumeration holds the answers still to come for getNextRP or getNextCredential.
type enumeration struct {
	next    int // the subcommand that continues it
	answers []map[int]any
}

// credMgmtParams are subCommandParams (§6.8, 0x02).
type credMgmtParams struct {
	RPIDHash     []byte          `cbor:"1,keyasint,omitempty"`
	CredentialID *credDescriptor `cbor:"2,keyasint,omitempty"`
	User         *userEntity     `cbor:"3,keyasint,omitempty"`
}

// credMgmt is authenticatorCredentialManagement (CTAP 2.1 §6.8), under 0x0a and the
// preview's 0x41 alike. enum is the enumeration the previous command left, if any.
func (a *authenticator) credMgmt(params []byte, enum *enumeration) (any, error) {
	m, err := decodeParams(params)
	if err != nil {
		return nil, err
	}
	var sub int
	if ok, err := field(m, 1, &sub); err != nil {
		return nil, err
	} else if !ok {
		return nil, ctapError(ctapMissingParameter)
	}
	var p credMgmtParams
	if _, err := field(m, 2, &p); err != nil {
		return nil, err
	}
	switch sub {
	case cmEnumerateRPsGetNextRP, cmEnumerateCredentialsNext:
		return a.nextAnswer(enum, sub)
	case cmGetCredsMetadata, cmEnumerateRPsBegin:
		// These list every RP: a token bound to one may not (§6.8.2 step 5, §6.8.3).
		if err := a.checkCredMgmtAuth(m, sub, func(bound string) bool { return bound == "" }); err != nil {
			return nil, err
		}
		if sub == cmGetCredsMetadata {
			return map[int]any{1: a.st.discoverableCount(), 2: a.st.remainingDiscoverable()}, nil
		}
		return a.beginRPs()
	case cmEnumerateCredentialsBegin:
		if p.RPIDHash == nil {
			return nil, ctapError(ctapMissingParameter)
		}
		if err := a.checkCredMgmtAuth(m, sub, func(bound string) bool { return bound == "" || bytes.Equal(rpHash(bound), p.RPIDHash) }); err != nil {
			return nil, err
		}
		return a.beginCredentials(p.RPIDHash)
	case cmDeleteCredential, cmUpdateUserInformation:
		if p.CredentialID == nil || (sub == cmUpdateUserInformation && p.User == nil) {
			return nil, ctapError(ctapMissingParameter)
		}
		i := a.discoverableIndex(p.CredentialID.ID)
		if err := a.checkCredMgmtAuth(m, sub, func(bound string) bool { return bound == "" || (i >= 0 && a.st.Credentials[i].RPID == bound) }); err != nil {
			return nil, err
		}
		if i < 0 {
			return nil, ctapError(ctapNoCredentials)
		}
		if sub == cmDeleteCredential {
			a.st.Credentials = slices.Delete(a.st.Credentials, i, i+1)
			return nil, nil
		}
		return nil, a.updateUser(&a.st.Credentials[i], p.User)
	}
	return nil, ctapError(ctapInvalidSubcommand)
}

// checkCredMgmtAuth verifies pinUvAuthParam = authenticate(token, subCommand ||
// subCommandParams) with a token that has the cm permission and whose bound RP id, if
// any, rpOK accepts (§6.8.2 to §6.8.6).
func (a *authenticator) checkCredMgmtAuth(m map[int]cbor.RawMessage, sub int, rpOK func(bound string) bool) error {
	var param []byte
	if ok, err := field(m, 4, &param); err != nil {
		return err
	} else if !ok {
		return ctapError(ctapPUATRequired)
	}
	proto, _, err := a.protocol(m, 3)
	if err != nil {
		return err
	}
	msg := append([]byte{byte(sub)}, m[2]...)
	if !proto.verify(a.token, msg, param) || a.tokenPerms&permCredMgmt == 0 || !rpOK(a.tokenRPID) {
		return ctapError(ctapPINAuthInvalid)
	}
	return nil
}

func (a *authenticator) nextAnswer(enum *enumeration, sub int) (any, error) {
	if enum == nil || enum.next != sub || len(enum.answers) == 0 {
		return nil, ctapError(ctapNotAllowed)
	}
	if len(enum.answers) > 1 {
		a.enumeration = &enumeration{next: sub, answers: enum.answers[1:]}
	}
	return enum.answers[0], nil
}

// begin answers the first of answers with total (under totalKey) and keeps the rest
// for next.
func (a *authenticator) begin(answers []map[int]any, totalKey, next int) (any, error) {
	if len(answers) == 0 {
		return nil, ctapError(ctapNoCredentials)
	}
	answers[0][totalKey] = len(answers)
	if len(answers) > 1 {
		a.enumeration = &enumeration{next: next, answers: answers[1:]}
	}
	return answers[0], nil
}

// beginRPs lists the RPs with discoverable credentials, in the order they first came.
func (a *authenticator) beginRPs() (any, error) {
	var answers []map[int]any
	seen := map[string]bool{}
	for _, c := range a.st.Credentials {
		if !c.Discoverable || seen[c.RPID] {
			continue
		}
		seen[c.RPID] = true
		answers = append(answers, map[int]any{3: rpEntity{ID: c.RPID, Name: c.RPName}, 4: rpHash(c.RPID)})
	}
	return a.begin(answers, 5, cmEnumerateRPsGetNextRP)
}

func (a *authenticator) beginCredentials(hash []byte) (any, error) {
	var answers []map[int]any
	for i := range a.st.Credentials {
		c := &a.st.Credentials[i]
		if !c.Discoverable || !bytes.Equal(rpHash(c.RPID), hash) {
			continue
		}
		pub, err := publicCOSEKey(c)
		if err != nil {
			return nil, ctapError(ctapOther)
		}
		answers = append(answers, map[int]any{
			6:  userEntity{ID: c.UserID, Name: c.UserName, DisplayName: c.UserDisplayName},
			7:  credDescriptor{ID: c.ID, Type: "public-key"},
			8:  cbor.RawMessage(pub),
			10: max(1, c.CredProtect), // no extension is userVerificationOptional (§12.1)
		})
	}
	return a.begin(answers, 9, cmEnumerateCredentialsNext)
}

// updateUser replaces the user's name and display name; the handle must not change
// (§6.8.6 step 5).
func (a *authenticator) updateUser(c *Credential, u *userEntity) error {
	if !bytes.Equal(u.ID, c.UserID) {
		return ctapError(ctapInvalidParameter)
	}
	c.UserName, c.UserDisplayName = u.Name, u.DisplayName
	return nil
}

func (a *authenticator) discoverableIndex(id []byte) int {
	return slices.IndexFunc(a.st.Credentials, func(c Credential) bool { return c.Discoverable && bytes.Equal(c.ID, id) })
}

func rpHash(rpID string) []byte {
	h := sha256.Sum256([]byte(rpID))
	return h[:]
}
