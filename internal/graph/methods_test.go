package graph

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

const methodJSON = `{"id":"AAECAw1","displayName":"YubiKey 5 NFC","createdDateTime":"2024-06-13T11:26:35Z","aaGuid":"cb69481e-8ff7-4039-93ec-0a2729a154a8","model":"YubiKey 5 Series","attestationCertificates":["abc"],"attestationLevel":"attested","passkeyType":"deviceBound"}`

func TestMethodsPaging(t *testing.T) {
	s := newStubServer(t)
	next := s.srv.URL + listPath + "?$skiptoken=p2"
	s.on("GET", listPath, respond(200, `{"@odata.context":"x","value":[`+methodJSON+`],"@odata.nextLink":"`+next+`"}`))
	s.on("GET", listPath, respond(200, `{"value":[{"id":"m2","createdDateTime":""},{"id":"m3","createdDateTime":null}]}`)).query = "$skiptoken=p2"
	c, rec := newTestClient(t, s)
	got, err := c.Methods(context.Background(), "a@b.c")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	if want := []string{"AAECAw1", "m2", "m3"}; !slices.Equal(ids, want) {
		t.Fatalf("ids = %v, want %v", ids, want)
	}
	m := got[0]
	want := Method{ID: "AAECAw1", DisplayName: "YubiKey 5 NFC", CreatedDateTime: time.Date(2024, 6, 13, 11, 26, 35, 0, time.UTC),
		AAGUID: "cb69481e-8ff7-4039-93ec-0a2729a154a8", Model: "YubiKey 5 Series", AttestationCertificates: []string{"abc"},
		AttestationLevel: "attested", PasskeyType: "deviceBound"}
	if string(m.Raw) != methodJSON {
		t.Errorf("Raw = %s", m.Raw)
	}
	m.Raw = nil
	if !equalMethod(m, want) {
		t.Errorf("got %+v, want %+v", m, want)
	}
	if !got[1].CreatedDateTime.IsZero() {
		t.Errorf("empty createdDateTime parsed as %v", got[1].CreatedDateTime)
	}
	for _, c := range rec.calls {
		if strings.Contains(c.Path, "skiptoken") {
			t.Errorf("event path %q carries the query", c.Path)
		}
	}
}

func TestNextLinkElsewhereIsRefused(t *testing.T) {
	tests := []struct{ name, link string }{
		{"other host", "https://evil.example.com/v1.0/users/x/authentication/fido2Methods?$skiptoken=1"},
		{"plain http", "http://127.0.0.1/v1.0/x"},
		{"same link again", "SELF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStubServer(t)
			link := strings.Replace(tt.link, "SELF", s.srv.URL+listPath, 1)
			s.on("GET", listPath, respond(200, `{"value":[],"@odata.nextLink":"`+link+`"}`))
			c, _ := newTestClient(t, s)
			_, err := c.Methods(context.Background(), "a@b.c")
			var ge *Error
			if !errors.As(err, &ge) || ge.ErrorCode() != "graph_invalid_response" {
				t.Errorf("error = %v, want graph_invalid_response", err)
			}
		})
	}
}

func TestMethodAndDelete(t *testing.T) {
	s := newStubServer(t)
	s.on("GET", listPath+"/AAECAw1", respond(200, methodJSON))
	s.on("DELETE", listPath+"/AAECAw1", respond(204, ""))
	s.on("DELETE", listPath+"/gone1", graphError(404, "itemNotFound", "not found"))
	c, _ := newTestClient(t, s)
	ctx := context.Background()
	m, err := c.Method(ctx, "a@b.c", "AAECAw1")
	if err != nil || m.Model != "YubiKey 5 Series" || m.Reconciled {
		t.Fatalf("Method = %+v, %v", m, err)
	}
	if err := c.DeleteMethod(ctx, "a@b.c", "AAECAw1"); err != nil {
		t.Fatalf("DeleteMethod: %v", err)
	}
	err = c.DeleteMethod(ctx, "a@b.c", "gone1")
	var ge *Error
	if !errors.As(err, &ge) || ge.ErrorCode() != "method_not_found" {
		t.Errorf("delete of a missing method: %v", err)
	}
}

