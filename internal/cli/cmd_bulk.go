package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/bulk/sqlitestore"
	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// BulkCmd groups the rollout commands (docs/bulk.md).
type BulkCmd struct {
	Plan   BulkPlanCmd   `cmd:"" help:"Create a job from a group or a roster (or add new users to it): checks every user, writes nothing to Graph, touches no key."`
	Run    BulkRunCmd    `cmd:"" help:"Work the job's tasks at this station, one key at a time; resumes whatever was interrupted."`
	Status BulkStatusCmd `cmd:"" help:"Counts by state, failures with their codes, throughput and an ETA."`
	Retry  BulkRetryCmd  `cmd:"" help:"Put failed tasks back in the queue (reconciled with Graph when run, never registered twice)."`
	Report BulkReportCmd `cmd:"" help:"The inventory: one record per user (key, method, station, outcome), CSV or JSONL."`
	Events BulkEventsCmd `cmd:"" help:"The job's audit log, one JSON event per line."`
}

// StoreFlags name the job's store.
type StoreFlags struct {
	Store string `name:"store" required:"" type:"path" placeholder:"FILE" help:"The job's store: a SQLite file (created by bulk plan, mode 0600)."`
}

func (f StoreFlags) open(a *app, create bool) (bulk.Store, error) {
	return sqlitestore.Open(a.ctx, f.Store, create)
}

// BulkRunCmd is one station.
type BulkRunCmd struct {
	StoreFlags
	GraphFlags
	PINFlags
	SoftwareKeyFlags
	Devices     []string      `name:"device" short:"d" placeholder:"PATH" help:"Work the next task on exactly this key, with no waiting (repeatable: one task per key in turn). Without it, wait for keys to be inserted."`
	MaxTasks    int           `name:"max-tasks" placeholder:"N" help:"Stop after N tasks (0: until the job has none left for this station)."`
	Station     string        `name:"station" placeholder:"NAME" help:"This station's name (default: the host name); a station started again under its name takes its unfinished tasks back at once."`
	Operator    string        `name:"operator" placeholder:"NAME" help:"Who works the station, for the audit log (default: the login name)."`
	PinIdentity []string      `name:"pin-identity-file" type:"path" placeholder:"FILE" help:"age identity file that decrypts the job's PIN hand-overs, so a task interrupted after its key took the PIN can finish."`
	Timeout     time.Duration `default:"2m" help:"Give up on a key after this long (waiting for a touch included)."`
	Lease       time.Duration `name:"lease" default:"10m" help:"How long a task stays this station's without a step; then another station may take it over."`
	Poll        time.Duration `name:"poll" default:"500ms" hidden:""`
	// VirtualKeyDir makes software keys "present" while their state file is in DIR, so
	// tests and the demo drive the station loop (insert a key, remove it) without hardware.
	VirtualKeyDir string `name:"virtual-key-dir" type:"path" hidden:""`
}

// stopsBetweenSteps: the first Ctrl-C finishes the step under way (a key operation, a
// Graph call) and stops; the second cancels the step.
func (*BulkRunCmd) stopsBetweenSteps() {}

// Run leases and works tasks until none is left, --max-tasks is reached or Ctrl-C.
func (c *BulkRunCmd) Run(a *app) error {
	st, err := c.open(a, false)
	if err != nil {
		return err
	}
	defer st.Close()
	job, err := st.Job(a.ctx)
	if err != nil {
		return err
	}
	sink, err := newBulkSink(job.Profile.Handover, c.PinIdentity, job.Profile.SetRandomPIN)
	if err != nil {
		return err
	}
	s, err := c.session(a, false)
	if err != nil {
		return err
	}
	for _, d := range c.Devices {
		if err := c.checkSoftwareKey(s, fido.IsVirtual(d)); err != nil {
			return err
		}
	}
	obs := newBulkObserver(a)
	defer obs.close()
	r := &bulk.Runner{Store: st, Graph: s.client, Sink: sink, Station: c.stationName(), Operator: c.operatorName(),
		LeaseTTL: c.Lease, KeyTimeout: c.Timeout, Observer: obs, Now: a.Now, Stopping: a.stopping}
	if c.PinFile != "" || c.PinEnv != "" {
		r.PIN = c.pinSource(a, nil)
	}
	a.callObservers = append(a.callObservers, r.NoteCall)
	station := &station{a: a, c: c, r: r, obs: obs, store: st}
	go func() {
		select {
		case <-a.stopping:
			a.events.Notice("stopping after the step under way; Ctrl-C again cancels it")
		case <-a.ctx.Done():
		}
	}()
	return station.loop()
}

func (c *BulkRunCmd) stationName() string {
	if c.Station != "" {
		return c.Station
	}
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "station"
	}
	return h
}

