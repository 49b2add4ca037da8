// Package graph is a small Microsoft Graph client for the FIDO2 authentication methods of
// Entra ID users: creation options, registration, listing, deletion and the FIDO2 policy.
package graph
