package emulator

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Route names an endpoint, for faults and the request log.
type Route string

// The emulator's routes.
const (
	RouteDiscovery       Route = "openid-configuration"
	RouteInstance        Route = "instance-discovery"
	RouteKeys            Route = "keys"
	RouteToken           Route = "token"
	RouteDeviceCode      Route = "devicecode"
	RouteAuthorize       Route = "authorize"
	RouteDeviceLogin     Route = "devicelogin"
	RouteCreationOptions Route = "creationOptions"
	RouteRegister        Route = "register"
	RouteList            Route = "list"
	RouteGet             Route = "get"
	RouteDelete          Route = "delete"
	RoutePolicy          Route = "policy"
	RouteGroups          Route = "groups"
	RouteGroup           Route = "group"
	RouteGroupMembers    Route = "groupMembers"
	RouteRemoveMember    Route = "removeMember"
	RouteUser            Route = "user"
	RouteRevokeSessions  Route = "revokeSignInSessions"
	RouteTAP             Route = "temporaryAccessPass"
	RouteTAPList         Route = "temporaryAccessPassList"
	RouteTAPGet          Route = "temporaryAccessPassGet"
	RouteTAPDelete       Route = "temporaryAccessPassDelete"
	RouteUnknown         Route = "unknown"
)

// isOAuth says whether a route belongs to the sign-in side, which answers in OAuth's
// error format rather than Graph's.
func (r Route) isOAuth() bool {
	switch r {
	case RouteDiscovery, RouteInstance, RouteKeys, RouteToken, RouteDeviceCode, RouteAuthorize, RouteDeviceLogin:
		return true
	}
	return false
}

// LoggedRequest is one request as the log keeps it: never a header other than the
// request ids, never a query, body, token or secret.
type LoggedRequest struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	// Path is the URL path without its query.
	Path            string        `json:"path"`
	Route           Route         `json:"route"`
	Status          int           `json:"status"`
	RequestID       string        `json:"requestId"`
	ClientRequestID string        `json:"clientRequestId"`
	Duration        time.Duration `json:"durationNs"`
	// Fault says which injected fault shaped the answer, if any.
	Fault string `json:"fault,omitempty"`
}

// maxLogged bounds the log of a long-running emulator; the oldest entries go first.
const maxLogged = 10000

type requestLog struct {
	mu      sync.Mutex
	entries []LoggedRequest
}

func (l *requestLog) add(e LoggedRequest) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) >= maxLogged {
		l.entries = append(l.entries[:0:0], l.entries[len(l.entries)-maxLogged/2:]...)
	}
	l.entries = append(l.entries, e)
}

func (l *requestLog) all() []LoggedRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]LoggedRequest(nil), l.entries...)
}

// statusRecorder remembers the status for the log and still lets a fault hijack.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("the connection can't be hijacked")
	}
	return h.Hijack()
}

func (w *statusRecorder) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
