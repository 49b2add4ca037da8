// Package emulator is a local stand-in for Entra ID sign-in and the Microsoft Graph
// FIDO2 endpoints, faithful to their shapes and quirks, for tests and the offline demo.
package emulator

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Server is a running emulator. Its methods are safe for concurrent use.
type Server struct {
	cfg       Config
	rand      io.Reader
	now       func() time.Time
	listener  net.Listener
	http      *http.Server
	url       string
	certDir   string
	tmpDir    string
	ca        *certAuthority
	tokenKey  *rsa.PrivateKey
	tokenKID  string
	secrets   secrets
	roots     *x509.CertPool
	appCerts  map[string][]*x509.Certificate
	faults    Faults
	log       requestLog
	mu        sync.Mutex
	dir       directory
	revoked   map[string][]time.Time  // user id -> when revokeSignInSessions was called
	taps      map[string][]*IssuedTAP // user id -> passes issued, oldest first
	grants    grants
	closeOnce sync.Once
	closeErr  error
}

// Start validates cfg, prepares the CA and keys, and starts serving HTTPS.
func Start(cfg Config) (*Server, error) {
	s := &Server{cfg: cfg, rand: lockedReader(cfg.Rand), now: cfg.Now}
	if s.now == nil {
		s.now = time.Now
	}
	s.applyDefaults()
	if err := s.loadDirectory(); err != nil {
		return nil, err
	}
	if err := s.prepareKeys(); err != nil {
		s.removeTemp()
		return nil, err
	}
	if err := s.listen(); err != nil {
		s.removeTemp()
		return nil, err
	}
	return s, nil
}

func (s *Server) applyDefaults() {
	c := &s.cfg
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	if c.Tenant == "" {
		c.Tenant = DefaultTenant
	}
	if c.PageSize <= 0 {
		c.PageSize = 100
	}
	if c.TokenLifetime <= 0 {
		c.TokenLifetime = time.Hour
	}
	if c.Quirks.ExcludeIDEncoding == "" {
		c.Quirks.ExcludeIDEncoding = IDURLWithDigit
	}
	if c.Policy.ID == "" {
		c.Policy.ID = "Fido2"
	}
}

func (s *Server) prepareKeys() error {
	s.certDir = s.cfg.CertDir
	if s.certDir == "" {
		dir, err := os.MkdirTemp("", "entra-emulator-")
		if err != nil {
			return startError("creating the certificate directory", err)
		}
		s.certDir, s.tmpDir = dir, dir
	} else if err := os.MkdirAll(s.certDir, 0o700); err != nil {
		return startError("creating the certificate directory", err)
	}
	var err error
	if s.ca, err = loadOrCreateCA(s.certDir, s.rand); err != nil {
		return startError("preparing the CA", err)
	}
	if s.tokenKey, err = loadOrCreateTokenKey(s.certDir, s.rand); err != nil {
		return startError("preparing the token key", err)
	}
	s.tokenKID = keyID(&s.tokenKey.PublicKey)
	if s.secrets, err = newSecrets(s.rand, s.cfg.Tenant); err != nil {
		return startError("preparing the challenge key", err)
	}
	if s.roots, err = parseRoots(s.cfg.AttestationRoots); err != nil {
		return startError("reading the attestation roots", err)
	}
	if s.appCerts, err = parseAppCerts(s.cfg.Apps); err != nil {
		return startError("reading the app certificates", err)
	}
	return nil
}

func (s *Server) listen() error {
	cert, err := s.ca.serverCertificate(s.rand)
	if err != nil {
		return startError("issuing the server certificate", err)
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return startError("listening on "+s.cfg.Addr, err)
	}
	s.listener = ln
	s.url = "https://" + urlHost(ln.Addr())
	s.http = &http.Server{
		Handler:           s,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go func() { _ = s.http.ServeTLS(ln, "", "") }()
	return nil
}

// urlHost names the listener for URLs; a wildcard address is reached on loopback,
// which the server certificate covers.
func urlHost(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	ip := tcp.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
}

// URL is the HTTPS root, e.g. https://127.0.0.1:41234; Graph lives under URL()+"/v1.0".
func (s *Server) URL() string { return s.url }

// Authority is the sign-in authority for MSAL (with instance discovery disabled).
func (s *Server) Authority() string { return s.url + "/" + s.cfg.Tenant }

// Tenant is the directory id in the authority and in tokens.
func (s *Server) Tenant() string { return s.cfg.Tenant }

// CAFile is the path of the PEM CA clients must trust.
func (s *Server) CAFile() string { return filepath.Join(s.certDir, caFileName) }

// CAPEM is the CA certificate clients must trust, in PEM.
func (s *Server) CAPEM() []byte { return append([]byte(nil), s.ca.pem...) }

// Client returns an HTTP client that trusts the emulator's CA and nothing else.
func (s *Server) Client() *http.Client {
	pool := x509.NewCertPool()
	pool.AddCert(s.ca.cert)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// Faults gives access to runtime fault injection.
func (s *Server) Faults() *Faults { return &s.faults }

// Requests returns the request log so far (the latest entries, at most a few thousand).
func (s *Server) Requests() []LoggedRequest { return s.log.all() }

// Close stops serving at once, dropping open connections (a graceful HTTP/2
// shutdown would wait for clients' idle connections), and removes a temporary
// certificate directory.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		if err := s.http.Close(); err != nil {
			s.closeErr = fmt.Errorf("stopping the emulator: %w", err)
		}
		s.removeTemp()
	})
	return s.closeErr
}

func (s *Server) removeTemp() {
	if s.tmpDir != "" {
		_ = os.RemoveAll(s.tmpDir)
	}
}

// lockedReader serialises a caller's reader, which need not be safe for concurrent use.
func lockedReader(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return &syncReader{r: r}
}

type syncReader struct {
	mu sync.Mutex
	r  io.Reader
}

func (l *syncReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Read(p)
}
