package bulk

import (
	"encoding/json"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
)

// Job is one rollout: where its users came from and how each key is prepared.
type Job struct {
	ID      string    `json:"job"`
	Created time.Time `json:"createdDateTime"`
	Source  Source    `json:"source"`
	Profile Profile   `json:"profile"`
}

// Source is the roster a job was planned from.
type Source struct {
	// Kind is "group" or "roster".
	Kind      string `json:"kind"`
	GroupID   string `json:"groupId,omitempty"`
	GroupName string `json:"groupName,omitempty"`
	File      string `json:"file,omitempty"`
}

// Task is one user of a job, with what is known of them so far.
type Task struct {
	ID int64 `json:"-"`
	// User is the roster's identifier (UPN or object id); it is unique in a job,
	// compared case-insensitively.
	User        string `json:"user"`
	UserID      string `json:"userId,omitempty"`
	UPN         string `json:"userPrincipalName,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
	State       State  `json:"state"`
	Attempts    int    `json:"attempts"`
	// Station holds the lease until LeaseUntil; Fence is the lease's generation, checked
	// by every write so a station that lost its lease cannot write late.
	Station    string    `json:"station,omitempty"`
	LeaseUntil time.Time `json:"-"`
	Fence      int64     `json:"-"`
	Facts      Facts     `json:"facts"`
	Updated    time.Time `json:"updatedDateTime"`
}

// Facts is what a task gathered, step by step: public data only.
type Facts struct {
	// From the roster.
	MethodDisplayName string `json:"methodDisplayName,omitempty"`
	ExpectedSerial    string `json:"expectedSerial,omitempty"`
	// Why a task was skipped or failed.
	ErrorCode string `json:"errorCode,omitempty"`
	// FailedIn is the state a failure interrupted; a retried task resumes from it.
	FailedIn     State  `json:"failedIn,omitempty"`
	ErrorMessage string `json:"errorMessage,omitempty"`
	Retryable    bool   `json:"retryable,omitempty"`
	// The options the credential answers, and when their challenge expires.
	Options          json.RawMessage `json:"options,omitempty"`
	ChallengeExpires *time.Time      `json:"challengeExpires,omitempty"`
	// The key the task ran on.
	Key *enroll.KeyFacts `json:"key,omitempty"`
	// PINSink is the hand-over file of a random PIN, written before the key took it;
	// PINSet says the key took it.
	PINSink string `json:"pinSink,omitempty"`
	PINSet  bool   `json:"pinSet,omitempty"`
	// The credential, stored before the POST, and its id (base64url).
	Credential   *enroll.Credential `json:"credential,omitempty"`
	CredentialID string             `json:"credentialId,omitempty"`
	// What Graph returned: the method as Graph sent it, and its id.
	Method        json.RawMessage `json:"method,omitempty"`
	MethodID      string          `json:"methodId,omitempty"`
	MethodCreated *time.Time      `json:"methodCreated,omitempty"`
	Reconciled    bool            `json:"reconciled,omitempty"`
	RequestIDs    []string        `json:"requestIds,omitempty"`
	// Finishing steps done so far (each is idempotent).
	Configured     bool       `json:"configured,omitempty"`
	RemovedFromGrp bool       `json:"removedFromGroup,omitempty"`
	Operator       string     `json:"operator,omitempty"`
	Finished       *time.Time `json:"finishedDateTime,omitempty"`
}

// Event is one line of a job's append-only audit log.
type Event struct {
	Seq     int64           `json:"seq"`
	Time    time.Time       `json:"time"`
	TaskID  int64           `json:"-"`
	User    string          `json:"user,omitempty"`
	Station string          `json:"station,omitempty"`
	Kind    string          `json:"kind"`
	From    State           `json:"from,omitempty"`
	To      State           `json:"to,omitempty"`
	Code    string          `json:"code,omitempty"`
	Message string          `json:"message,omitempty"`
	Data    json.RawMessage `json:"data,omitempty"`
}

// Event kinds.
const (
	EventPlanned  = "planned"
	EventLeased   = "leased"
	EventResumed  = "resumed"
	EventTakeover = "taken_over"
	EventState    = "state"
	EventPINSink  = "pin_sink"
	EventFailed   = "failed"
	EventRetried  = "retried"
)

// Name is how the audit log names the task's user: the UPN when known.
func (t *Task) Name() string {
	if t.UPN != "" {
		return t.UPN
	}
	return t.User
}
