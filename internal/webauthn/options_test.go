package webauthn

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Credential ids and user handles in testdata/options (written by a generator from
// fixed random bytes; the standard-base64 forms contain both '+' and '/').
const (
	fixtureUserID  = "208e48103d08e3ef14be83c87b74a3a26ffacc2aad28ad3392e0ded32e755590bf7a2e37ebda4d600581f785d21edc25873a12"
	fixtureExclude = "4da0d5a128d170e07b50d21d30d39cec93a266bb4b6e38e7c81fc3204a433f1444887a82b7ff5532810632b9c55ed1a9e9ae941702be11c6565064dff2882af5"
	// exclude_encodings.json carries each of these three times: standard base64,
	// base64url with a padding digit, unpadded base64url. 48, 65 and 64 bytes give
	// padding digits 0, 1 and 2.
	fixtureID48 = "c41a057a19ff2da010a5c36aa76240ea6338e4f86749b6e06d77dffb922b6af70bfa95436903211a3a9e08bf85b34a66"
	fixtureID65 = "ab22e86e9948f97b1d6b95b26bdb0538b465b1d55713f41c3f82b78129ebe42afdcd554b133a8050d09f5442b479957bd1a9507e87118194db8c1a5d1bc25f7779"
	fixtureID64 = "3f3131f1535bec8cf35be17b770230323893a1b9517f8312fcdcbe5602e9113fe11192edff4955cdc5f7f5145980becc532befc1e0101f58a0df952aa52920fa"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "options", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// optionsSummary is what a caller reads from parsed options; comparing it whole
// catches a field that silently went missing.
type optionsSummary struct {
	ChallengeTimeout time.Time
	RPID, RPName     string
	UserID           string // hex
	UserName         string
	DisplayName      string
	ChallengeLen     int
	Algorithms       []int
	Timeout          int
	Exclude          []string // hex
	ResidentKey      bool
	UserVerification bool
	Attestation      string
	CredProtect      int
	Enforce          bool
	HMACSecret       bool
}

func summarize(o *CreationOptions) optionsSummary {
	pk := o.PublicKey
	s := optionsSummary{
		ChallengeTimeout: o.ChallengeTimeout, RPID: pk.RP.ID, RPName: pk.RP.Name,
		UserID: hex.EncodeToString(pk.User.ID), UserName: pk.User.Name, DisplayName: pk.User.DisplayName,
		ChallengeLen: len(pk.Challenge), Algorithms: o.Algorithms(), Timeout: pk.Timeout,
		ResidentKey: o.ResidentKeyRequired(), UserVerification: o.UserVerificationRequired(),
		Attestation: pk.Attestation, CredProtect: o.CredProtectLevel(),
		Enforce: pk.Extensions.EnforceCredentialProtectionPolicy, HMACSecret: pk.Extensions.HMACCreateSecret,
	}
	for _, c := range pk.ExcludeCredentials {
		var readings []string
		for _, r := range c.ID.Readings() {
			readings = append(readings, hex.EncodeToString(r))
		}
		s.Exclude = append(s.Exclude, strings.Join(readings, "|"))
	}
	return s
}

// graphV1 is graph_v1.json summarized; the other fixtures differ from it in one thing.
func graphV1() optionsSummary {
	return optionsSummary{
		ChallengeTimeout: time.Date(2024, 6, 13, 11, 26, 35, 0, time.UTC),
		RPID:             "login.microsoft.com", RPName: "Microsoft",
		UserID: fixtureUserID, UserName: "adele.vance@contoso.example", DisplayName: "Adele Vance",
		ChallengeLen: 694, Algorithms: []int{-7, -257}, Timeout: 60000,
		Exclude:     []string{fixtureExclude},
		ResidentKey: true, UserVerification: true, Attestation: "direct",
		CredProtect: 1, Enforce: true, HMACSecret: true,
	}
}

func TestParseCreationOptionsFixtures(t *testing.T) {
	tests := []struct {
		file string
		want func(s *optionsSummary)
	}{
		{"graph_v1.json", func(s *optionsSummary) {}},
		{"value_wrapped.json", func(s *optionsSummary) {}},
		{"odata_keys.json", func(s *optionsSummary) {}},
		{"extra_keys.json", func(s *optionsSummary) {}},
		{"large_challenge.json", func(s *optionsSummary) { s.ChallengeLen = 2048 }},
		{"exclude_encodings.json", func(s *optionsSummary) {
			// .NET's form of a 65-byte id (one "=" stripped) also reads as 66 bytes
			// of plain base64url: both readings are kept, the plain one first.
			s.Exclude = []string{fixtureID48, fixtureID48, fixtureID48, fixtureID65, fixtureID65 + "35|" + fixtureID65, fixtureID65, fixtureID64, fixtureID64, fixtureID64}
		}},
		{"credprotect_optional_list.json", func(s *optionsSummary) { s.CredProtect = 2 }},
		{"credprotect_required.json", func(s *optionsSummary) { s.CredProtect = 3 }},
		{"credprotect_absent.json", func(s *optionsSummary) { s.CredProtect, s.Enforce = 0, false }},
		{"hmac_false.json", func(s *optionsSummary) { s.HMACSecret = false }},
		{"no_timeout.json", func(s *optionsSummary) { s.ChallengeTimeout = time.Time{} }},
		{"docs_example.json", func(s *optionsSummary) {
			*s = optionsSummary{
				ChallengeTimeout: time.Date(2026, 1, 14, 21, 28, 38, 123456700, time.UTC),
				RPID:             "login.microsoft.com", RPName: "Microsoft",
				UserID: "d7922ac724fd8fbad9af2e8c2a949333", UserName: "alex@contoso.example", DisplayName: "Alex Wilber",
				ChallengeLen: 43, Algorithms: []int{-7, -257},
				ResidentKey: true, UserVerification: true, Attestation: "direct",
				CredProtect: 1, HMACSecret: true,
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw := readFixture(t, tt.file)
			opts, err := ParseCreationOptions(raw)
			if err != nil {
				t.Fatalf("ParseCreationOptions: %v", err)
			}
			want := graphV1()
			tt.want(&want)
			if got := summarize(opts); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if got, want := opts.PublicKey.Challenge, rawChallenge(t, raw); got != want {
				t.Errorf("challenge not kept byte for byte:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

// rawChallenge digs the challenge string out of a fixture without the package's parser.
func rawChallenge(t *testing.T, raw []byte) string {
	t.Helper()
	var doc struct {
		PublicKey struct{ Challenge string } `json:"publicKey"`
		Value     struct {
			PublicKey struct{ Challenge string } `json:"publicKey"`
		} `json:"value"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.PublicKey.Challenge + doc.Value.PublicKey.Challenge
}

func TestParseCreationOptionsForOtherRP(t *testing.T) {
	raw := mutateFixture(t, func(doc, pk map[string]any) { pk["rp"].(map[string]any)["id"] = "login.microsoftonline.com" })
	if _, err := ParseCreationOptions(raw); errCode(err) != "unsupported_rp" {
		t.Fatalf("default relying parties: got %v, want unsupported_rp", err)
	}
	opts, err := ParseCreationOptionsFor(raw, []string{"login.microsoftonline.com"})
	if err != nil {
		t.Fatalf("ParseCreationOptionsFor: %v", err)
	}
	if got, want := opts.PublicKey.RP.ID, "login.microsoftonline.com"; got != want {
		t.Errorf("rp.id = %q, want %q", got, want)
	}
}

func TestExpired(t *testing.T) {
	deadline := time.Date(2024, 6, 13, 11, 26, 35, 0, time.UTC)
	tests := []struct {
		name    string
		timeout time.Time
		now     time.Time
		want    bool
	}{
		{"no timeout given", time.Time{}, deadline.AddDate(10, 0, 0), false},
		{"a minute before", deadline, deadline.Add(-time.Minute), false},
		{"a nanosecond before", deadline, deadline.Add(-1), false},
		{"at the deadline", deadline, deadline, true},
		{"after", deadline, deadline.Add(time.Second), true},
		{"same instant in another zone", deadline, deadline.In(time.FixedZone("CEST", 2*3600)), true},
	}
	for _, tt := range tests {
		o := &CreationOptions{ChallengeTimeout: tt.timeout}
		if got := o.Expired(tt.now); got != tt.want {
			t.Errorf("%s: Expired = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCredProtectLevel(t *testing.T) {
	tests := []struct {
		policy string
		want   int
	}{
		{"", 0},
		{"userVerificationOptional", 1},
		{"userVerificationOptionalWithCredentialIDList", 2},
		{"userVerificationRequired", 3},
		{"UserVerificationRequired", 0}, // names are case-sensitive; the parser refuses it
	}
	for _, tt := range tests {
		o := &CreationOptions{}
		o.PublicKey.Extensions.CredentialProtectionPolicy = tt.policy
		if got := o.CredProtectLevel(); got != tt.want {
			t.Errorf("CredProtectLevel(%q) = %d, want %d", tt.policy, got, tt.want)
		}
	}
}

func TestResidentKeyAndUserVerification(t *testing.T) {
	tests := []struct {
		sel    AuthenticatorSelectionCriteria
		wantRK bool
		wantUV bool
	}{
		{AuthenticatorSelectionCriteria{RequireResidentKey: true, UserVerification: "required"}, true, true},
		{AuthenticatorSelectionCriteria{ResidentKey: "required", UserVerification: "preferred"}, true, false},
		{AuthenticatorSelectionCriteria{ResidentKey: "preferred", UserVerification: "discouraged"}, false, false},
		{AuthenticatorSelectionCriteria{ResidentKey: "discouraged"}, false, false},
		{AuthenticatorSelectionCriteria{}, false, false},
	}
	for _, tt := range tests {
		o := &CreationOptions{}
		o.PublicKey.AuthenticatorSelection = tt.sel
		if got := o.ResidentKeyRequired(); got != tt.wantRK {
			t.Errorf("%+v: ResidentKeyRequired = %v, want %v", tt.sel, got, tt.wantRK)
		}
		if got := o.UserVerificationRequired(); got != tt.wantUV {
			t.Errorf("%+v: UserVerificationRequired = %v, want %v", tt.sel, got, tt.wantUV)
		}
	}
}

func TestAlgorithms(t *testing.T) {
	tests := []struct {
		params []CredentialParameter
		want   []int
	}{
		{nil, []int{}},
		{[]CredentialParameter{{"public-key", -257}, {"public-key", -7}}, []int{-257, -7}},
		{[]CredentialParameter{{"password", -7}, {"public-key", -8}, {"", -35}}, []int{-8}},
	}
	for _, tt := range tests {
		o := &CreationOptions{}
		o.PublicKey.PubKeyCredParams = tt.params
		if got := o.Algorithms(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Algorithms(%v) = %#v, want %#v", tt.params, got, tt.want)
		}
	}
}