func TestInvalidResponses(t *testing.T) {
	tests := []struct {
		name string
		call func(*Client) error
		path string
		body string
	}{
		{"options not JSON", func(c *Client) error { _, err := c.CreationOptions(context.Background(), "a@b.c", 0); return err }, listPath + "/creationOptions", "<html>"},
		{"list not JSON", listCall, listPath, "nope"},
		{"method without id", getCall, listPath + "/m1", `{"displayName":"x"}`},
		{"too large", listCall, listPath, `{"value":[],"pad":"` + strings.Repeat("x", 2048) + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStubServer(t)
			s.on("GET", tt.path, respond(200, tt.body))
			c, _ := newTestClient(t, s, func(cfg *Config) { cfg.MaxResponseBytes = 1024 })
			err := tt.call(c)
			var ge *Error
			if !errors.As(err, &ge) || ge.ErrorCode() != "graph_invalid_response" {
				t.Errorf("error = %v, want graph_invalid_response", err)
			}
		})
	}
}

func TestFIDO2Policy(t *testing.T) {
	body := `{"@odata.context":"x","id":"Fido2","state":"enabled","isSelfServiceRegistrationAllowed":true,"isAttestationEnforced":true,
"keyRestrictions":{"isEnforced":true,"enforcementType":"block","aaGuids":["CB69481E-8FF7-4039-93EC-0A2729A154A8"]},
"includeTargets":[{"targetType":"group","id":"all_users","isRegistrationRequired":false,"allowedPasskeyProfiles":["p1"]}],
"excludeTargets":[],"defaultPasskeyProfile":"p1",
"passkeyProfiles":[{"id":"p1","name":"Default","passkeyTypes":"deviceBound, synced","attestationEnforcement":"registrationOnly",
"keyRestrictions":{"isEnforced":true,"enforcementType":"allow","aaGuids":["cb69481e-8ff7-4039-93ec-0a2729a154a8"]}}]}`
	s := newStubServer(t)
	s.on("GET", policyPath, respond(200, body))
	c, _ := newTestClient(t, s)
	p, err := c.FIDO2Policy(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Raw) != body || p.State != "enabled" || !p.IsSelfServiceRegistrationAllowed || p.DefaultPasskeyProfile != "p1" {
		t.Errorf("policy = %+v", p)
	}
	if len(p.IncludeTargets) != 1 || p.IncludeTargets[0].ID != "all_users" || !slices.Equal(p.IncludeTargets[0].AllowedPasskeyProfiles, []string{"p1"}) {
		t.Errorf("includeTargets = %+v", p.IncludeTargets)
	}
	prof := p.PasskeyProfiles[0]
	if !slices.Equal(prof.Types(), []string{"deviceBound", "synced"}) || prof.AttestationEnforcement != "registrationOnly" {
		t.Errorf("profile = %+v", prof)
	}
	yubi, other := "cb69481e-8ff7-4039-93ec-0a2729a154a8", "00000000-0000-0000-0000-000000000000"
	checks := []struct {
		name string
		kr   *KeyRestrictions
		aa   string
		want bool
	}{
		{"legacy block lists it", p.KeyRestrictions, yubi, false},
		{"legacy block others pass", p.KeyRestrictions, other, true},
		{"profile allow lists it", prof.KeyRestrictions, yubi, true},
		{"profile allow others fail", prof.KeyRestrictions, other, false},
		{"nil allows", nil, other, true},
		{"unenforced allows", &KeyRestrictions{EnforcementType: "allow"}, other, true},
	}
	for _, ch := range checks {
		if got := ch.kr.Allows(ch.aa); got != ch.want {
			t.Errorf("%s: Allows = %v, want %v", ch.name, got, ch.want)
		}
	}
}

func equalMethod(a, b Method) bool {
	return a.ID == b.ID && a.DisplayName == b.DisplayName && a.CreatedDateTime.Equal(b.CreatedDateTime) &&
		a.AAGUID == b.AAGUID && a.Model == b.Model && slices.Equal(a.AttestationCertificates, b.AttestationCertificates) &&
		a.AttestationLevel == b.AttestationLevel && a.PasskeyType == b.PasskeyType && a.Reconciled == b.Reconciled
}
