package recovery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/entra-passkey/entra-passkey/internal/graph"
	"github.com/entra-passkey/entra-passkey/internal/safefile"
)

// AccessPassSink is where a Temporary Access Pass goes: the only place it is written.
type AccessPassSink interface {
	// Check says whether the destination can take a pass, before the recovery changes
	// anything (a file that already exists, a missing directory).
	Check() error
	// Deliver writes the pass (pass.Pass.Reveal()) to the destination. An error means
	// the destination does not hold it; the recovery then deletes the pass in Graph.
	Deliver(ctx context.Context, user string, pass *graph.TemporaryAccessPass) error
	// Describe names the destination for the record, e.g. "file /secure/tap.json".
	Describe() string
}

// FileSink writes the pass to a new file, mode 0600 (a user-only DACL on Windows),
// never over an existing one: one JSON document, the pass with when it works.
type FileSink struct {
	Path string
}

// AccessPassFile is the document a FileSink writes.
type AccessPassFile struct {
	SchemaVersion       int       `json:"schemaVersion"`
	User                string    `json:"user"`
	TemporaryAccessPass string    `json:"temporaryAccessPass"`
	MethodID            string    `json:"methodId"`
	StartDateTime       time.Time `json:"startDateTime"`
	ExpiresDateTime     time.Time `json:"expiresDateTime"`
	LifetimeInMinutes   int       `json:"lifetimeInMinutes"`
	IsUsableOnce        bool      `json:"isUsableOnce"`
}

// Check refuses a path that exists or whose directory does not.
func (s *FileSink) Check() error {
	if s.Path == "" {
		return &Error{Code: "recovery_invalid", Message: "no file for the Temporary Access Pass", Hint: "give --tap-out FILE"}
	}
	if _, err := os.Lstat(s.Path); !errors.Is(err, fs.ErrNotExist) {
		return &Error{Code: "file_exists", Message: fmt.Sprintf("%s already exists: the pass is written only to a new file", s.Path),
			Hint: "name a file that does not exist yet"}
	}
	if st, err := os.Stat(filepath.Dir(s.Path)); err != nil || !st.IsDir() {
		return &Error{Code: "recovery_invalid", Message: fmt.Sprintf("the directory of %s does not exist", s.Path),
			Hint: "create the directory first, or name a file in one that exists", Err: err}
	}
	return nil
}

// Deliver writes the file.
func (s *FileSink) Deliver(_ context.Context, user string, p *graph.TemporaryAccessPass) error {
	data, err := json.Marshal(AccessPassFile{SchemaVersion: 1, User: user, TemporaryAccessPass: p.Pass.Reveal(),
		MethodID: p.MethodID, StartDateTime: p.StartDateTime, ExpiresDateTime: p.Expires(),
		LifetimeInMinutes: int(p.Lifetime / time.Minute), IsUsableOnce: p.UsableOnce})
	if err != nil {
		return err
	}
	if err := safefile.WriteNew(s.Path, append(data, '\n'), 0o600); err != nil {
		return &Error{Code: "tap_not_delivered", Message: fmt.Sprintf("writing the Temporary Access Pass to %s: %v", s.Path, err), Err: err}
	}
	return nil
}

// Describe names the file.
func (s *FileSink) Describe() string { return "file " + s.Path }
