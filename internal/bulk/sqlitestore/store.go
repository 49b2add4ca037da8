// Package sqlitestore is the default bulk.Store: one SQLite file through a pure-Go
// driver (so the no-cgo build keeps it), in WAL mode with full sync, versioned
// migrations (goose), and immediate transactions so several station processes on one
// machine lease tasks without racing.
package sqlitestore

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/entra-passkey/entra-passkey/internal/bulk"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a job journal in one SQLite file.
type Store struct {
	db   *sql.DB
	path string
}

// Error is a store that cannot be opened, with a stable code: store_not_found,
// store_invalid, store_too_new, store_failed.
type Error struct {
	Code, Message, Hint string
	Err                 error
}

func (e *Error) Error() string     { return e.Message }
func (e *Error) Unwrap() error     { return e.Err }
func (e *Error) ErrorCode() string { return e.Code }
func (e *Error) ErrorHint() string { return e.Hint }
func failed(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *Error
	if errors.As(err, &se) || errors.Is(err, bulk.ErrFenced) || errors.Is(err, bulk.ErrNoJob) ||
		errors.Is(err, bulk.ErrJobExists) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &Error{Code: "store_failed", Message: fmt.Sprintf("%s: %v", op, err), Err: err,
		Hint: "check the disk and the store file's permissions; every step already recorded is kept"}
}

// Open opens the store at path, creating it (mode 0600, refusing a symlink) when create
// is set, and brings its schema up to date. A store written by a newer entra-passkey is
// refused rather than changed.
func Open(ctx context.Context, path string, create bool) (*Store, error) {
	if err := prepareFile(path, create); err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(15000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, failed("opening the store", err)
	}
	// One connection: a station is one process doing one thing at a time, and the
	// per-write synchronous setting must apply to the connection that writes.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func prepareFile(path string, create bool) error {
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return &Error{Code: "store_invalid", Message: fmt.Sprintf("refusing the store %s: it is a symbolic link", path),
			Hint: "give the store's real path"}
	case err == nil && !fi.Mode().IsRegular():
		return &Error{Code: "store_invalid", Message: fmt.Sprintf("refusing the store %s: not a regular file", path)}
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return failed("opening the store", err)
	case !create:
		return &Error{Code: "store_not_found", Message: fmt.Sprintf("no job store at %s", path),
			Hint: "plan a job first: entra-passkey bulk plan --store " + path + " --group NAME"}
	}
	// Private like every file of ours (0600; on Windows a user-only DACL): a job's
	// users and their keys are nobody else's business.
	f, err := safefile.CreatePrivate(path)
	if err != nil {
		return failed("creating the store", err)
	}
	return f.Close()
}

func (s *Store) migrate(ctx context.Context) error {
	sub, _ := fs.Sub(migrations, "migrations")
	p, err := goose.NewProvider(goose.DialectSQLite3, s.db, sub)
	if err != nil {
		return failed("reading the store's migrations", err)
	}
	current, err := p.GetDBVersion(ctx)
	if err != nil {
		return &Error{Code: "store_invalid", Message: fmt.Sprintf("%s is not a job store: %v", s.path, err), Err: err}
	}
	sources := p.ListSources()
	if latest := sources[len(sources)-1].Version; current > latest {
		return &Error{Code: "store_too_new", Message: fmt.Sprintf("the store %s has schema version %d; this entra-passkey knows up to %d", s.path, current, latest),
			Hint: "use the entra-passkey version that wrote it, or newer"}
	}
	if _, err := p.Up(ctx); err != nil {
		return failed("migrating the store", err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Job implements bulk.Store.
func (s *Store) Job(ctx context.Context) (*bulk.Job, error) {
	var id, created, source, profile string
	err := s.db.QueryRowContext(ctx, `SELECT id, created, source, profile FROM job`).Scan(&id, &created, &source, &profile)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bulk.ErrNoJob
	}
	if err != nil {
		return nil, failed("reading the job", err)
	}
	j := &bulk.Job{ID: id}
	j.Created, _ = time.Parse(time.RFC3339Nano, created)
	if err := errors.Join(json.Unmarshal([]byte(source), &j.Source), json.Unmarshal([]byte(profile), &j.Profile)); err != nil {
		return nil, failed("reading the job", err)
	}
	return j, nil
}

// CreateJob implements bulk.Store.
func (s *Store) CreateJob(ctx context.Context, j *bulk.Job) error {
	source, _ := json.Marshal(j.Source)
	profile, err := json.Marshal(j.Profile)
	if err != nil {
		return failed("recording the job", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO job (id, created, source, profile) VALUES (?, ?, ?, ?)`,
		j.ID, j.Created.UTC().Format(time.RFC3339Nano), string(source), string(profile))
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return bulk.ErrJobExists
	}
	return failed("recording the job", err)
}
