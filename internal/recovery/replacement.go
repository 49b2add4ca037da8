package recovery

import (
	"encoding/base64"
	"encoding/json"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
)

// ReplacementOf turns enroll.Register's result into the Replacement a RegisterFunc
// returns (nil for nil: Graph holds nothing). The registration document is embedded
// without the PIN a random-PIN preparation may have put in it (the record is no place
// for secrets); where that PIN went stays (randomPin).
func ReplacementOf(reg *enroll.Registration) *Replacement {
	if reg == nil {
		return nil
	}
	doc := *reg
	doc.PIN = nil
	raw, err := json.Marshal(&doc)
	if err != nil {
		raw = nil
	}
	credID, _ := base64.RawURLEncoding.DecodeString(reg.CredentialID)
	return &Replacement{MethodID: reg.MethodID, CredentialID: credID, DisplayName: reg.DisplayName,
		Reconciled: reg.Reconciled, Registration: raw}
}
