package pinpolicy

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

func TestGeneratedPINsKeepTheRules(t *testing.T) {
	draws := 20000
	if testing.Short() {
		draws = 2000
	}
	for _, n := range []int{4, 6, 8, 12, 63} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			seen := map[string]bool{}
			for range draws {
				pin, err := Generate(nil, n)
				if err != nil {
					t.Fatal(err)
				}
				s := pin.Reveal()
				if len(s) != n {
					t.Fatalf("length %d, want %d", len(s), n)
				}
				for _, c := range s {
					if c < '0' || c > '9' {
						t.Fatalf("non-digit %q", c)
					}
				}
				if !Acceptable([]byte(s)) {
					t.Fatalf("banned pattern in a generated PIN")
				}
				seen[s] = true
			}
			// Birthday collisions: about 2.4 expected among 20000 8-digit PINs, none longer.
			if n >= 8 && len(seen) < draws-20 {
				t.Errorf("%d distinct PINs out of %d draws", len(seen), draws)
			}
		})
	}
}

// chiSquare returns the statistic of counts against a uniform distribution.
func chiSquare(counts []int) float64 {
	total := 0
	for _, c := range counts {
		total += c
	}
	want := float64(total) / float64(len(counts))
	var x float64
	for _, c := range counts {
		d := float64(c) - want
		x += d * d / want
	}
	return x
}

// For 9 degrees of freedom, P(chi² > 33.7) = 0.0001: a threshold that a correct
// generator essentially never crosses and a biased one (modulo bias over bytes is 2.4%)
// crosses at once with this many digits.
const chiSquareLimit = 33.7

func TestDigitDrawIsUniform(t *testing.T) {
	d := &digits{r: rand.Reader}
	counts := make([]int, 10)
	for range 500000 {
		c, err := d.next()
		if err != nil {
			t.Fatal(err)
		}
		counts[c]++
	}
	if x := chiSquare(counts); x > chiSquareLimit {
		t.Errorf("chi-square %.1f over digit counts %v", x, counts)
	}
}

func TestModuloBiasWouldBeCaught(t *testing.T) {
	// The test above must be able to fail: digits taken as byte%10 without rejection.
	buf := make([]byte, 500000)
	_, _ = rand.Read(buf)
	counts := make([]int, 10)
	for _, b := range buf {
		counts[b%10]++
	}
	if x := chiSquare(counts); x < chiSquareLimit {
		t.Errorf("chi-square %.1f: the test cannot see modulo bias", x)
	}
}

func TestPINDigitsAreUniform(t *testing.T) {
	// Banning runs makes 0 and 9 slightly likelier in a PIN (they start or end fewer
	// runs); at this sample size that effect is far below the threshold. The first
	// digit is never 0 (TestGenerateNeverStartsWithZero), so it is left out here.
	counts := make([]int, 10)
	for range 10000 {
		pin, err := Generate(nil, 8)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range pin.Reveal()[1:] {
			counts[c-'0']++
		}
	}
	if x := chiSquare(counts); x > chiSquareLimit {
		t.Errorf("chi-square %.1f over digit counts %v", x, counts)
	}
}

func TestAcceptable(t *testing.T) {
	tests := []struct {
		pin  string
		want bool
	}{
		{"1111", false}, {"1234", false}, {"9876", false}, {"4555", false}, {"0123", false},
		{"7890", false}, {"7901", true}, // 9-0-1 is not a run
		{"1212", false}, {"12341234", false}, {"123123", false}, {"1004", false}, {"1987", false},
		{"2024", false}, {"11223344", false}, {"2580", false},
		{"4817", true}, {"48151623", true}, {"90871524", true}, {"1357", false}, {"13579", true},
		{"59173826", true}, {"33", false},
	}
	for _, tt := range tests {
		if got := Acceptable([]byte(tt.pin)); got != tt.want {
			t.Errorf("Acceptable(%s) = %v, want %v", tt.pin, got, tt.want)
		}
	}
}

func TestLength(t *testing.T) {
	tests := []struct {
		requested  int
		lim        Limits
		want       int
		wantRaised bool
		wantErr    bool
	}{
		{0, Limits{4, 63}, 8, false, false},
		{0, Limits{10, 63}, 10, false, false},
		{6, Limits{4, 63}, 6, false, false},
		{6, Limits{8, 63}, 8, true, false},
		{3, Limits{4, 63}, 0, false, true},
		{64, Limits{4, 63}, 0, false, true},
		{63, Limits{4, 63}, 63, false, false},
	}
	for _, tt := range tests {
		got, raised, err := Length(tt.requested, tt.lim)
		if got != tt.want || raised != tt.wantRaised || (err != nil) != tt.wantErr {
			t.Errorf("Length(%d, %v) = %d, %v, %v; want %d, %v, error %v", tt.requested, tt.lim, got, raised, err, tt.want, tt.wantRaised, tt.wantErr)
		}
		var e *Error
		if err != nil && (!errors.As(err, &e) || e.Code != "pin_length_invalid" || e.Hint == "") {
			t.Errorf("Length(%d): error %v without code or hint", tt.requested, err)
		}
	}
}

