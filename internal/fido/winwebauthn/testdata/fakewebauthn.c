// A stand-in webauthn.dll for running the backend's real system calls under Wine
// (whose webauthn.dll does not exist): it checks the request's structures the way
// webauthn.h lays them out, and answers with the attestation object in the file
// FAKE_WEBAUTHN_ATTESTATION names. FAKE_WEBAUTHN_BLOCK=1 makes makeCredential wait
// for WebAuthNCancelCurrentOperation. Built by wine.sh; never shipped.
#include <windows.h>
#include <webauthn.h>
#include <stdio.h>
#include <string.h>

static HANDLE cancelled;
static const GUID cancel_id = {0x5eed5eed, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};

static BOOL env_is(const char *name, const char *want) {
	char v[16];
	DWORD n = GetEnvironmentVariableA(name, v, sizeof v);
	return n > 0 && n < sizeof v && strcmp(v, want) == 0;
}

DWORD WINAPI WebAuthNGetApiVersionNumber(void) { return 4; }

HRESULT WINAPI WebAuthNGetCancellationId(GUID *id) {
	if (cancelled == NULL)
		cancelled = CreateEventA(NULL, TRUE, FALSE, NULL);
	ResetEvent(cancelled);
	*id = cancel_id;
	return S_OK;
}

HRESULT WINAPI WebAuthNCancelCurrentOperation(const GUID *id) {
	if (memcmp(id, &cancel_id, sizeof cancel_id) != 0)
		return E_INVALIDARG;
	SetEvent(cancelled);
	return S_OK;
}

PCWSTR WINAPI WebAuthNGetErrorName(HRESULT hr) {
	return hr == NTE_USER_CANCELLED ? L"NotAllowedError" : L"UnknownError";
}

// bad reports the first check that failed on stderr and refuses the request.
static HRESULT bad(const char *what) {
	fprintf(stderr, "fakewebauthn: %s\n", what);
	return E_INVALIDARG;
}

static BOOL has_ext(PCWEBAUTHN_EXTENSIONS e, PCWSTR name, DWORD size) {
	for (DWORD i = 0; i < e->cExtensions; i++)
		if (wcscmp(e->pExtensions[i].pwszExtensionIdentifier, name) == 0)
			return e->pExtensions[i].cbExtension == size;
	return FALSE;
}

HRESULT WINAPI WebAuthNAuthenticatorMakeCredential(HWND hwnd, PCWEBAUTHN_RP_ENTITY_INFORMATION rp,
	PCWEBAUTHN_USER_ENTITY_INFORMATION user, PCWEBAUTHN_COSE_CREDENTIAL_PARAMETERS params,
	PCWEBAUTHN_CLIENT_DATA cd, PCWEBAUTHN_AUTHENTICATOR_MAKE_CREDENTIAL_OPTIONS o,
	PWEBAUTHN_CREDENTIAL_ATTESTATION *out) {
	(void)hwnd;
	*out = NULL;
	if (rp->dwVersion != 1 || wcscmp(rp->pwszId, L"login.microsoft.com") != 0 || wcscmp(rp->pwszName, L"Microsoft") != 0)
		return bad("relying party");
	if (user->dwVersion != 1 || user->cbId != 11 || memcmp(user->pbId, "user-handle", 11) != 0 ||
		wcscmp(user->pwszName, L"adele@contoso.com") != 0)
		return bad("user");
	if (params->cCredentialParameters != 2 || params->pCredentialParameters[0].lAlg != -7 ||
		params->pCredentialParameters[1].lAlg != -257 ||
		wcscmp(params->pCredentialParameters[1].pwszCredentialType, L"public-key") != 0)
		return bad("algorithms");
	if (cd->dwVersion != 1 || wcscmp(cd->pwszHashAlgId, L"SHA-256") != 0 || cd->cbClientDataJSON < 20 ||
		memcmp(cd->pbClientDataJSON, "{\"type\":\"webauthn.create\"", 25) != 0)
		return bad("client data");
	if (o->dwVersion != 5 || o->dwAuthenticatorAttachment != WEBAUTHN_AUTHENTICATOR_ATTACHMENT_CROSS_PLATFORM ||
		!o->bRequireResidentKey || o->dwUserVerificationRequirement != WEBAUTHN_USER_VERIFICATION_REQUIREMENT_REQUIRED ||
		o->dwAttestationConveyancePreference != WEBAUTHN_ATTESTATION_CONVEYANCE_PREFERENCE_DIRECT)
		return bad("options");
	if (o->CredentialList.cCredentials != 2 || o->pExcludeCredentialList == NULL ||
		o->pExcludeCredentialList->cCredentials != 2 || o->pExcludeCredentialList->ppCredentials[1]->cbId != 6 ||
		memcmp(o->pExcludeCredentialList->ppCredentials[1]->pbId, "old-22", 6) != 0)
		return bad("exclude list");
	if (!has_ext(&o->Extensions, L"hmac-secret", sizeof(BOOL)) ||
		!has_ext(&o->Extensions, L"credProtect", sizeof(WEBAUTHN_CRED_PROTECT_EXTENSION_IN)))
		return bad("extensions");
	if (o->pCancellationId == NULL || memcmp(o->pCancellationId, &cancel_id, sizeof cancel_id) != 0)
		return bad("cancellation id");

	if (env_is("FAKE_WEBAUTHN_BLOCK", "1")) {
		if (WaitForSingleObject(cancelled, 30000) != WAIT_OBJECT_0)
			return bad("never cancelled");
		return NTE_USER_CANCELLED;
	}

	char path[MAX_PATH];
	DWORD n = GetEnvironmentVariableA("FAKE_WEBAUTHN_ATTESTATION", path, sizeof path);
	if (n == 0 || n >= sizeof path)
		return bad("no FAKE_WEBAUTHN_ATTESTATION");
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return bad("FAKE_WEBAUTHN_ATTESTATION does not open");
	static BYTE obj[65536];
	size_t len = fread(obj, 1, sizeof obj, f);
	fclose(f);

	WEBAUTHN_CREDENTIAL_ATTESTATION *a = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof *a);
	a->dwVersion = WEBAUTHN_CREDENTIAL_ATTESTATION_VERSION_4;
	a->pwszFormatType = L"packed";
	a->cbAttestationObject = (DWORD)len;
	a->pbAttestationObject = obj;
	a->dwUsedTransport = WEBAUTHN_CTAP_TRANSPORT_NFC;
	a->bResidentKey = TRUE;
	*out = a;
	return S_OK;
}

void WINAPI WebAuthNFreeCredentialAttestation(PWEBAUTHN_CREDENTIAL_ATTESTATION a) {
	if (a != NULL) {
		memset(a, 0xAA, sizeof *a); // a read after the free shows
		HeapFree(GetProcessHeap(), 0, a);
	}
}
