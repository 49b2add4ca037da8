package graph_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
	"github.com/entra-passkey/entra-passkey/internal/webauthn"
)

// makeCredential answers creation options as a key with "none" attestation would,
// returning the Graph POST body and the credential id.
func makeCredential(t *testing.T, options []byte) (*webauthn.RegistrationBody, []byte) {
	t.Helper()
	var doc struct {
		PublicKey struct {
			Challenge string `json:"challenge"`
			RP        struct {
				ID string `json:"id"`
			} `json:"rp"`
		} `json:"publicKey"`
	}
	if err := json.Unmarshal(options, &doc); err != nil {
		t.Fatal(err)
	}
	rpID := doc.PublicKey.RP.ID
	clientData := []byte(`{"type":"webauthn.create","challenge":"` + doc.PublicKey.Challenge +
		`","origin":"https://` + rpID + `","crossOrigin":false}`)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	credID := make([]byte, 32)
	rand.Read(credID)
	em, _ := cbor.CTAP2EncOptions().EncMode()
	point, _ := key.PublicKey.Bytes() // 0x04 || x || y
	x, y := point[1:33], point[33:65]
	cose, err := em.Marshal(map[int]any{1: 2, 3: -7, -1: 1, -2: x, -3: y})
	if err != nil {
		t.Fatal(err)
	}
	rpHash := sha256.Sum256([]byte(rpID))
	authData := append(rpHash[:], 0x45, 0, 0, 0, 0)  // UP, UV, AT; sign count 0
	authData = append(authData, make([]byte, 16)...) // AAGUID: none attestation
	authData = binary.BigEndian.AppendUint16(authData, uint16(len(credID)))
	authData = append(append(authData, credID...), cose...)
	att, err := em.Marshal(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": authData})
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	raw := `{"displayName":"Emulator key","publicKeyCredential":{"id":"` + b64(credID) + `","response":{"clientDataJSON":"` +
		b64(clientData) + `","attestationObject":"` + b64(att) + `"},"clientExtensionResults":{}}}`
	var body webauthn.RegistrationBody
	if err := json.Unmarshal([]byte(raw), &body); err != nil {
		t.Fatal(err)
	}
	return &body, credID
}

func TestEmulatorRegister(t *testing.T) {
	tests := []struct {
		name       string
		faults     func(*emulator.Faults)
		reconciled bool
	}{
		{"created", nil, false},
		{"storm of 429, 503, 504", func(f *emulator.Faults) {
			f.Throttle(emulator.RouteRegister, 2, "0.5")
			f.Fail(emulator.RouteRegister, 1, 503)
			f.Fail(emulator.RouteRegister, 1, 504)
		}, false},
		{"connection reset after the POST was stored", func(f *emulator.Faults) { f.ResetAfterStore() }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := startEmulator(t, nil)
			ctx := context.Background()
			opts, err := e.c.CreationOptions(ctx, adele, 0)
			if err != nil {
				t.Fatal(err)
			}
			body, credID := makeCredential(t, opts)
			if tt.faults != nil {
				tt.faults(e.s.Faults())
			}
			m, err := e.c.Register(ctx, adele, body)
			if err != nil {
				t.Fatalf("Register: %v", err)
			}
			if m.Reconciled != tt.reconciled || m.DisplayName != "Emulator key" {
				t.Errorf("method = %+v", m)
			}
			stored := e.s.Methods(adele)
			if len(stored) != 1 || string(stored[0].CredentialID) != string(credID) || stored[0].ID != m.ID {
				t.Fatalf("emulator holds %d methods (%+v), want exactly this one", len(stored), stored)
			}
			if e.s.Faults().Pending() != 0 {
				t.Errorf("%d faults not consumed", e.s.Faults().Pending())
			}
		})
	}
}

func TestEmulatorExpiredChallenge(t *testing.T) {
	var skew atomic.Int64 // the emulator's clock runs ahead by this many nanoseconds
	e := startEmulator(t, func(c *emulator.Config) {
		c.Now = func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	})
	ctx := context.Background()
	opts, err := e.c.CreationOptions(ctx, adele, 0)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := makeCredential(t, opts)
	skew.Store(int64(6 * time.Minute))
	if _, err := e.c.Register(ctx, adele, body); code(err) != "challenge_expired" {
		t.Errorf("error = %v, want challenge_expired", err)
	}
}
