// Package pinpolicy generates random PINs for security keys and checks PINs against the
// limits of CTAP 2.1 and of the key at hand.
package pinpolicy

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/entra-passkey/entra-passkey/internal/fido"
)

// CTAP 2.1 bounds a PIN (§6.5.1): at least 4 Unicode code points, at most 63 bytes of
// UTF-8 (fido.MaxPINLength). A key may demand more than 4 (getInfo minPINLength) but
// never less.
const (
	CTAPMinLength = 4
	// DefaultLength is the length of a random PIN unless the organisation or the key
	// demands more: 8 digits hold about 26 bits, well above what 8 tries can guess.
	DefaultLength = 8
)

// maxAttempts bounds the draws for one PIN. Whole-PIN rejection keeps every acceptable
// PIN equally likely; even at 63 digits about one draw in five is acceptable, so running
// out of attempts means the random source is broken.
const maxAttempts = 10000

// Limits are the PIN lengths a key accepts.
type Limits struct {
	// Min is the minimum length in Unicode code points.
	Min int
	// Max is the maximum length in bytes of UTF-8.
	Max int
}

// KeyLimits returns the limits of a key from its getInfo: its minPINLength (CTAP 2.0
// keys report none, which means 4) and CTAP's 63 bytes.
func KeyLimits(info *fido.Info) Limits {
	lim := Limits{Min: CTAPMinLength, Max: fido.MaxPINLength}
	if info != nil && info.MinPINLength > CTAPMinLength && info.MinPINLength <= fido.MaxPINLength {
		lim.Min = int(info.MinPINLength)
	}
	return lim
}

