package emulator

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
)

// call is one routed request with what the handlers need from its path.
type call struct {
	w       http.ResponseWriter
	r       *http.Request
	route   Route
	version string // "v1.0" or "beta"
	user    string // the user segment, unescaped; "me" for /me
	item    string // the segment after fido2Methods, unescaped
	fault   string // which injected fault shaped the answer, for the log
}

type handler func(s *Server, c *call)

// ServeHTTP stamps the ids, applies pending faults, routes and logs the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w}
	reqID := uuid.NewString()
	clientID := r.Header.Get("client-request-id")
	if clientID == "" {
		clientID = reqID
	}
	h := w.Header()
	h.Set("request-id", reqID)
	h.Set("client-request-id", clientID)
	h.Set("Date", s.now().UTC().Format(http.TimeFormat))

	c, fn := s.route(r)
	c.w = rec
	entry := LoggedRequest{Time: s.now(), Method: r.Method, Path: r.URL.Path, Route: c.route,
		RequestID: reqID, ClientRequestID: clientID}
	defer func() {
		entry.Status, entry.Duration, entry.Fault = rec.status, time.Since(start), c.fault
		s.log.add(entry)
		if s.cfg.OnRequest != nil {
			s.cfg.OnRequest(entry)
		}
	}()

	if f, ok := s.faults.take(c.route, r.Method); ok {
		if f.Delay > 0 {
			c.fault = "delay"
			if !sleep(r.Context(), f.Delay) {
				return
			}
		}
		if f.Status != 0 {
			c.fault = http.StatusText(f.Status)
			if f.RetryAfter != "" {
				h.Set("Retry-After", f.RetryAfter)
			}
			if c.route.isOAuth() {
				s.writeOAuthError(rec, oerr(f.Status, "temporarily_unavailable", 50196, "The server is temporarily unavailable."))
			} else {
				s.writeGraphError(rec, faultError(f.Status))
			}
			return
		}
	}
	fn(s, c)
}

// route maps a path to its handler. Graph's literal segments are case-insensitive.
func (s *Server) route(r *http.Request) (*call, handler) {
	seg := segments(r.URL.EscapedPath())
	c := &call{r: r, route: RouteUnknown}
	is := func(i int, lit string) bool { return len(seg) > i && strings.EqualFold(seg[i], lit) }
	switch {
	case len(seg) >= 1 && (is(0, "v1.0") || is(0, "beta")):
		c.version = strings.ToLower(seg[0])
		return s.routeGraph(c, seg[1:])
	case len(seg) == 3 && is(0, "common") && is(1, "discovery") && is(2, "instance"):
		return c.with(RouteInstance, http.MethodGet, (*Server).handleInstance)
	case len(seg) == 1 && is(0, "devicelogin"):
		return c.with(RouteDeviceLogin, http.MethodGet, (*Server).handleDeviceLogin)
	case len(seg) == 4 && is(1, "v2.0") && is(2, ".well-known") && is(3, "openid-configuration"):
		return c.tenant(s, seg[0], RouteDiscovery, http.MethodGet, (*Server).handleDiscovery)
	case len(seg) == 4 && is(1, "discovery") && is(2, "v2.0") && is(3, "keys"):
		return c.tenant(s, seg[0], RouteKeys, http.MethodGet, (*Server).handleKeys)
	case len(seg) == 4 && is(1, "oauth2") && is(2, "v2.0") && is(3, "token"):
		return c.tenant(s, seg[0], RouteToken, http.MethodPost, (*Server).handleToken)
	case len(seg) == 4 && is(1, "oauth2") && is(2, "v2.0") && is(3, "devicecode"):
		return c.tenant(s, seg[0], RouteDeviceCode, http.MethodPost, (*Server).handleDeviceCode)
	case len(seg) == 4 && is(1, "oauth2") && is(2, "v2.0") && is(3, "authorize"):
		return c.tenant(s, seg[0], RouteAuthorize, "", (*Server).handleAuthorize)
	}
	return c, notFound
}

func (s *Server) routeGraph(c *call, seg []string) (*call, handler) {
	is := func(i int, lit string) bool { return len(seg) > i && strings.EqualFold(seg[i], lit) }
	var rest []string
	switch {
	case len(seg) == 4 && is(0, "policies") && is(1, "authenticationMethodsPolicy") &&
		is(2, "authenticationMethodConfigurations") && is(3, "fido2"):
		return c.with(RoutePolicy, http.MethodGet, (*Server).handlePolicy)
	case len(seg) >= 4 && is(0, "users") && is(2, "authentication") && is(3, "fido2Methods"):
		c.user, rest = seg[1], seg[4:]
	case len(seg) >= 3 && is(0, "me") && is(1, "authentication") && is(2, "fido2Methods"):
		c.user, rest = "me", seg[3:]
	default:
		if c, h, ok := s.routeDirectory(c, seg); ok {
			return c, h
		}
		return c, notFound
	}
	switch {
	case len(rest) == 0 && c.r.Method == http.MethodPost:
		return c.with(RouteRegister, http.MethodPost, (*Server).handleRegister)
	case len(rest) == 0:
		return c.with(RouteList, http.MethodGet, (*Server).handleList)
	case len(rest) == 1 && strings.HasPrefix(strings.ToLower(rest[0]), "creationoptions"):
		c.item = rest[0]
		return c.with(RouteCreationOptions, http.MethodGet, (*Server).handleCreationOptions)
	case len(rest) == 1 && c.r.Method == http.MethodDelete:
		c.item = rest[0]
		return c.with(RouteDelete, http.MethodDelete, (*Server).handleDelete)
	case len(rest) == 1:
		c.item = rest[0]
		return c.with(RouteGet, http.MethodGet, (*Server).handleGet)
	}
	return c, notFound
}

// with sets the route and refuses other HTTP methods with Graph's 405.
func (c *call) with(route Route, method string, h handler) (*call, handler) {
	c.route = route
	if method != "" && c.r.Method != method {
		return c, func(s *Server, c *call) {
			if route.isOAuth() {
				s.writeOAuthError(c.w, oerr(http.StatusMethodNotAllowed, "invalid_request", 900561, "The endpoint only accepts %s requests.", method))
				return
			}
			s.writeGraphError(c.w, errMethodNotAllowed)
		}
	}
	return c, h
}

// tenant accepts the configured tenant and the multi-tenant aliases MSAL may use.
func (c *call) tenant(s *Server, t string, route Route, method string, h handler) (*call, handler) {
	switch strings.ToLower(t) {
	case strings.ToLower(s.cfg.Tenant), "common", "organizations":
		return c.with(route, method, h)
	}
	c.route = route
	return c, func(s *Server, c *call) {
		s.writeOAuthError(c.w, oerr(http.StatusBadRequest, "invalid_tenant", 90002, "Tenant '%s' not found.", t))
	}
}

func notFound(s *Server, c *call) {
	seg := segments(c.r.URL.EscapedPath())
	last := ""
	if len(seg) > 0 {
		last = seg[len(seg)-1]
	}
	s.writeGraphError(c.w, gerr(http.StatusBadRequest, CodeODataBadRequest, "Resource not found for the segment '%s'.", last))
}

// segments splits an escaped path and unescapes each segment, so an escaped "/" or
// "#" inside a UPN stays inside its segment.
func segments(escaped string) []string {
	var out []string
	for _, p := range strings.Split(strings.Trim(escaped, "/"), "/") {
		if p == "" {
			continue
		}
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		out = append(out, p)
	}
	return out
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
