package bulk

import (
	"strings"

	"github.com/entra-passkey/entra-passkey/internal/inventory"
)

// InventoryRecord is the report's record of a task: who, which key, which method, where
// and by whom, and how it ended. No PIN: the store never had one.
func InventoryRecord(t *Task) *inventory.Record {
	f := t.Facts
	r := &inventory.Record{
		UserPrincipalName: firstNonEmpty(t.UPN, t.User), UserID: t.UserID, Outcome: string(t.State),
		MethodID: f.MethodID, CredentialID: f.CredentialID, Station: t.Station, Operator: f.Operator,
		ErrorCode: f.ErrorCode, ErrorMessage: f.ErrorMessage, RequestIDs: f.RequestIDs,
		CreatedDateTime: f.MethodCreated, FinishedDateTime: f.Finished, Serial: f.ExpectedSerial,
	}
	if k := f.Key; k != nil {
		r.AAGUID, r.Model = strings.ToLower(k.AAGUID), k.Model
		if k.Serial != nil {
			r.Serial = *k.Serial
		}
	}
	if f.Credential != nil {
		r.DisplayName = f.Credential.DisplayName
	}
	return r
}
