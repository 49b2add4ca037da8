package enroll

import (
	"encoding/json"
	"regexp"
	"testing"
)

func TestModelsTable(t *testing.T) {
	var list []Model
	if err := json.Unmarshal(modelsJSON, &list); err != nil {
		t.Fatal(err)
	}
	canonical := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for _, m := range list {
		if !canonical.MatchString(m.AAGUID) {
			t.Errorf("%q is not a lower-case 8-4-4-4-12 AAGUID", m.AAGUID)
		}
		if seen[m.AAGUID] {
			t.Errorf("%s is listed twice", m.AAGUID)
		}
		seen[m.AAGUID] = true
		if m.Name == "" || m.Vendor == "" {
			t.Errorf("%s has no model or vendor", m.AAGUID)
		}
	}
	if got := ModelName("CB69481E-8FF7-4039-93EC-0A2729A154A8"); got != "YubiKey 5 Series" {
		t.Errorf("upper-case lookup: %q", got)
	}
	if got := ModelName("00000000-0000-0000-0000-000000000000"); got != "" {
		t.Errorf("unknown AAGUID: %q", got)
	}
}
