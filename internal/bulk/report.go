package bulk

import (
	"strings"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
	"github.com/entra-passkey/entra-passkey/internal/inventory"
)

// ReportDocument is a task as one line of bulk report's JSONL: the same record
// register --record writes (the method as Graph returned it, the key), with the
// inventory fields; userId is the object id.
func ReportDocument(t *Task) *enroll.Registration {
	return &enroll.Registration{SchemaVersion: enroll.SchemaVersion, UserID: firstNonEmpty(t.UserID, t.User),
		Method: t.Facts.Method, Reconciled: t.Facts.Reconciled, Key: t.Facts.Key, Record: *InventoryRecord(t)}
}

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
		r.Firmware = k.Firmware
	}
	if f.Credential != nil {
		r.DisplayName = f.Credential.DisplayName
	}
	return r
}
