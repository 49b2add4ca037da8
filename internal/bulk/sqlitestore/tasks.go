package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/bulk"
)

// finalStates are the states no lease holds, as an SQL list.
const finalStates = `('planned','done','skipped','failed')`

func ms(t time.Time) int64 { return t.UnixMilli() }

// tx runs fn in one immediate transaction (BEGIN IMMEDIATE: the write lock is taken
// first, so two stations never both read the same free task).
func (s *Store) tx(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return failed(op, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return failed(op, err)
	}
	return failed(op, tx.Commit())
}

func insertEvent(ctx context.Context, tx *sql.Tx, ev *bulk.Event) error {
	doc, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO event (time, task_id, doc) VALUES (?, ?, ?)`, ms(ev.Time), ev.TaskID, string(doc))
	if err != nil {
		return err
	}
	ev.Seq, err = res.LastInsertId()
	return err
}

// AddTasks implements bulk.Store.
func (s *Store) AddTasks(ctx context.Context, tasks []*bulk.Task, now time.Time) (int, error) {
	added := 0
	err := s.tx(ctx, "adding the tasks", func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO task (user_key, user, state, doc, updated) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_key) DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, t := range tasks {
			t.Updated = now
			doc, err := json.Marshal(t)
			if err != nil {
				return err
			}
			res, err := ins.ExecContext(ctx, strings.ToLower(t.User), t.User, string(t.State), string(doc), ms(now))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			if t.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			added++
			ev := &bulk.Event{Time: now, TaskID: t.ID, User: t.Name(), Kind: "planned", To: t.State,
				Code: t.Facts.ErrorCode, Message: t.Facts.ErrorMessage}
			if err := insertEvent(ctx, tx, ev); err != nil {
				return err
			}
		}
		return nil
	})
	return added, err
}

func scanTask(row interface{ Scan(...any) error }) (*bulk.Task, error) {
	var (
		t          bulk.Task
		doc        string
		leaseUntil int64
	)
	if err := row.Scan(&t.ID, &leaseUntil, &t.Fence, &doc); err != nil {
		return nil, err
	}
	id, fence := t.ID, t.Fence
	if err := json.Unmarshal([]byte(doc), &t); err != nil {
		return nil, err
	}
	t.ID, t.Fence, t.LeaseUntil = id, fence, time.UnixMilli(leaseUntil)
	return &t, nil
}

const taskColumns = `id, lease_until, fence, doc`

// Lease implements bulk.Store.
func (s *Store) Lease(ctx context.Context, station string, ttl time.Duration, now time.Time) (*bulk.Task, error) {
	var leased *bulk.Task
	err := s.tx(ctx, "leasing a task", func(tx *sql.Tx) error {
		queries := []struct {
			kind string
			sql  string
			args []any
		}{
			{"resumed", `SELECT ` + taskColumns + ` FROM task WHERE station = ? AND state NOT IN ` + finalStates + ` ORDER BY id LIMIT 1`, []any{station}},
			{"taken_over", `SELECT ` + taskColumns + ` FROM task WHERE state NOT IN ` + finalStates + ` AND lease_until < ? ORDER BY id LIMIT 1`, []any{ms(now)}},
			{"leased", `SELECT ` + taskColumns + ` FROM task WHERE state = 'planned' ORDER BY id LIMIT 1`, nil},
		}
		for _, q := range queries {
			t, err := scanTask(tx.QueryRowContext(ctx, q.sql, q.args...))
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			from := t.State
			ev := &bulk.Event{Time: now, TaskID: t.ID, User: t.Name(), Station: station, Kind: q.kind, From: from}
			if q.kind == "taken_over" {
				ev.Message = "the lease of station " + t.Station + " expired"
			}
			if t.State == bulk.Planned {
				t.State = bulk.Leased
				t.Attempts++
			}
			ev.To = t.State
			t.Station, t.LeaseUntil, t.Fence, t.Updated = station, now.Add(ttl), t.Fence+1, now
			if err := write(ctx, tx, t); err != nil {
				return err
			}
			leased = t
			return insertEvent(ctx, tx, ev)
		}
		return nil
	})
	return leased, err
}

// write stores t as it is (the caller has checked the fence).
func write(ctx context.Context, tx *sql.Tx, t *bulk.Task) error {
	doc, err := json.Marshal(t)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE task SET state = ?, attempts = ?, station = ?, lease_until = ?, fence = ?, doc = ?, updated = ? WHERE id = ?`,
		string(t.State), t.Attempts, t.Station, ms(t.LeaseUntil), t.Fence, string(doc), ms(t.Updated), t.ID)
	return err
}

