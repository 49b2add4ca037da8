package emulator

// Graph error codes the emulator answers with (error.code in Graph's envelope).
// Entra's codes for registration refusals are undocumented, so each refusal has its
// own code in Graph's style, letting clients and tests tell the cases apart. The
// status is 400 unless noted.
const (
	// CodeBadRequest: the body is not {displayName, publicKeyCredential}, carries
	// @odata.type or is a JSON string (message verbatim from Graph), or another
	// request detail Graph refuses; also a Temporary Access Pass the policy refuses
	// (Graph's observed messages: "Invalid LifetimeInMinutes specified. The valid range
	// between MIN and MAX.", the "Converged UserCredentialPolicy does not allow ..."
	// refusal for a disabled or untargeted policy, and the external guest refusal).
	CodeBadRequest = "badRequest"
	// CodeODataBadRequest: the URL is malformed at the OData layer: an unknown
	// segment, v1.0's function-call form, /me with an app-only token, a bad $top.
	CodeODataBadRequest = "BadRequest"
	// CodeInvalidDisplayName: displayName empty or longer than 30 characters.
	CodeInvalidDisplayName = "invalidDisplayName"
	// CodeInvalidClientData: clientDataJSON undecodable or its type not webauthn.create.
	CodeInvalidClientData = "invalidClientData"
	// CodeInvalidChallenge: not issued by this tenant, altered, or for another user.
	CodeInvalidChallenge = "invalidChallenge"
	// CodeChallengeExpired: past challengeTimeoutDateTime (the message says
	// "challenge has expired").
	CodeChallengeExpired = "challengeExpired"
	// CodeChallengeAlreadyUsed: the challenge already served a registration.
	CodeChallengeAlreadyUsed = "challengeAlreadyUsed"
	// CodeInvalidOrigin: origin is not https://<rp.id>, or crossOrigin is true.
	CodeInvalidOrigin = "invalidOrigin"
	// CodeInvalidAttestationObject: attestationObject or authenticator data undecodable.
	CodeInvalidAttestationObject = "invalidAttestationObject"
	// CodeInvalidRPIDHash: rpIdHash is not SHA-256 of the rp.id.
	CodeInvalidRPIDHash = "invalidRpIdHash"
	// CodeUserPresenceRequired: the UP flag is not set.
	CodeUserPresenceRequired = "userPresenceRequired"
	// CodeUserVerificationRequired: the UV flag is not set.
	CodeUserVerificationRequired = "userVerificationRequired"
	// CodeInvalidCredentialID: publicKeyCredential.id differs from the attested credential id.
	CodeInvalidCredentialID = "invalidCredentialId"
	// CodeUnsupportedAlgorithm: the credential key is neither ES256 (-7) nor RS256 (-257).
	CodeUnsupportedAlgorithm = "unsupportedAlgorithm"
	// CodeUnsupportedAttestationFormat: fmt is not none, packed or tpm.
	CodeUnsupportedAttestationFormat = "unsupportedAttestationFormat"
	// CodeInvalidAttestation: the attestation statement does not verify (signature,
	// certificate requirements, certificate AAGUID differing from authData's).
	CodeInvalidAttestation = "invalidAttestation"
	// CodeAttestationNotTrusted: attestation enforced and the statement is not packed
	// with a chain to a configured root.
	CodeAttestationNotTrusted = "attestationNotTrusted"
	// CodeAAGUIDNotAllowed: key restrictions or passkey profiles refuse the AAGUID.
	CodeAAGUIDNotAllowed = "aaguidNotAllowed"
	// CodePasskeyTypeNotAllowed: no passkey profile for the user allows deviceBound.
	CodePasskeyTypeNotAllowed = "passkeyTypeNotAllowed"
	// CodeCredentialAlreadyRegistered (409): the credential id is already registered.
	CodeCredentialAlreadyRegistered = "credentialAlreadyRegistered"
	// CodeUnsupportedUserType: the user is a guest; guests can't have passkeys.
	CodeUnsupportedUserType = "unsupportedUserType"
	// CodeFIDO2NotEnabled: the policy is disabled, does not target the user, or lacks
	// isSelfServiceRegistrationAllowed (the known issue).
	CodeFIDO2NotEnabled = "fido2NotEnabled"
	// CodeAccessDenied (403): the message names the missing permission or role; or a
	// delegated caller deleting their own FIDO2 method: "MFA is required for a
	// 'RemoveKey' operation, but was not performed." (Quirks.SelfDeleteAllowed lifts it).
	CodeAccessDenied = "accessDenied"
	// CodeInvalidAuthenticationToken (401): missing, malformed, foreign, expired or
	// wrong-audience token.
	CodeInvalidAuthenticationToken = "InvalidAuthenticationToken"
	// CodeResourceNotFound (404): unknown user.
	CodeResourceNotFound = "Request_ResourceNotFound"
	// CodeItemNotFound (404): unknown method id, or no such active Temporary Access Pass.
	CodeItemNotFound = "itemNotFound"
	// CodeMethodNotAllowed (405): beta's query form, /me or self creation options,
	// a wrong HTTP method.
	CodeMethodNotAllowed = "methodNotAllowed"
)
