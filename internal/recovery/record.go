package recovery

import (
	"encoding/json"
	"time"
)

// SchemaVersion is the record's schemaVersion.
const SchemaVersion = 1

// The steps, in the order they run.
const (
	StepRegister       = "register"
	StepDeleteMethod   = "deleteMethod"
	StepRevokeSessions = "revokeSessions"
	StepAccessPass     = "temporaryAccessPass"
)

// Step outcomes.
const (
	OutcomeDone    = "done"
	OutcomeFailed  = "failed"
	OutcomeSkipped = "skipped"
)

// Record outcomes: done (every step done or not asked for), failed (a step failed and
// stopped the rest), refused (nothing was started: not confirmed, or invalid options).
const (
	RecordDone    = "done"
	RecordFailed  = "failed"
	RecordRefused = "refused"
)

// Record is the one document of a recovery: the plan it started from and every step
// in order with its outcome. It never holds the Temporary Access Pass.
type Record struct {
	SchemaVersion    int             `json:"schemaVersion"`
	User             string          `json:"user"`
	Outcome          string          `json:"outcome"`
	StartedDateTime  time.Time       `json:"startedDateTime"`
	FinishedDateTime time.Time       `json:"finishedDateTime"`
	KeyChecked       bool            `json:"keyChecked"`
	MethodsBefore    []PlannedMethod `json:"methodsBefore"`
	Steps            []Step          `json:"steps"`
	// Error is the failure that stopped the recovery, also in its step.
	Error *StepError `json:"error,omitempty"`
}

// Step is one thing a recovery did, failed at, or left undone.
type Step struct {
	Step    string `json:"step"`
	Outcome string `json:"outcome"`
	// MethodID is the method deleted (deleteMethod) or registered (register).
	MethodID string `json:"methodId,omitempty"`
	// Reason says why a step was skipped, or notes how one was done (a method already gone).
	Reason string `json:"reason,omitempty"`
	// RequestIDs are Graph's request-ids of the step's calls (with a CallLog).
	RequestIDs       []string   `json:"requestIds,omitempty"`
	StartedDateTime  *time.Time `json:"startedDateTime,omitempty"`
	FinishedDateTime *time.Time `json:"finishedDateTime,omitempty"`
	Error            *StepError `json:"error,omitempty"`
	// Replacement is the registered key (register), also when a later part of the
	// registration failed.
	Replacement *Replacement `json:"replacement,omitempty"`
	// AccessPass describes the pass issued (temporaryAccessPass), never the pass itself.
	AccessPass *AccessPassFacts `json:"temporaryAccessPass,omitempty"`
}

// StepError is a step's failure as the CLI renders errors.
type StepError struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	Hint      string `json:"hint,omitempty"`
	RequestID string `json:"requestId,omitempty"`
}

// Replacement is the key registered in place of the lost ones, as the caller's
// register function reports it.
type Replacement struct {
	// MethodID is Graph's id of the new method (required: without it nothing is deleted).
	MethodID string `json:"methodId"`
	// CredentialID is the credential on the key, to refuse deleting it under another
	// encoding of its id.
	CredentialID []byte `json:"-"`
	DisplayName  string `json:"displayName,omitempty"`
	// Reconciled says Graph's answer was lost and the method was found by listing.
	Reconciled bool `json:"reconciled,omitempty"`
	// Registration is the caller's document of the registration (enroll's), embedded
	// as is. It must hold no secret: leave out a generated PIN.
	Registration json.RawMessage `json:"registration,omitempty"`
}

// AccessPassFacts is what the record keeps of a Temporary Access Pass: where it went
// and when it works, never the pass.
type AccessPassFacts struct {
	MethodID          string    `json:"methodId"`
	StartDateTime     time.Time `json:"startDateTime"`
	ExpiresDateTime   time.Time `json:"expiresDateTime"`
	LifetimeInMinutes int       `json:"lifetimeInMinutes"`
	IsUsableOnce      bool      `json:"isUsableOnce"`
	// Sink names where the pass went (AccessPassSink.Describe).
	Sink      string `json:"sink"`
	Delivered bool   `json:"delivered"`
	// DeletedUndelivered says a pass the sink could not take was deleted again, so no
	// pass nobody holds stays valid.
	DeletedUndelivered bool `json:"deletedUndelivered,omitempty"`
	// Discarded counts passes issued unseen by a POST whose answer was lost, deleted
	// before this one was issued.
	Discarded int `json:"discarded,omitempty"`
}
