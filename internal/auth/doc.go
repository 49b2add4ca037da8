// Package auth signs in to Microsoft Entra ID with MSAL and hands Microsoft Graph
// tokens to the Graph client, caching them between runs.
package auth
