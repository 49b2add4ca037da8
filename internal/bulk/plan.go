package bulk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// Directory is what planning reads of Entra; *graph.Client is one. Planning writes
// nothing to Graph and touches no key.
type Directory interface {
	ResolveGroup(ctx context.Context, idOrName string) (*graph.Group, error)
	GroupUsers(ctx context.Context, groupID string, fn func([]graph.DirectoryUser) error) error
	User(ctx context.Context, user string) (*graph.DirectoryUser, error)
	FIDO2Policy(ctx context.Context) (*graph.FIDO2Policy, error)
	Methods(ctx context.Context, user string) ([]graph.Method, error)
}

// RosterEntry is one row of a roster file.
type RosterEntry struct {
	Line        int
	User        string
	DisplayName string
	Serial      string
}

// PlanInput is what bulk plan was given: a group or roster rows, and the profile.
type PlanInput struct {
	Group      string
	RosterFile string
	Roster     []RosterEntry
	// RosterProblems are rows the roster reader refused, reported with the plan.
	RosterProblems []Problem
	Profile        Profile
	// Lookups bounds the per-user Graph calls in flight (default 8).
	Lookups int
}

// Plan is the document bulk plan prints.
type Plan struct {
	Job      string        `json:"job"`
	Total    int           `json:"total"`
	Added    int           `json:"added"`
	Counts   map[State]int `json:"counts"`
	Skipped  []Skip        `json:"skipped"`
	Problems []Problem     `json:"problems"`
}

// Skip is a user left out at plan time, and why.
type Skip struct {
	UserPrincipalName string `json:"userPrincipalName"`
	Code              string `json:"code"`
	Reason            string `json:"reason"`
	Line              int    `json:"line,omitempty"`
}

// Problem is something wrong with the roster or the tenant that does not stop the plan.
type Problem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
}

// Planner makes and extends jobs.
type Planner struct {
	Store     Store
	Directory Directory
	Now       func() time.Time
}

