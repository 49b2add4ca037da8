package enroll

import (
	_ "embed"
	"encoding/json"
	"strings"
)

// modelsJSON names common keys by AAGUID, from the FIDO Metadata Service (MDS3) and the
// vendors' published lists. It is only used for display (key-info, default method names);
// to add a key, add a line to models.json: the test checks its form.
//
//go:embed models.json
var modelsJSON []byte

// Model is one entry of the bundled table.
type Model struct {
	AAGUID string `json:"aaguid"`
	Vendor string `json:"vendor"`
	Name   string `json:"model"`
}

var models = func() map[string]string {
	var list []Model
	if err := json.Unmarshal(modelsJSON, &list); err != nil {
		panic("enroll: models.json does not parse: " + err.Error()) // caught by the tests
	}
	m := make(map[string]string, len(list))
	for _, e := range list {
		m[strings.ToLower(e.AAGUID)] = e.Name
	}
	return m
}()

// ModelName returns the key model for an AAGUID, or "" when unknown.
func ModelName(aaguid string) string {
	return models[strings.ToLower(aaguid)]
}
