package emulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/entra-passkey/entra-passkey/internal/emulator"
)

// A test starts the demo tenant, takes a token and calls Graph over TLS with a
// client that trusts only the emulator's CA.
func Example() {
	s, err := emulator.Start(emulator.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	tok, err := s.Token(emulator.DemoClientID, "") // or MSAL against s.Authority()
	if err != nil {
		fmt.Println(err)
		return
	}
	req, _ := http.NewRequest("GET", s.URL()+"/v1.0/users/adele%40contoso.example/authentication/fido2Methods/creationOptions", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := s.Client().Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var opts struct {
		PublicKey struct {
			RP   struct{ ID string }
			User struct{ Name string }
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&opts); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, opts.PublicKey.RP.ID, opts.PublicKey.User.Name)
	// Output: 200 login.microsoft.com adele@contoso.example
}