// Plan creates the store's job (or extends it with users not in it yet), checking
// every user and the tenant first.
func (p *Planner) Plan(ctx context.Context, in PlanInput) (*Plan, error) {
	if err := in.Profile.Validate(); err != nil {
		return nil, err
	}
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	job, err := p.Store.Job(ctx)
	newJob := errors.Is(err, ErrNoJob)
	switch {
	case newJob:
		job = &Job{ID: uuid.NewString(), Created: now().UTC(), Profile: in.Profile}
	case err != nil:
		return nil, err
	}
	plan := &Plan{Job: job.ID, Skipped: []Skip{}, Problems: append([]Problem{}, in.RosterProblems...)}
	source := Source{Kind: "roster", File: in.RosterFile}
	var users []candidate
	if in.Group != "" {
		g, err := p.Directory.ResolveGroup(ctx, in.Group)
		if err != nil {
			return nil, err
		}
		source = Source{Kind: "group", GroupID: g.ID, GroupName: g.DisplayName}
		err = p.Directory.GroupUsers(ctx, g.ID, func(page []graph.DirectoryUser) error {
			for i := range page {
				users = append(users, candidate{user: page[i].ID, dir: &page[i]})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	} else {
		for _, e := range in.Roster {
			users = append(users, candidate{user: e.User, line: e.Line, name: e.DisplayName, serial: e.Serial})
		}
		p.lookUp(ctx, users, in.Lookups)
	}
	if job.Source.Kind != "" && job.Source != source {
		plan.Problems = append(plan.Problems, Problem{Code: "source_differs",
			Message: fmt.Sprintf("the job was planned from %s; these users are added to it", describeSource(job.Source))})
	} else if job.Source.Kind == "" {
		job.Source = source
	}
	tenant := p.checkTenant(ctx, &in.Profile)
	plan.Problems = append(plan.Problems, tenant.problems...)
	if in.Profile.ExistingKeys == "skip" {
		p.existing(ctx, users, in.Lookups)
	}
	var tasks []*Task
	for i := range users {
		t := users[i].task(tenant)
		if t.State == Skipped {
			plan.Skipped = append(plan.Skipped, Skip{UserPrincipalName: firstNonEmpty(t.UPN, t.User), Code: t.Facts.ErrorCode,
				Reason: t.Facts.ErrorMessage, Line: users[i].line})
		}
		tasks = append(tasks, t)
	}
	if newJob {
		if err := p.Store.CreateJob(ctx, job); err != nil {
			return nil, err
		}
	}
	if plan.Added, err = p.Store.AddTasks(ctx, tasks, now().UTC()); err != nil {
		return nil, err
	}
	if plan.Counts, err = p.Store.Counts(ctx); err != nil {
		return nil, err
	}
	for _, n := range plan.Counts {
		plan.Total += n
	}
	return plan, nil
}

func describeSource(s Source) string {
	if s.Kind == "group" {
		return fmt.Sprintf("the group %q", s.GroupName)
	}
	return "the roster " + s.File
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// candidate is one user being planned.
type candidate struct {
	user, name, serial string
	line               int
	dir                *graph.DirectoryUser
	err                error // the lookup's failure
	existing           int   // FIDO2 methods the user already has (-1: not read)
}

// lookUp reads each roster user from the directory, a few calls in flight.
func (p *Planner) lookUp(ctx context.Context, users []candidate, n int) {
	parallel(ctx, len(users), n, func(i int) {
		users[i].dir, users[i].err = p.Directory.User(ctx, users[i].user)
	})
}

// existing counts each eligible user's FIDO2 methods (profile: skip users with keys).
func (p *Planner) existing(ctx context.Context, users []candidate, n int) {
	parallel(ctx, len(users), n, func(i int) {
		users[i].existing = -1
		if users[i].dir == nil {
			return
		}
		if ms, err := p.Directory.Methods(ctx, users[i].dir.ID); err == nil {
			users[i].existing = len(ms)
		}
	})
}

func parallel(ctx context.Context, count, n int, fn func(int)) {
	if n <= 0 {
		n = 8
	}
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i := range count {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(i)
		}()
	}
	wg.Wait()
}

// task is the candidate's task: planned, or skipped with the reason.
func (c *candidate) task(tc tenantCheck) *Task {
	t := &Task{User: c.user, State: Planned, Facts: Facts{MethodDisplayName: c.name, ExpectedSerial: c.serial}}
	skip := func(code, format string, a ...any) *Task {
		t.State, t.Facts.ErrorCode, t.Facts.ErrorMessage = Skipped, code, fmt.Sprintf(format, a...)
		return t
	}
	if c.err != nil {
		var ge *graph.Error
		if errors.As(c.err, &ge) && ge.ErrorCode() == "user_not_found" {
			return skip("user_not_found", "no such user in the directory")
		}
		return skip(codeOf(c.err), "the user could not be read: %v", c.err)
	}
	d := c.dir
	t.UserID, t.UPN, t.DisplayName = d.ID, d.UserPrincipalName, d.DisplayName
	switch {
	case d.AccountEnabled != nil && !*d.AccountEnabled:
		return skip("user_disabled", "the account is disabled")
	case d.IsGuest():
		return skip("user_guest", "guest users cannot have passkeys in this tenant")
	case !tc.covers(d.ID):
		return skip("not_in_policy", "the FIDO2 policy does not include this user")
	case c.existing > 0:
		return skip("has_fido2_methods", "the user already has %d FIDO2 method(s)", c.existing)
	}
	return t
}

// tenantCheck is what the FIDO2 policy says about the whole job.
type tenantCheck struct {
	problems []Problem
	// included and excluded are the users of the policy's target groups; all is
	// all_users among the included targets.
	all                bool
	included, excluded map[string]bool
	unknown            bool // the policy could not be read: nobody is skipped for it
}

func (tc tenantCheck) covers(id string) bool {
	if tc.unknown {
		return true
	}
	if tc.excluded[strings.ToLower(id)] {
		return false
	}
	return tc.all || tc.included[strings.ToLower(id)]
}

// checkTenant reads the policy once and expands its target groups once (O(pages), not
// a call per user).
func (p *Planner) checkTenant(ctx context.Context, prof *Profile) tenantCheck {
	tc := tenantCheck{included: map[string]bool{}, excluded: map[string]bool{}}
	pol, err := p.Directory.FIDO2Policy(ctx)
	if err != nil {
		tc.unknown = true
		tc.problems = append(tc.problems, Problem{Code: "policy_unreadable",
			Message: fmt.Sprintf("the FIDO2 policy could not be read, so coverage was not checked: %v", err)})
		return tc
	}
	if !strings.EqualFold(pol.State, "enabled") {
		tc.problems = append(tc.problems, Problem{Code: "fido2_disabled", Message: "the tenant's FIDO2 method policy is disabled: every registration will fail"})
	}
	if !pol.IsSelfServiceRegistrationAllowed {
		tc.problems = append(tc.problems, Problem{Code: "self_service_disabled",
			Message: "isSelfServiceRegistrationAllowed is false: Graph refuses provisioning on behalf of users"})
	}
	if pol.KeyRestrictions != nil {
		for _, a := range prof.AllowedModels {
			if !pol.KeyRestrictions.Allows(a) {
				tc.problems = append(tc.problems, Problem{Code: "model_restricted",
					Message: fmt.Sprintf("the profile allows AAGUID %s, which the tenant's key restrictions block", a)})
			}
		}
	}
	expand := func(targets []graph.PolicyTarget, into map[string]bool) bool {
		all := false
		for _, tg := range targets {
			if strings.EqualFold(tg.ID, "all_users") {
				all = true
				continue
			}
			err := p.Directory.GroupUsers(ctx, tg.ID, func(us []graph.DirectoryUser) error {
				for _, u := range us {
					into[strings.ToLower(u.ID)] = true
				}
				return nil
			})
			if err != nil {
				tc.unknown = true
				tc.problems = append(tc.problems, Problem{Code: "policy_target_unreadable",
					Message: fmt.Sprintf("the policy's target group %s could not be read, so coverage was not checked: %v", tg.ID, err)})
			}
		}
		return all
	}
	tc.all = expand(pol.IncludeTargets, tc.included)
	expand(pol.ExcludeTargets, tc.excluded)
	return tc
}