// Error is a PIN or a PIN length that breaks the rules, with a stable code.
//
// Codes: pin_length_invalid (a requested random PIN length outside the limits),
// pin_policy_violation (a chosen PIN outside the limits or not text), random_failure.
type Error struct {
	Code    string
	Message string
	Hint    string
	Err     error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the stable code.
func (e *Error) ErrorCode() string { return e.Code }

// ErrorHint says what to do about it.
func (e *Error) ErrorHint() string { return e.Hint }

// Length returns the length of a random PIN for a key with limits lim when requested
// digits were asked for (0: DefaultLength). A request below the key's minimum is raised
// to it (raised reports that, so the caller can say so); one above 63 is an error.
func Length(requested int, lim Limits) (n int, raised bool, err error) {
	if requested == 0 {
		return max(DefaultLength, lim.Min), false, nil
	}
	if requested < CTAPMinLength || requested > lim.Max {
		return 0, false, &Error{Code: "pin_length_invalid",
			Message: fmt.Sprintf("a PIN length of %d is outside %d to %d", requested, CTAPMinLength, lim.Max),
			Hint:    fmt.Sprintf("give --pin-length between %d and %d", max(CTAPMinLength, lim.Min), lim.Max)}
	}
	if requested < lim.Min {
		return lim.Min, true, nil
	}
	return requested, false, nil
}

// Generate returns a random PIN of n digits drawn from r (crypto/rand when nil). Each
// digit is uniform (rejection sampling, no modulo bias), and a PIN with a banned pattern
// (see Acceptable) or a leading 0 (a spreadsheet that reads the hand-over list drops it)
// is drawn again as a whole, so every acceptable PIN is equally likely.
func Generate(r io.Reader, n int) (fido.PIN, error) {
	if n < CTAPMinLength || n > fido.MaxPINLength {
		return "", &Error{Code: "pin_length_invalid", Message: fmt.Sprintf("a PIN length of %d is outside %d to %d", n, CTAPMinLength, fido.MaxPINLength)}
	}
	if r == nil {
		r = rand.Reader
	}
	d := &digits{r: r}
	pin := make([]byte, n)
	defer clear(pin)
	for range maxAttempts {
		for i := range pin {
			c, err := d.next()
			if err != nil {
				return "", &Error{Code: "random_failure", Message: "the system's random number generator failed", Err: err}
			}
			pin[i] = '0' + c
		}
		if pin[0] != '0' && Acceptable(pin) {
			return fido.PIN(pin), nil
		}
	}
	return "", &Error{Code: "random_failure", Message: "the random number generator produced no acceptable PIN", Err: errors.New("rejection sampling did not terminate")}
}

// digits draws uniform decimal digits from random bytes: a byte of 250 or more is
// thrown away, so each of 0..9 comes from exactly 25 byte values.
type digits struct {
	r   io.Reader
	buf [64]byte
	pos int
	n   int
}

func (d *digits) next() (byte, error) {
	for {
		if d.pos == d.n {
			n, err := io.ReadFull(d.r, d.buf[:])
			if err != nil {
				return 0, err
			}
			d.pos, d.n = 0, n
		}
		b := d.buf[d.pos]
		d.buf[d.pos] = 0
		d.pos++
		if b < 250 {
			return b % 10, nil
		}
	}
}

// Acceptable reports whether a PIN of digits avoids the patterns people guess first:
// three or more equal digits in a row (111), three or more consecutive digits in a row
// either way (123, 987), a short block repeated (1212, 12341234), and common PINs
// (years 1900 to 2099 among them). Non-digit PINs are only checked for runs.
func Acceptable(pin []byte) bool {
	for i := 2; i < len(pin); i++ {
		a, b, c := int(pin[i-2]), int(pin[i-1]), int(pin[i])
		if a == b && b == c {
			return false
		}
		if b-a == c-b && (b-a == 1 || b-a == -1) {
			return false
		}
	}
	if periodic(pin) {
		return false
	}
	if common[string(pin)] {
		return false
	}
	if len(pin) == 4 && (string(pin[:2]) == "19" || string(pin[:2]) == "20") {
		return false
	}
	return true
}

// periodic reports whether pin is a shorter block repeated (1212, 123123).
func periodic(pin []byte) bool {
	n := len(pin)
	for p := 1; p <= n/2; p++ {
		if n%p != 0 {
			continue
		}
		rep := true
		for i := p; i < n; i++ {
			if pin[i] != pin[i-p] {
				rep = false
				break
			}
		}
		if rep {
			return true
		}
	}
	return false
}

// common lists PINs that lead published frequency lists (most are also caught by the
// run and repetition rules; the list catches the rest). Keep it short: it exists to
// stop the obvious, not to be a dictionary.
var common = map[string]bool{
	"1004": true, "2580": true, "0852": true, "1590": true, "7410": true, "0258": true,
	"1397": true, "1793": true, "9713": true, "3179": true, "1470": true, "0741": true,
	"6969": true, "4200": true, "0420": true, "1357": true, "2468": true, "1379": true,
	"159753": true, "147258": true, "258369": true, "102030": true, "112233": true,
	"121314": true, "131313": true, "101010": true, "696969": true, "142536": true,
	"11223344": true, "12344321": true, "13572468": true, "24681357": true, "14725836": true,
	"12213443": true, "20242025": true, "19691969": true, "10203040": true,
}

// Check reports whether pin is one a key can take under lim: valid UTF-8 without
// control characters, at least lim.Min code points and at most lim.Max bytes. The key
// remains the judge (it may demand more than it reports); Check catches what would
// otherwise fail later with a less clear message, or be cut at a newline.
func Check(pin fido.PIN, lim Limits) error {
	s := pin.Reveal()
	if !utf8.ValidString(s) {
		return &Error{Code: "pin_policy_violation", Message: "the new PIN is not valid UTF-8 text",
			Hint: "use digits, letters and punctuation"}
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return &Error{Code: "pin_policy_violation", Message: "the new PIN holds a control character (a newline or tab, say)",
			Hint: "use digits, letters and punctuation"}
	}
	if n := utf8.RuneCountInString(s); n < lim.Min {
		return &Error{Code: "pin_policy_violation",
			Message: fmt.Sprintf("the new PIN has %d %s and the key's minimum is %d", n, plural(n, "character", "characters"), lim.Min),
			Hint:    fmt.Sprintf("choose a PIN of at least %d characters", lim.Min)}
	}
	if len(s) > lim.Max {
		return &Error{Code: "pin_policy_violation",
			Message: fmt.Sprintf("the new PIN is %d bytes long and a key takes at most %d", len(s), lim.Max),
			Hint:    fmt.Sprintf("choose a PIN of at most %d bytes (fewer characters outside ASCII)", lim.Max)}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Normalize returns pin in Unicode NFC, the form CTAP 2.1 (§6.5.1) asks PINs to be
// sent in: "café" typed on one system and pasted from another then hash alike.
func Normalize(pin string) string { return norm.NFC.String(pin) }

// CheckEntered reports whether pin, given to unlock a key, can possibly be right, so
// that one that cannot never reaches the key and costs a retry: valid UTF-8, no control
// characters (a NUL, a stray newline), at least CTAP's 4 code points and at most 63
// bytes. from says where it came from, for the message; the PIN itself is never in it.
//
// Codes: pin_not_text, pin_control_character, pin_too_short, pin_too_long.
func CheckEntered(pin fido.PIN, from string) error {
	s := pin.Reveal()
	hint := "check " + from + ": it must hold the key's PIN and nothing else"
	switch n := utf8.RuneCountInString(s); {
	case !utf8.ValidString(s):
		return &Error{Code: "pin_not_text", Message: "the PIN from " + from + " is not UTF-8 text", Hint: hint}
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return &Error{Code: "pin_control_character", Message: "the PIN from " + from + " holds a control character (a NUL, tab or line break)", Hint: hint}
	case n < CTAPMinLength:
		return &Error{Code: "pin_too_short", Message: fmt.Sprintf("the PIN from %s has %d %s; a key's PIN has at least %d", from, n, plural(n, "character", "characters"), CTAPMinLength), Hint: hint}
	case len(s) > fido.MaxPINLength:
		return &Error{Code: "pin_too_long", Message: fmt.Sprintf("the PIN from %s is %d bytes long; a key's PIN has at most %d", from, len(s), fido.MaxPINLength), Hint: hint}
	}
	return nil
}
