package cli

import (
	"runtime"
	"runtime/debug"

	"github.com/entra-passkey/entra-passkey/internal/enroll"
)

// Version is the release version, set at build time with
// -ldflags "-X github.com/entra-passkey/entra-passkey/internal/cli.Version=v1.2.3".
var Version = "dev"

// Commit is the source commit, set at build time with -X like Version when the build
// has no VCS stamp (scripts/release.sh builds an export of the commit, not a checkout).
var Commit = ""

// VersionCmd prints the build and the contract's schema version.
type VersionCmd struct{}

type versionDoc struct {
	SchemaVersion int    `json:"schemaVersion"`
	Version       string `json:"version"`
	Commit        string `json:"commit,omitempty"`
	Go            string `json:"go"`
	Platform      string `json:"platform"`
	KeyBackend    string `json:"keyBackend"`
	// KeyBackendReason says why that backend (--backend, the OS, elevation, the build).
	KeyBackendReason string `json:"keyBackendReason"`
}

// Run prints the version document.
func (VersionCmd) Run(a *app) error {
	doc := versionDoc{
		SchemaVersion:    enroll.SchemaVersion,
		Version:          Version,
		Go:               runtime.Version(),
		Platform:         runtime.GOOS + "/" + runtime.GOARCH,
		KeyBackend:       a.backend().Backend,
		KeyBackendReason: a.backend().Reason,
		Commit:           Commit,
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				doc.Commit = s.Value
			}
		}
	}
	return a.writeJSON(doc)
}
