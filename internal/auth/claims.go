package auth

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// claims are the parts of an access token's payload worth showing; the signature is
// not checked (Graph does that), so they are informational only.
type claims struct {
	Audience          audience `json:"aud"`
	Expiry            float64  `json:"exp"`
	TenantID          string   `json:"tid"`
	ObjectID          string   `json:"oid"`
	UPN               string   `json:"upn"`
	PreferredUsername string   `json:"preferred_username"`
	UniqueName        string   `json:"unique_name"`
	Name              string   `json:"name"`
	AppID             string   `json:"appid"`
	AuthorizedParty   string   `json:"azp"`
	Scope             string   `json:"scp"`
	Roles             []string `json:"roles"`
}

// audience is a JWT aud: a string or an array of them.
type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*a = audience{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*a = many
	return nil
}

// parseClaims decodes a JWT's payload; ok is false for opaque tokens.
func parseClaims(token string) (c claims, ok bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return c, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return c, false
	}
	if json.Unmarshal(payload, &c) != nil {
		return c, false
	}
	return c, true
}

// expiry returns the token's exp, if it has one.
func (c claims) expiry() (time.Time, bool) {
	if c.Expiry <= 0 {
		return time.Time{}, false
	}
	return time.Unix(int64(c.Expiry), 0), true
}

func (c claims) username() string {
	return firstNonEmpty(c.UPN, firstNonEmpty(c.PreferredUsername, c.UniqueName))
}

// graphAudience reports whether aud names Microsoft Graph: its resource URI (any cloud)
// or its well-known app id.
func graphAudience(aud audience, resource string) bool {
	for _, a := range aud {
		a = strings.TrimRight(a, "/")
		if strings.EqualFold(a, resource) || a == "00000003-0000-0000-c000-000000000000" ||
			strings.Contains(strings.ToLower(a), "graph.microsoft") || strings.Contains(strings.ToLower(a), "microsoftgraph.chinacloudapi.cn") {
			return true
		}
	}
	return false
}
