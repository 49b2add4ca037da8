package auth

import (
	"strings"
	"testing"
)

func TestConfigCheck(t *testing.T) {
	show := func(string) {}
	tests := []struct {
		name      string
		cfg       Config
		authority string
		scopes    string
		clientID  string
		code      string
	}{
		{"device code defaults", Config{Flow: FlowDeviceCode, ShowDeviceCode: show},
			"https://login.microsoftonline.com/organizations", "https://graph.microsoft.com/UserAuthMethod-Passkey.ReadWrite.All", DefaultPublicClientID, ""},
		{"usgov tenant", Config{Flow: FlowInteractive, Cloud: "usgov", Tenant: "contoso.us"},
			"https://login.microsoftonline.us/contoso.us", "https://graph.microsoft.us/UserAuthMethod-Passkey.ReadWrite.All", DefaultPublicClientID, ""},
		{"dod app-only", Config{Flow: FlowClientSecret, Cloud: "usgov-dod", Tenant: "t1", ClientID: "c", ClientSecret: "x"},
			"https://login.microsoftonline.us/t1", "https://dod-graph.microsoft.us/.default", "c", ""},
		{"china app-only", Config{Flow: FlowClientSecret, Cloud: "china", Tenant: "t1", ClientID: "c", ClientSecret: "x"},
			"https://login.chinacloudapi.cn/t1", "https://microsoftgraph.chinacloudapi.cn/.default", "c", ""},
		{"explicit authority", Config{Flow: FlowClientSecret, Authority: "https://127.0.0.1:8443/t1/", ClientID: "c", ClientSecret: "x"},
			"https://127.0.0.1:8443/t1", "https://graph.microsoft.com/.default", "c", ""},
		{"scopes override", Config{Flow: FlowDeviceCode, ShowDeviceCode: show, Scopes: []string{"https://graph.microsoft.com/UserAuthenticationMethod.ReadWrite.All"}},
			"https://login.microsoftonline.com/organizations", "https://graph.microsoft.com/UserAuthenticationMethod.ReadWrite.All", DefaultPublicClientID, ""},
		{"managed identity", Config{Flow: FlowManagedIdentity}, "", "https://graph.microsoft.com/.default", "", ""},
		{"unknown flow", Config{Flow: "password"}, "", "", "", "auth_config_invalid"},
		{"unknown cloud", Config{Flow: FlowDeviceCode, ShowDeviceCode: show, Cloud: "moon"}, "", "", "", "auth_config_invalid"},
		{"device code without display", Config{Flow: FlowDeviceCode}, "", "", "", "auth_config_invalid"},
		{"app-only without tenant", Config{Flow: FlowClientSecret, ClientID: "c", ClientSecret: "x"}, "", "", "", "auth_config_invalid"},
		{"app-only with organizations", Config{Flow: FlowClientSecret, Tenant: "organizations", ClientID: "c", ClientSecret: "x"}, "", "", "", "auth_config_invalid"},
		{"app-only without client id", Config{Flow: FlowClientSecret, Tenant: "t", ClientSecret: "x"}, "", "", "", "auth_config_invalid"},
		{"secret missing", Config{Flow: FlowClientSecret, Tenant: "t", ClientID: "c"}, "", "", "", "auth_config_invalid"},
		{"certificate missing", Config{Flow: FlowClientCertificate, Tenant: "t", ClientID: "c"}, "", "", "", "auth_config_invalid"},
		{"http authority", Config{Flow: FlowClientSecret, Authority: "http://127.0.0.1/t", ClientID: "c", ClientSecret: "x"}, "", "", "", "auth_config_invalid"},
		{"authority without tenant", Config{Flow: FlowClientSecret, Authority: "https://127.0.0.1/", ClientID: "c", ClientSecret: "x"}, "", "", "", "auth_config_invalid"},
		{"tenant with slash", Config{Flow: FlowDeviceCode, ShowDeviceCode: show, Tenant: "a/b"}, "", "", "", "auth_config_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := tt.cfg.check()
			if tt.code != "" {
				if code(err) != tt.code {
					t.Fatalf("error = %v, want %s", err, tt.code)
				}
				var ae *Error
				if asErr(err, &ae); ae.Hint == "" {
					t.Error("no hint")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := [3]string{st.authority, strings.Join(st.scopes, " "), st.ClientID}
			want := [3]string{tt.authority, tt.scopes, tt.clientID}
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
