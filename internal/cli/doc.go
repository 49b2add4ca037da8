// Package cli is entra-passkey's command line: the kong grammar, the streams contract
// (stdout carries exactly one JSON document, stderr carries what people read) and the
// one place errors become messages and exit codes. The workflows live below it
// (internal/enroll); each command's Run turns flags into parameters and calls one.
//
// Files: cmd_<command>.go holds one command (its flags and Run); the rest are named
// for their concern: grammar*.go (the command tree), session.go (Graph and sign-in
// flags), pinsource.go and pinoutflags.go (where PINs come from and go), prepflags.go
// and prepdoc.go (key preparation flags and documents), streams.go, events.go,
// errors.go and codes.go (output, errors, exits), confirm.go and prompt_*.go (the terminal).
package cli