// Save implements bulk.Store. The write before an irreversible act (the POST, a key
// taking a PIN) is synced to the disk (synchronous=FULL): WAL's NORMAL already survives
// a killed process, and FULL for every step would triple the store's cost per task.
func (s *Store) Save(ctx context.Context, t *bulk.Task, ev *bulk.Event) error {
	if t.State == bulk.Submitting || (ev != nil && ev.Kind == bulk.EventPINSink) {
		if _, err := s.db.ExecContext(ctx, `PRAGMA synchronous = FULL`); err != nil {
			return failed("recording the task", err)
		}
		defer s.db.ExecContext(context.WithoutCancel(ctx), `PRAGMA synchronous = NORMAL`)
	}
	return s.tx(ctx, "recording the task", func(tx *sql.Tx) error {
		var fence int64
		if err := tx.QueryRowContext(ctx, `SELECT fence FROM task WHERE id = ?`, t.ID).Scan(&fence); err != nil {
			return err
		}
		if fence != t.Fence {
			return bulk.ErrFenced
		}
		if err := write(ctx, tx, t); err != nil {
			return err
		}
		if ev == nil {
			return nil
		}
		ev.TaskID, ev.User, ev.Station = t.ID, t.Name(), t.Station
		return insertEvent(ctx, tx, ev)
	})
}

// Tasks implements bulk.Store.
func (s *Store) Tasks(ctx context.Context, fn func(*bulk.Task) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+taskColumns+` FROM task ORDER BY id`)
	if err != nil {
		return failed("reading the tasks", err)
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return failed("reading the tasks", err)
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return failed("reading the tasks", rows.Err())
}

// Counts implements bulk.Store.
func (s *Store) Counts(ctx context.Context) (map[bulk.State]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT state, count(*) FROM task GROUP BY state`)
	if err != nil {
		return nil, failed("counting the tasks", err)
	}
	defer rows.Close()
	counts := map[bulk.State]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, failed("counting the tasks", err)
		}
		counts[bulk.State(st)] = n
	}
	return counts, failed("counting the tasks", rows.Err())
}

// Retry implements bulk.Store.
func (s *Store) Retry(ctx context.Context, code string, now time.Time) (int, error) {
	n := 0
	err := s.tx(ctx, "re-queueing failed tasks", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+taskColumns+` FROM task WHERE state = 'failed' ORDER BY id`)
		if err != nil {
			return err
		}
		var again []*bulk.Task
		for rows.Next() {
			t, err := scanTask(rows)
			if err != nil {
				rows.Close()
				return err
			}
			if code == "" || t.Facts.ErrorCode == code {
				again = append(again, t)
			}
		}
		rows.Close()
		for _, t := range again {
			ev := &bulk.Event{Time: now, TaskID: t.ID, User: t.Name(), Kind: "retried", From: bulk.Failed, To: bulk.Planned, Code: t.Facts.ErrorCode}
			bulk.Requeue(t, now)
			if err := write(ctx, tx, t); err != nil {
				return err
			}
			if err := insertEvent(ctx, tx, ev); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// Events implements bulk.Store.
func (s *Store) Events(ctx context.Context, after int64, fn func(*bulk.Event) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, doc FROM event WHERE seq > ? ORDER BY seq`, after)
	if err != nil {
		return failed("reading the events", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ev bulk.Event
		var seq int64
		var doc string
		if err := rows.Scan(&seq, &doc); err != nil {
			return failed("reading the events", err)
		}
		if err := json.Unmarshal([]byte(doc), &ev); err != nil {
			return failed("reading the events", err)
		}
		ev.Seq = seq
		if err := fn(&ev); err != nil {
			return err
		}
	}
	return failed("reading the events", rows.Err())
}
