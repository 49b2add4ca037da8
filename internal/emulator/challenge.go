package emulator

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
)

// Challenges are AEAD tokens, like Entra's several-KB encrypted ones: the emulator
// checks "authentic, unexpired, for this user" without state and keeps only the
// spent nonces.
const (
	challengeVersion = 1
	challengeFiller  = 2048 // random padding, so clients never assume a 32-byte challenge
	challengeAAD     = "entra-passkey-emulator/challenge/v1"
	userHandleLen    = 51
)

var (
	errChallengeForged = errors.New("challenge is not authentic")
	errChallengeShape  = errors.New("challenge is malformed")
)

// secrets are the per-run keys behind challenges and user handles.
type secrets struct {
	aead          cipher.AEAD
	userHandleKey []byte
}

func newSecrets(rnd io.Reader, tenant string) (secrets, error) {
	key := make([]byte, 32)
	if _, err := io.ReadFull(rnd, key); err != nil {
		return secrets{}, fmt.Errorf("reading random bytes: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return secrets{}, fmt.Errorf("creating the cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return secrets{}, fmt.Errorf("creating the cipher: %w", err)
	}
	// User handles derive from the tenant so they stay the same across restarts,
	// as a real user's handle does.
	uh := sha256.Sum256([]byte("entra-passkey-emulator/user-handle/" + tenant))
	return secrets{aead: aead, userHandleKey: uh[:]}, nil
}

// challengeClaims is what a challenge carries.
type challengeClaims struct {
	userID  uuid.UUID
	issued  time.Time
	expires time.Time
	nonce   [16]byte
}

// newChallenge seals the claims; the result is base64url without padding.
func (s *Server) newChallenge(userID uuid.UUID, issued, expires time.Time) (string, error) {
	plain := make([]byte, 0, 1+16+8+8+16+challengeFiller)
	plain = append(plain, challengeVersion)
	plain = append(plain, userID[:]...)
	plain = binary.BigEndian.AppendUint64(plain, uint64(issued.Unix()))
	plain = binary.BigEndian.AppendUint64(plain, uint64(expires.Unix()))
	tail := make([]byte, 16+challengeFiller)
	if _, err := io.ReadFull(s.rand, tail); err != nil {
		return "", fmt.Errorf("reading random bytes: %w", err)
	}
	plain = append(plain, tail...)
	nonce := make([]byte, s.secrets.aead.NonceSize())
	if _, err := io.ReadFull(s.rand, nonce); err != nil {
		return "", fmt.Errorf("reading random bytes: %w", err)
	}
	sealed := s.secrets.aead.Seal(nonce, nonce, plain, []byte(challengeAAD))
	return base64.RawURLEncoding.EncodeToString(sealed), nil
}

// openChallenge authenticates and decodes a challenge from its base64url bytes.
func (s *Server) openChallenge(raw []byte) (challengeClaims, error) {
	ns := s.secrets.aead.NonceSize()
	if len(raw) < ns+s.secrets.aead.Overhead() {
		return challengeClaims{}, errChallengeShape
	}
	plain, err := s.secrets.aead.Open(nil, raw[:ns], raw[ns:], []byte(challengeAAD))
	if err != nil {
		return challengeClaims{}, errChallengeForged
	}
	if len(plain) < 1+16+8+8+16 || plain[0] != challengeVersion {
		return challengeClaims{}, errChallengeShape
	}
	var c challengeClaims
	copy(c.userID[:], plain[1:17])
	c.issued = time.Unix(int64(binary.BigEndian.Uint64(plain[17:25])), 0)
	c.expires = time.Unix(int64(binary.BigEndian.Uint64(plain[25:33])), 0)
	copy(c.nonce[:], plain[33:49])
	return c, nil
}

// userHandle is the opaque ~51-byte user.id Entra sends: stable per user, revealing nothing.
func (s *Server) userHandle(userID uuid.UUID) []byte {
	m := hmac.New(sha512.New, s.secrets.userHandleKey)
	m.Write(userID[:])
	return m.Sum(nil)[:userHandleLen]
}
