package inventory

import (
	"strings"
	"time"
)

// Record is one task of a rollout, as its report shows it. It never holds a PIN.
type Record struct {
	UserPrincipalName string `json:"userPrincipalName"`
	UserID            string `json:"userId"`
	// Outcome is done, failed, skipped, or the state the task stopped in.
	Outcome      string `json:"outcome"`
	MethodID     string `json:"methodId,omitempty"`
	CredentialID string `json:"credentialId,omitempty"`
	AAGUID       string `json:"aaGuid,omitempty"`
	Model        string `json:"model,omitempty"`
	Serial       string `json:"serial,omitempty"`
	Firmware     string `json:"firmware,omitempty"`
	// DisplayName is the method's display name in Entra.
	DisplayName     string     `json:"displayName,omitempty"`
	CreatedDateTime *time.Time `json:"createdDateTime,omitempty"`
	Station         string     `json:"station,omitempty"`
	Operator        string     `json:"operator,omitempty"`
	ErrorCode       string     `json:"errorCode,omitempty"`
	ErrorMessage    string     `json:"errorMessage,omitempty"`
	// RequestIDs are Graph's request-id of each call made for the task.
	RequestIDs       []string   `json:"requestIds,omitempty"`
	FinishedDateTime *time.Time `json:"finishedDateTime,omitempty"`
}

// columns are the CSV header, the JSON names in the order of Record's fields.
var columns = []string{
	"userPrincipalName", "userId", "outcome", "methodId", "credentialId", "aaGuid", "model", "serial",
	"firmware", "displayName", "createdDateTime", "station", "operator", "errorCode", "errorMessage", "requestIds",
	"finishedDateTime",
}

// Columns returns the CSV header: the JSON field names, in order.
func Columns() []string { return append([]string(nil), columns...) }

// timeLayout is how both formats write times: RFC 3339 in UTC, with the fraction
// of a second when there is one (what encoding/json writes).
const timeLayout = time.RFC3339Nano

// cells is r in the order of columns, as text.
func (r *Record) cells(dst []string) []string {
	return append(dst[:0],
		r.UserPrincipalName, r.UserID, r.Outcome, r.MethodID, r.CredentialID, r.AAGUID, r.Model, r.Serial,
		r.Firmware, r.DisplayName, formatTime(r.CreatedDateTime), r.Station, r.Operator, r.ErrorCode, r.ErrorMessage,
		strings.Join(r.RequestIDs, ";"), formatTime(r.FinishedDateTime))
}

func formatTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// utc returns r with its times in UTC, so both formats write the same instant the same way.
func (r *Record) utc() *Record {
	if r.CreatedDateTime == nil && r.FinishedDateTime == nil {
		return r
	}
	c := *r
	if r.CreatedDateTime != nil {
		t := r.CreatedDateTime.UTC()
		c.CreatedDateTime = &t
	}
	if r.FinishedDateTime != nil {
		t := r.FinishedDateTime.UTC()
		c.FinishedDateTime = &t
	}
	return &c
}
