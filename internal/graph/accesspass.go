package graph

import (
	"encoding/json"
	"fmt"
	"time"
)

// AccessPassCode is a Temporary Access Pass itself. Like fido.PIN, every way of
// printing or encoding it shows a placeholder, so a pass that strays into a log line,
// an error or a record never shows; Reveal is for the one sink that delivers it.
type AccessPassCode string

// String hides the pass.
func (AccessPassCode) String() string { return "[redacted]" }

// GoString hides the pass from %#v.
func (AccessPassCode) GoString() string { return "graph.AccessPassCode([redacted])" }

// Format hides the pass from every fmt verb.
func (AccessPassCode) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte("[redacted]")) }

// MarshalText hides the pass from encoders (encoding/json included).
func (AccessPassCode) MarshalText() ([]byte, error) { return []byte("[redacted]"), nil }

// Reveal returns the pass, for the one call that writes it to its destination.
func (p AccessPassCode) Reveal() string { return string(p) }

// TemporaryAccessPass is a pass Graph issued: shown once, in the POST's answer only
// (a GET returns it as null). Marshalled, it holds every fact but the pass.
type TemporaryAccessPass struct {
	// MethodID is the temporaryAccessPassAuthenticationMethod's id (to delete it).
	MethodID string `json:"methodId"`
	// Pass is the pass; it marshals as "[redacted]".
	Pass            AccessPassCode `json:"-"`
	CreatedDateTime time.Time      `json:"createdDateTime"`
	StartDateTime   time.Time      `json:"startDateTime"`
	// Lifetime counts from StartDateTime.
	Lifetime   time.Duration `json:"-"`
	UsableOnce bool          `json:"isUsableOnce"`
	// IsUsable and MethodUsabilityReason are Graph's (e.g. "EnabledByPolicy").
	IsUsable              bool   `json:"isUsable"`
	MethodUsabilityReason string `json:"methodUsabilityReason,omitempty"`
	// RequestID is Graph's request-id of the POST that issued it.
	RequestID string `json:"requestId,omitempty"`
	// Discarded counts the passes an earlier attempt may have issued unseen (its answer
	// was lost) that were deleted before this one was issued; see CreateTemporaryAccessPass.
	Discarded int `json:"discarded,omitempty"`
}

// Expires is when the pass stops working.
func (p *TemporaryAccessPass) Expires() time.Time { return p.StartDateTime.Add(p.Lifetime) }

// MarshalJSON writes the facts with the lifetime in minutes, as Graph does; never the pass.
func (p TemporaryAccessPass) MarshalJSON() ([]byte, error) {
	type facts TemporaryAccessPass
	return json.Marshal(struct {
		facts
		LifetimeInMinutes int `json:"lifetimeInMinutes"`
	}{facts(p), int(p.Lifetime / time.Minute)})
}

// accessPassJSON is temporaryAccessPassAuthenticationMethod as Graph sends it.
type accessPassJSON struct {
	ID                    string  `json:"id"`
	TemporaryAccessPass   *string `json:"temporaryAccessPass"`
	CreatedDateTime       string  `json:"createdDateTime"`
	StartDateTime         string  `json:"startDateTime"`
	LifetimeInMinutes     int     `json:"lifetimeInMinutes"`
	IsUsableOnce          bool    `json:"isUsableOnce"`
	IsUsable              bool    `json:"isUsable"`
	MethodUsabilityReason string  `json:"methodUsabilityReason"`
}

// parseAccessPass reads a created pass; the pass and the id must be there.
func parseAccessPass(body []byte) (*TemporaryAccessPass, error) {
	var j accessPassJSON
	if err := json.Unmarshal(body, &j); err != nil {
		return nil, fmt.Errorf("decoding the temporaryAccessPassAuthenticationMethod: %w", err)
	}
	if j.ID == "" || j.TemporaryAccessPass == nil || *j.TemporaryAccessPass == "" {
		return nil, fmt.Errorf("the temporaryAccessPassAuthenticationMethod has no id or no pass")
	}
	p := &TemporaryAccessPass{MethodID: j.ID, Pass: AccessPassCode(*j.TemporaryAccessPass),
		Lifetime: time.Duration(j.LifetimeInMinutes) * time.Minute, UsableOnce: j.IsUsableOnce,
		IsUsable: j.IsUsable, MethodUsabilityReason: j.MethodUsabilityReason}
	// The times are informational: an odd one is left zero rather than losing the pass.
	p.CreatedDateTime, _ = time.Parse(time.RFC3339Nano, j.CreatedDateTime)
	p.StartDateTime, _ = time.Parse(time.RFC3339Nano, j.StartDateTime)
	if p.StartDateTime.IsZero() {
		p.StartDateTime = p.CreatedDateTime
	}
	return p, nil
}
