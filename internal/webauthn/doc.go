// Package webauthn holds the WebAuthn wire types and transformations of an Entra ID
// registration: Graph's creation options as Graph really sends them, the byte-exact
// clientDataJSON, the attestationObject rebuilt from what libfido2 returns, and the
// Graph POST body. Names and JSON tags follow the WebAuthn Level 2 spec and Graph.
package webauthn
