package enroll

import "strings"

// models names common keys by AAGUID (from the FIDO Metadata Service and vendors'
// published lists). It is only used for display; add lines as keys appear.
var models = map[string]string{
	"7e3f1c2a-9b4d-4e8f-a1c3-5d6e7f809102": "entra-passkey virtual test key",
	"cb69481e-8ff7-4039-93ec-0a2729a154a8": "YubiKey 5 Series",
	"ee882879-721c-4913-9775-3dfcce97072a": "YubiKey 5 Series",
	"fa2b99dc-9e39-4257-8f92-4a30d23c4118": "YubiKey 5 Series NFC",
	"2fc0579f-8113-47ea-b116-bb5a8db9202a": "YubiKey 5 Series NFC",
	"a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa": "Security Key NFC by Yubico",
	"149a2021-8ef6-4133-96b8-81f8d5b7f1f5": "Security Key by Yubico",
	"c5ef55ff-ad9a-4b9f-b580-adebafe026d0": "YubiKey 5Ci",
	"d8522d9f-575b-4866-88a9-ba99fa02f35b": "YubiKey Bio Series",
	"b92c3f9a-c014-4056-887f-140a2501163b": "Security Key by Yubico",
	"6d44ba9b-f6ec-2e49-b930-0c8fe920cb73": "Security Key by Yubico",
	"c1f9a0bc-1dd2-404a-b27f-8e29047a43fd": "YubiKey 5 FIPS Series",
	"73bb0cd4-e502-49b8-9c6f-b59445bf720b": "YubiKey 5 FIPS Series",
}

// ModelName returns the key model for an AAGUID, or "" when unknown.
func ModelName(aaguid string) string {
	return models[strings.ToLower(aaguid)]
}
