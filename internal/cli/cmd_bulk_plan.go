package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/roster"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// BulkPlanCmd creates or extends a job.
type BulkPlanCmd struct {
	StoreFlags
	GraphFlags
	Group   string `name:"group" xor:"source" required:"" placeholder:"NAME|ID" help:"Entra group (display name or object id): every user in it, nested groups included."`
	Roster  string `name:"roster" xor:"source" required:"" type:"path" placeholder:"FILE" help:"CSV (UTF-8 or UTF-16; , ; or tab) or JSONL roster: userPrincipalName or id, optional displayName and serial."`
	Profile string `name:"profile" type:"path" placeholder:"FILE" help:"Profile file (JSON, docs/bulk.md); flags override it."`
	BulkProfileFlags
}

// BulkProfileFlags are the profile as flags, with register's names where they exist.
type BulkProfileFlags struct {
	SetRandomPIN     bool          `name:"set-random-pin" help:"Set a random PIN on each fresh key, handed over before the key takes it (needs --pin-out-dir)."`
	PINLength        int           `name:"pin-length" placeholder:"N" help:"Digits of the random PIN (default: 8, or the minimum if longer)."`
	MinPINLength     int           `name:"min-pin-length" placeholder:"N" help:"Raise each key's minimum PIN length to N after registration."`
	ForcePINChange   bool          `name:"force-pin-change" help:"Make each key demand a new PIN at first use (applied last)."`
	AlwaysUV         bool          `name:"always-uv" help:"Require the PIN for every use of the key."`
	ChallengeTimeout time.Duration `name:"challenge-timeout" placeholder:"DURATION" help:"Lifetime of each challenge (default Graph's 5m; up to 30 days for keys prepared ahead)."`
	DisplayName      string        `name:"display-name" placeholder:"TEMPLATE" help:"Method name template: {model} {serial} {date} {upn} {name}; cut to 30 characters keeping the serial."`
	AllowedModels    []string      `name:"allow-model" placeholder:"AAGUID" help:"Only keys of this model (repeatable)."`
	RemoveFromGroup  bool          `name:"remove-from-group" help:"Take each user out of the --group once done."`
	NoVerify         bool          `name:"no-verify" help:"Do not read the method back and probe the key after registering."`
	SkipExisting     bool          `name:"skip-existing" help:"Skip users who already have FIDO2 methods (a Graph call per user at plan time)."`
	PINOutDir        string        `name:"pin-out-dir" type:"path" placeholder:"DIR" help:"Hand-over directory: one file per user, named after the UPN (plain 0600 files only with --pin-out-plain)."`
	PINOutAge        []string      `name:"pin-out-age" placeholder:"RECIPIENT" help:"Encrypt each hand-over to this age recipient (repeatable); files end in .age."`
	LetterTemplate   string        `name:"letter-template" type:"path" placeholder:"FILE" help:"Hand-over letter template (text/template: {{.DisplayName}} {{.UPN}} {{.Serial}} {{.PIN}})."`
	PINOutPlain      bool          `name:"pin-out-plain" help:"Allow unencrypted hand-over files (0600). Prefer --pin-out-age."`
}

// profile builds the job's profile: the file, then the flags given on top.
func (c *BulkPlanCmd) profile(a *app) (bulk.Profile, error) {
	var p bulk.Profile
	if c.Profile != "" {
		data, err := safefile.ReadFile(c.Profile, "invalid_profile", 1<<20, false)
		if err != nil {
			return p, err
		}
		if err := decodeStrict(bytes.NewReader(data), &p); err != nil {
			return p, &codedError{code: "invalid_profile", msg: "reading the profile " + c.Profile + ": " + err.Error()}
		}
	}
	f := c.BulkProfileFlags
	p.SetRandomPIN = p.SetRandomPIN || f.SetRandomPIN
	p.ForcePINChange = p.ForcePINChange || f.ForcePINChange
	p.AlwaysUV = p.AlwaysUV || f.AlwaysUV
	p.RemoveFromGroup = p.RemoveFromGroup || f.RemoveFromGroup
	p.SkipVerify = p.SkipVerify || f.NoVerify
	if f.SkipExisting {
		p.ExistingKeys = "skip"
	}
	setInt(&p.PINLength, f.PINLength)
	setInt(&p.MinPINLength, f.MinPINLength)
	if f.ChallengeTimeout != 0 {
		p.ChallengeTimeout = bulk.Duration(f.ChallengeTimeout)
	}
	if f.DisplayName != "" {
		p.DisplayName = f.DisplayName
	}
	p.AllowedModels = append(p.AllowedModels, f.AllowedModels...)
	if f.PINOutDir != "" {
		p.Handover.Dir = f.PINOutDir
	}
	p.Handover.Recipients = append(p.Handover.Recipients, f.PINOutAge...)
	p.Handover.Plain = p.Handover.Plain || f.PINOutPlain
	if f.LetterTemplate != "" {
		data, err := safefile.ReadFile(f.LetterTemplate, "invalid_profile", 1<<20, false)
		if err != nil {
			return p, err
		}
		p.Handover.Letter = string(data)
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	if p.SetRandomPIN {
		// The hand-over is checked now, before any station takes a key.
		if _, err := newBulkSink(p.Handover, nil, true); err != nil {
			return p, err
		}
		if len(p.Handover.Recipients) == 0 {
			a.events.Warn("pin_out_plain", "hand-over files will hold PINs in plain text (0600): prefer --pin-out-age RECIPIENT")
		}
	}
	return p, nil
}

func setInt(dst *int, v int) {
	if v != 0 {
		*dst = v
	}
}

// Run plans and prints the plan document.
func (c *BulkPlanCmd) Run(a *app) error {
	prof, err := c.profile(a)
	if err != nil {
		return err
	}
	in := bulk.PlanInput{Group: c.Group, RosterFile: c.Roster, Profile: prof}
	if c.Roster != "" {
		f, _, err := safefile.OpenRead(c.Roster, "invalid_roster", false)
		if err != nil {
			return err
		}
		entries, problems, err := roster.Read(f, "")
		f.Close()
		if err != nil {
			return err
		}
		for _, e := range entries {
			in.Roster = append(in.Roster, bulk.RosterEntry{Line: e.Line, User: e.User, DisplayName: e.DisplayName, Serial: e.Serial})
		}
		for _, p := range problems {
			in.RosterProblems = append(in.RosterProblems, bulk.Problem{Code: p.Code, Message: p.Message, Line: p.Line})
		}
	}
	st, err := c.open(a, true)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	plan, err := (&bulk.Planner{Store: st, Directory: s.client, Now: a.Now}).Plan(a.ctx, in)
	if err != nil {
		return err
	}
	return a.writeJSON(plan)
}

// decodeStrict reads one JSON document, refusing unknown fields (a typo in a profile
// must not be silently ignored).
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
