package emulator

import (
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Fault changes how the emulator answers the next matching requests.
type Fault struct {
	// Route limits the fault to one endpoint; empty matches every route.
	Route Route
	// Method limits the fault to one HTTP method; empty matches any.
	Method string
	// Times is how many responses the fault affects (0 means 1).
	Times int
	// Status, if set, answers with this status and Graph's error envelope (an OAuth
	// error on the sign-in routes) instead of handling the request.
	Status int
	// RetryAfter is sent verbatim as the Retry-After header, e.g. "0.5" or "2".
	RetryAfter string
	// Delay is waited before answering (or before handling, when Status is 0).
	Delay time.Duration
	// ResetAfterStore makes the next request to Route (RouteRegister when empty) that
	// changes the tenant reset its connection instead of answering, so the client
	// can't know the outcome: a registration stored, a method or a Temporary Access
	// Pass deleted, a pass issued, sessions revoked. It waits for such a request;
	// Method, Status and Delay are ignored.
	ResetAfterStore bool
}

// Faults holds the pending faults; it is safe for concurrent use.
type Faults struct {
	mu    sync.Mutex
	rules []*faultRule
}

type faultRule struct {
	Fault
	left int
}

// Add queues a fault; faults match in the order they were added.
func (f *Faults) Add(fault Fault) {
	n := fault.Times
	if n <= 0 {
		n = 1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = append(f.rules, &faultRule{Fault: fault, left: n})
}

// Throttle answers the next n requests to route with 429 and the given Retry-After.
func (f *Faults) Throttle(route Route, n int, retryAfter string) {
	f.Add(Fault{Route: route, Times: n, Status: http.StatusTooManyRequests, RetryAfter: retryAfter})
}

// Fail answers the next n requests to route with status (e.g. 503 or 504).
func (f *Faults) Fail(route Route, n int, status int) {
	f.Add(Fault{Route: route, Times: n, Status: status})
}

// Delay holds the next n requests to route for d before handling them.
func (f *Faults) Delay(route Route, n int, d time.Duration) {
	f.Add(Fault{Route: route, Times: n, Delay: d})
}

// ResetAfterStore resets the connection of the next registration that is stored.
func (f *Faults) ResetAfterStore() {
	f.Add(Fault{Route: RouteRegister, Method: http.MethodPost, ResetAfterStore: true})
}

// ResetAfter resets the connection of the next request to route that changes the
// tenant (RouteRegister, RouteDelete, RouteTAP, RouteTAPDelete, RouteRevokeSessions),
// after the change is made.
func (f *Faults) ResetAfter(route Route) {
	f.Add(Fault{Route: route, ResetAfterStore: true})
}

// Clear drops every pending fault.
func (f *Faults) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = nil
}

// Pending counts the responses pending faults will still affect.
func (f *Faults) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.rules {
		n += r.left
	}
	return n
}

// take consumes one use of the first fault matching the request; reset faults
// wait for a stored registration (takeReset).
func (f *Faults) take(route Route, method string) (Fault, bool) {
	return f.first(func(r *faultRule) bool {
		return !r.ResetAfterStore && (r.Route == "" || r.Route == route) && (r.Method == "" || r.Method == method)
	})
}

// takeReset consumes one pending reset for route, if any.
func (f *Faults) takeReset(route Route) bool {
	_, ok := f.first(func(r *faultRule) bool {
		return r.ResetAfterStore && (r.Route == route || r.Route == "" && route == RouteRegister)
	})
	return ok
}

func (f *Faults) first(match func(*faultRule) bool) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, r := range f.rules {
		if !match(r) {
			continue
		}
		r.left--
		if r.left <= 0 {
			f.rules = append(f.rules[:i:i], f.rules[i+1:]...)
		}
		return r.Fault, true
	}
	return Fault{}, false
}

// faultError is the body Graph sends with an injected status.
func faultError(status int) *graphError {
	switch status {
	case http.StatusTooManyRequests:
		return gerr(status, "TooManyRequests", "Please retry again later.")
	case http.StatusServiceUnavailable:
		return gerr(status, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later.")
	case http.StatusGatewayTimeout:
		return gerr(status, "gatewayTimeout", "The gateway timed out waiting for the service.")
	default:
		return gerr(status, "generalException", "%s", http.StatusText(status))
	}
}

// Sprinkle queues faults for about one request in ten of the next requests: each is,
// at random, a 429 (Retry-After retryAfter) or a 503 on one of routes, or a reset after
// a stored registration. Tests use it to run a workload against a Graph that misbehaves
// as the real one does under load; r makes the run repeatable.
func (f *Faults) Sprinkle(r *rand.Rand, requests int, routes []Route, retryAfter string) {
	for range requests {
		if r.IntN(10) != 0 {
			continue
		}
		switch r.IntN(3) {
		case 0:
			f.Throttle(routes[r.IntN(len(routes))], 1, retryAfter)
		case 1:
			f.Fail(routes[r.IntN(len(routes))], 1, http.StatusServiceUnavailable)
		default:
			f.ResetAfterStore()
		}
	}
}
