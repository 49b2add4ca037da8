package emulator

import (
	"encoding/json"
	"os"
)

// ReadyFile is what `emulator --ready-file` writes once the emulator serves, and what
// `--emulator FILE` reads: where it listens and how to sign in to it. It holds no
// secret (the demo app's secret is a public constant). The emulator owns the format.
type ReadyFile struct {
	SchemaVersion  int      `json:"schemaVersion"`
	GraphURL       string   `json:"graphUrl"`
	Authority      string   `json:"authority"`
	Tenant         string   `json:"tenant"`
	CAFile         string   `json:"caFile"`
	ClientID       string   `json:"clientId"`
	PublicClientID string   `json:"publicClientId"`
	Users          []string `json:"users"`
	PID            int      `json:"pid"`
}

// Ready describes the running server, with users' names, for its ready file.
func (s *Server) Ready(users []User) ReadyFile {
	r := ReadyFile{SchemaVersion: 1, GraphURL: s.URL(), Authority: s.Authority(), Tenant: s.Tenant(),
		CAFile: s.CAFile(), ClientID: DemoClientID, PublicClientID: DemoPublicClientID, PID: os.Getpid(), Users: []string{}}
	for _, u := range users {
		r.Users = append(r.Users, u.UserPrincipalName)
	}
	return r
}

// Marshal is the ready file's content.
func (r ReadyFile) Marshal() []byte {
	b, _ := json.MarshalIndent(r, "", "  ")
	return append(b, '\n')
}