func TestKeyLimits(t *testing.T) {
	for _, tt := range []struct {
		min  uint64
		want int
	}{{0, 4}, {4, 4}, {8, 8}, {200, 4}} {
		if got := KeyLimits(&fido.Info{MinPINLength: tt.min}); got != (Limits{tt.want, 63}) {
			t.Errorf("minPINLength %d: %v", tt.min, got)
		}
	}
	if got := KeyLimits(nil); got != (Limits{4, 63}) {
		t.Errorf("nil info: %v", got)
	}
}

func TestCheck(t *testing.T) {
	lim := Limits{Min: 6, Max: 63}
	tests := []struct {
		pin     string
		wantErr bool
	}{
		{"123456", false}, {"12345", true}, {"pässwörd", false}, {"äöüäö", true},
		{string(bytes.Repeat([]byte("1"), 63)), false}, {string(bytes.Repeat([]byte("1"), 64)), true},
		{"1234\n5678", true}, {"12345\t6", true}, {"\xff\xfe123456", true},
		// 21 three-byte characters are 63 bytes; 22 are too many however few characters.
		{string(bytes.Repeat([]byte("€"), 21)), false}, {string(bytes.Repeat([]byte("€"), 22)), true},
	}
	for _, tt := range tests {
		err := Check(fido.PIN(tt.pin), lim)
		if (err != nil) != tt.wantErr {
			t.Errorf("Check(%d chars) = %v, want error %v", utf8.RuneCountInString(tt.pin), err, tt.wantErr)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != "pin_policy_violation" || e.Hint == "" {
				t.Errorf("error %v without code or hint", err)
			}
			if bytes.Contains([]byte(err.Error()), []byte("123456")) {
				t.Errorf("the PIN is in the message %q", err)
			}
		}
	}
}

func TestGenerateUsesTheGivenSource(t *testing.T) {
	// A source of 0x07 bytes yields only 7s: a banned run every time, so generation
	// must give up with an error, not loop or return a weak PIN.
	_, err := Generate(bytes.NewReader(bytes.Repeat([]byte{7}, 1<<20)), 8)
	var e *Error
	if !errors.As(err, &e) || e.Code != "random_failure" {
		t.Fatalf("got %v, want random_failure", err)
	}
	_, err = Generate(iotestErr{}, 8)
	if !errors.As(err, &e) || e.Code != "random_failure" {
		t.Fatalf("got %v, want random_failure", err)
	}
	if _, err := Generate(nil, 3); !errors.As(err, &e) || e.Code != "pin_length_invalid" {
		t.Fatalf("length 3: got %v", err)
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func BenchmarkGenerate8(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(nil, DefaultLength); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCheckEnteredRefusesPINsThatCannotBeRight(t *testing.T) {
	for pin, code := range map[string]string{
		"12345678":              "",
		"café":                  "",
		"1234\x005678":          "pin_control_character",
		"1234\n":                "pin_control_character",
		"12\u00a0":              "pin_too_short",
		"123":                   "pin_too_short",
		"\xff\xfe1\x002":        "pin_not_text",
		strings.Repeat("1", 64): "pin_too_long",
		strings.Repeat("é", 32): "pin_too_long", // 64 bytes
		strings.Repeat("1", 63): "",
	} {
		err := CheckEntered(fido.PIN(pin), "the test")
		var e *Error
		switch {
		case code == "" && err != nil:
			t.Errorf("CheckEntered(%q) = %v, want nil", pin, err)
		case code != "" && (!errors.As(err, &e) || e.Code != code):
			t.Errorf("CheckEntered(%q) = %v, want %s", pin, err, code)
		case err != nil && strings.Contains(err.Error(), pin):
			t.Errorf("the error quotes the PIN: %v", err)
		}
	}
	if got := Normalize("cafe\u0301"); got != "café" {
		t.Errorf("Normalize(NFD) = %q, want NFC", got)
	}
}

// TestGenerateNeverStartsWithZero: a leading 0 is lost when a spreadsheet opens the
// hand-over list, so no random PIN has one, and the other first digits stay equally likely.
func TestGenerateNeverStartsWithZero(t *testing.T) {
	var first [10]int
	const n = 9000
	for range n {
		pin, err := Generate(nil, 6)
		if err != nil {
			t.Fatal(err)
		}
		first[pin.Reveal()[0]-'0']++
	}
	if first[0] != 0 {
		t.Fatalf("%d of %d PINs start with 0", first[0], n)
	}
	for d := 1; d <= 9; d++ {
		// 1000 expected each; 5 standard deviations is about ±150.
		if first[d] < 800 || first[d] > 1200 {
			t.Errorf("first digit %d in %d of %d PINs, want about %d", d, first[d], n, n/9)
		}
	}
}
