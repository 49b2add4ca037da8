package bulk

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/entra-passkey/entra-passkey/internal/fido"
	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// Profile is how every key of a job is prepared and named. It is stored with the job,
// so stations need no profile flags; it holds no secret.
type Profile struct {
	// DisplayName is the method name template: {model} {serial} {date} {upn} {name};
	// rendered names are cut to Graph's 30 characters, keeping the serial.
	DisplayName string `json:"displayName,omitempty"`
	// SetRandomPIN sets a random PIN of PINLength digits (0: the key's minimum, at least 8).
	SetRandomPIN   bool `json:"setRandomPin,omitempty"`
	PINLength      int  `json:"pinLength,omitempty"`
	MinPINLength   int  `json:"minPinLength,omitempty"`
	ForcePINChange bool `json:"forcePinChange,omitempty"`
	AlwaysUV       bool `json:"alwaysUv,omitempty"`
	// ChallengeTimeout is the creation options' lifetime (Graph: 5 minutes to 30 days).
	ChallengeTimeout Duration `json:"challengeTimeout,omitempty"`
	// AllowedModels are the AAGUIDs a key may have; empty allows any.
	AllowedModels []string `json:"allowedModels,omitempty"`
	// RemoveFromGroup takes each user out of the job's group once done.
	RemoveFromGroup bool `json:"removeFromGroup,omitempty"`
	// SkipVerify leaves out reading the method back and probing the key.
	SkipVerify bool `json:"skipVerify,omitempty"`
	// ExistingKeys is what plan does with a user who already has FIDO2 methods:
	// "proceed" (default) or "skip".
	ExistingKeys string `json:"existingKeys,omitempty"`
	// Handover is where random PINs go.
	Handover Handover `json:"handover,omitzero"`
}

// Handover is the PIN sink of a job: one file per user in Dir.
type Handover struct {
	Dir        string   `json:"dir,omitempty"`
	Recipients []string `json:"recipients,omitempty"`
	// Letter is the hand-over letter's template text (not its path: stations need it).
	Letter string `json:"letter,omitempty"`
	// Plain allows unencrypted PIN files (0600), with a warning.
	Plain bool `json:"plain,omitempty"`
}

// Duration is a time.Duration written as Go's text ("10m0s") in JSON.
type Duration time.Duration

// MarshalJSON writes the duration as text.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads "10m", "24h" or a number of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var secs float64
		if err := json.Unmarshal(b, &secs); err != nil {
			return fmt.Errorf("a duration is text like \"10m\" or seconds")
		}
		*d = Duration(time.Duration(secs * float64(time.Second)))
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// Validate checks the profile before a job is planned with it.
func (p *Profile) Validate() error {
	bad := func(format string, a ...any) error {
		return &Error{Code: "invalid_profile", Message: fmt.Sprintf(format, a...)}
	}
	if p.ChallengeTimeout != 0 {
		if err := graph.CheckChallengeTimeout(time.Duration(p.ChallengeTimeout)); err != nil {
			return err
		}
	}
	if p.PINLength != 0 && (p.PINLength < 4 || p.PINLength > fido.MaxPINLength) {
		return bad("a PIN length of %d: give 4 to %d digits", p.PINLength, fido.MaxPINLength)
	}
	if p.PINLength != 0 && !p.SetRandomPIN {
		return bad("--pin-length needs --set-random-pin")
	}
	if p.MinPINLength != 0 && (p.MinPINLength < 4 || p.MinPINLength > fido.MaxPINLength) {
		return bad("a minimum PIN length of %d: give 4 to %d", p.MinPINLength, fido.MaxPINLength)
	}
	if p.SetRandomPIN && p.Handover.Dir == "" {
		return &Error{Code: "pin_destination_required", Message: "a random PIN needs a hand-over: --pin-out-dir DIR",
			Hint: "add --pin-out-dir DIR with --pin-out-age RECIPIENT (or --letter-template FILE); a PIN nobody can read locks the key"}
	}
	if !p.SetRandomPIN && (p.Handover.Dir != "" || p.Handover.Letter != "" || len(p.Handover.Recipients) > 0) {
		return bad("a PIN hand-over (--pin-out-dir, --pin-out-age, --letter-template) needs --set-random-pin")
	}
	for _, a := range p.AllowedModels {
		if _, err := uuid.Parse(a); err != nil || len(a) != 36 {
			return bad("%q is not an AAGUID", a)
		}
	}
	switch p.ExistingKeys {
	case "", "proceed", "skip":
	default:
		return bad("existing keys %q: give proceed or skip", p.ExistingKeys)
	}
	if utf8.RuneCountInString(p.DisplayName) > 200 {
		return bad("the display-name template is too long")
	}
	return nil
}

// Allows reports whether the profile lets a key with aaguid be used.
func (p *Profile) Allows(aaguid string) bool {
	if len(p.AllowedModels) == 0 {
		return true
	}
	for _, a := range p.AllowedModels {
		if strings.EqualFold(a, aaguid) {
			return true
		}
	}
	return false
}

// methodName renders the display-name template for one key, cut to Graph's 30
// characters while keeping the serial whole.
func (p *Profile) methodName(t *Task, model, serial string, now time.Time) string {
	tmpl := p.DisplayName
	if t.Facts.MethodDisplayName != "" {
		tmpl = t.Facts.MethodDisplayName
	}
	if tmpl == "" {
		return "" // enroll names it: the model and the date
	}
	if model == "" {
		model = "Security key"
	}
	r := strings.NewReplacer("{model}", model, "{date}", now.Format("2006-01-02"), "{upn}", t.UPN, "{name}", t.DisplayName)
	before, after, hasSerial := strings.Cut(tmpl, "{serial}")
	if !hasSerial || serial == "" {
		return cut(strings.TrimSpace(r.Replace(strings.ReplaceAll(tmpl, "{serial}", ""))), maxMethodName)
	}
	head, tail := r.Replace(before), r.Replace(after)
	room := maxMethodName - utf8.RuneCountInString(serial)
	if room < 0 {
		return cut(serial, maxMethodName)
	}
	tail = cut(tail, room)
	head = cut(head, room-utf8.RuneCountInString(tail))
	return strings.TrimSpace(head + serial + tail)
}

// maxMethodName is Graph's limit on a method's display name.
const maxMethodName = 30

func cut(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
