// Package cli is entra-passkey's command line: the kong grammar, one file per
// subcommand, the streams contract (stdout carries exactly one JSON document, stderr
// carries what people read) and the one place errors become messages and exit codes.
package cli
