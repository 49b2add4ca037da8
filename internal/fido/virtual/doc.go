// Package virtual is a software FIDO2 authenticator speaking CTAPHID and CTAP 2.1
// (getInfo, makeCredential with packed attestation, getAssertion, clientPIN protocols 1
// and 2, reset, authenticatorConfig), with fault injection. libfido2 drives it through
// its io hooks (see internal/fido/libfido2), so tests and the offline demo exercise the
// real libfido2 without hardware. It is a test key: its attestation CA is generated
// per key and trusted by nothing real.
package virtual
