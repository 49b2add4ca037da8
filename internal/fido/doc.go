// Package fido is the project's model of a FIDO2 security key: the operations the
// enrolment needs (getInfo, makeCredential, PIN and configuration commands), their
// requests and results, and the stable error codes a key's refusals map to.
//
// It is pure Go. Backends (internal/fido/libfido2) implement Opener and Device.
package fido
