package graph

import (
	"fmt"
	"net/url"
	"strings"
)

// Cloud names a Microsoft Graph deployment (the CLI's --cloud).
type Cloud string

// The national clouds Graph runs in.
const (
	CloudGlobal   Cloud = "global"
	CloudUSGov    Cloud = "usgov"
	CloudUSGovDoD Cloud = "usgov-dod"
	CloudChina    Cloud = "china"
)

var cloudBaseURLs = map[Cloud]string{
	CloudGlobal:   "https://graph.microsoft.com",
	CloudUSGov:    "https://graph.microsoft.us",
	CloudUSGovDoD: "https://dod-graph.microsoft.us",
	CloudChina:    "https://microsoftgraph.chinacloudapi.cn",
}

// Clouds lists the known clouds in a stable order, for flag help and validation.
func Clouds() []Cloud { return []Cloud{CloudGlobal, CloudUSGov, CloudUSGovDoD, CloudChina} }

// BaseURL returns the cloud's Graph root; the empty Cloud is the global one.
func (c Cloud) BaseURL() (string, error) {
	if c == "" {
		c = CloudGlobal
	}
	u, ok := cloudBaseURLs[c]
	if !ok {
		return "", &Error{code: "graph_config_invalid", Message: fmt.Sprintf("unknown cloud %q", string(c)),
			hint: "use one of global, usgov, usgov-dod, china"}
	}
	return u, nil
}

// parseBaseURL accepts an https root (or http on loopback, for tests) without query or fragment.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, &Error{code: "graph_config_invalid", Message: fmt.Sprintf("invalid Graph base URL %q", raw),
			hint: "give an https URL such as https://graph.microsoft.com"}
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && IsLoopbackHost(u.Hostname())) {
		return nil, &Error{code: "graph_config_invalid", Message: fmt.Sprintf("Graph base URL %q is not https", raw),
			hint: "tokens are only sent over https (plain http is allowed on loopback only)"}
	}
	return u, nil
}