func (c *BulkRunCmd) operatorName() string {
	if c.Operator != "" {
		return c.Operator
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// station is the run loop: lease, find the key, work, release the key.
type station struct {
	a     *app
	c     *BulkRunCmd
	r     *bulk.Runner
	obs   *bulkObserver
	store bulk.Store
}

func (s *station) loop() error {
	ctx := s.a.ctx
	worked := 0
	var firstErr error
	for s.c.MaxTasks == 0 || worked < s.c.MaxTasks {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if stopRequested(s.a.stopping) {
			return bulk.ErrStopped
		}
		if len(s.c.Devices) > 0 && worked >= len(s.c.Devices) && s.c.MaxTasks == 0 {
			break // each named key worked one task
		}
		t, err := s.r.Next(ctx)
		if err != nil {
			return err
		}
		if t == nil {
			break
		}
		s.progress(t)
		dev, err := s.key(ctx, t, worked)
		if err != nil {
			return err
		}
		err = s.r.Work(ctx, t, dev)
		fido.CloseDevice(dev)
		worked++
		switch {
		case ctx.Err() != nil || errors.Is(err, bulk.ErrStopped):
			s.a.events.Notice(fmt.Sprintf("stopped; %s's task stays with station %s and resumes where it was", t.Describe(), s.r.Station))
			if err != nil {
				return err
			}
			return ctx.Err()
		case bulk.KeyRefused(err):
			s.a.events.Warn(renderError(err).Code, fmt.Sprintf("the key does not fit: %v", err))
			if firstErr == nil {
				firstErr = err
			}
			if len(s.c.Devices) > 0 {
				return err
			}
		case errors.Is(err, bulk.ErrFenced):
			s.a.events.Warn("lease_lost", fmt.Sprintf("another station took %s over: this station's late step was not recorded", t.Describe()))
		case err != nil:
			s.a.events.Warn(renderError(err).Code, fmt.Sprintf("%s failed: %v", t.Describe(), err))
			if firstErr == nil {
				firstErr = err
			}
		}
		if len(s.c.Devices) == 0 {
			s.obs.Prompt(fmt.Sprintf("remove the key of %s", t.Describe()))
			if err := s.waitRemoved(ctx, dev.Location().Path); err != nil {
				return err
			}
		}
	}
	status, err := bulk.ReadStatus(ctx, s.store, s.a.Now())
	if err != nil {
		return err
	}
	if status.Finished && worked == 0 {
		s.a.events.Notice("the job has no task left: nothing to do")
	}
	if err := s.a.writeJSON(status); err != nil {
		return err
	}
	if firstErr != nil && len(s.c.Devices) > 0 {
		return firstErr // a script working a named key learns it failed
	}
	return nil
}

func (s *station) progress(t *bulk.Task) {
	counts, err := s.store.Counts(s.a.ctx)
	if err != nil {
		return
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	s.obs.Progress(counts[bulk.Done], total-counts[bulk.Skipped], t.Describe())
}

// key opens the key for this task: the named one, or the next key inserted.
func (s *station) key(ctx context.Context, t *bulk.Task, worked int) (fido.Device, error) {
	opener := s.a.Opener()
	if len(s.c.Devices) > 0 {
		path := s.c.Devices[worked%len(s.c.Devices)]
		octx, cancel := context.WithTimeout(ctx, s.c.Timeout)
		defer cancel()
		return fido.Select(octx, opener, path)
	}
	s.obs.Prompt(fmt.Sprintf("insert a key for %s", t.Describe()))
	for {
		locs, err := s.present(ctx)
		if err == nil && len(locs) == 1 {
			return fido.Select(ctx, opener, locs[0].Path)
		}
		if err == nil && len(locs) > 1 {
			s.obs.Prompt("several keys are present: leave only the one for this user")
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-s.a.stopping:
			return nil, bulk.ErrStopped
		case <-time.After(s.c.Poll):
		}
	}
}

func (s *station) waitRemoved(ctx context.Context, path string) error {
	for {
		locs, err := s.present(ctx)
		present := false
		for _, l := range locs {
			present = present || l.Path == path
		}
		if err == nil && !present {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.a.stopping:
			return bulk.ErrStopped
		case <-time.After(s.c.Poll):
		}
	}
}

func stopRequested(stopping <-chan struct{}) bool {
	select {
	case <-stopping:
		return true
	default:
		return false
	}
}

// present lists the keys present: the backends' keys, and the software keys in
// --virtual-key-dir.
func (s *station) present(ctx context.Context) ([]fido.Location, error) {
	if s.c.VirtualKeyDir != "" {
		files, err := filepath.Glob(filepath.Join(s.c.VirtualKeyDir, "*.json"))
		var locs []fido.Location
		for _, f := range files {
			locs = append(locs, fido.Location{Path: fido.VirtualPrefix + f})
		}
		return locs, err
	}
	return s.a.Opener().Locations(ctx)
}

// BulkStatusCmd prints the job's status.
type BulkStatusCmd struct {
	StoreFlags
}

// Run prints the status document.
func (c *BulkStatusCmd) Run(a *app) error {
	st, err := c.open(a, false)
	if err != nil {
		return err
	}
	defer st.Close()
	status, err := bulk.ReadStatus(a.ctx, st, a.Now())
	if err != nil {
		return err
	}
	return a.writeJSON(status)
}

// BulkRetryCmd re-queues failed tasks.
type BulkRetryCmd struct {
	StoreFlags
	Code string `name:"code" placeholder:"CODE" help:"Only tasks that failed with this code."`
}

// Run re-queues and prints how many.
func (c *BulkRetryCmd) Run(a *app) error {
	st, err := c.open(a, false)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Retry(a.ctx, c.Code, a.Now())
	if err != nil {
		return err
	}
	return a.writeJSON(map[string]any{"requeued": n})
}

// BulkEventsCmd streams the audit log.
type BulkEventsCmd struct {
	StoreFlags
	Follow bool          `name:"follow" short:"f" help:"Keep printing new events until Ctrl-C."`
	After  int64         `name:"after" placeholder:"SEQ" help:"Start after this event number."`
	Poll   time.Duration `name:"poll" default:"1s" hidden:""`
}

// Run prints events as JSON lines.
func (c *BulkEventsCmd) Run(a *app) error {
	st, err := c.open(a, false)
	if err != nil {
		return err
	}
	defer st.Close()
	after := c.After
	for {
		err := st.Events(a.ctx, after, func(ev *bulk.Event) error {
			after = ev.Seq
			writeJSONLine(a.Out, ev)
			return nil
		})
		if err != nil || !c.Follow {
			return err
		}
		select {
		case <-a.ctx.Done():
			return nil
		case <-time.After(c.Poll):
		}
	}
}
