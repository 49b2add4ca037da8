package recovery

import (
	"sync"

	"github.com/entra-passkey/entra-passkey/internal/graph"
)

// CallLog collects Graph's request ids so each step of the record names the calls it
// made. Set its Observe as graph.Config.Observe of the client the recovery (and the
// replacement's registration) uses; the steps run one after another, so the calls
// between a step's start and end are that step's.
type CallLog struct {
	mu   sync.Mutex
	ids  []string
	next func(graph.Call)
}

// NewCallLog returns a log that passes every call on to next (nil: none), e.g. the
// CLI's debug log.
func NewCallLog(next func(graph.Call)) *CallLog { return &CallLog{next: next} }

// Observe records c's request-id (an attempt that got no answer has none).
func (l *CallLog) Observe(c graph.Call) {
	l.mu.Lock()
	if c.RequestID != "" {
		l.ids = append(l.ids, c.RequestID)
	}
	l.mu.Unlock()
	if l.next != nil {
		l.next(c)
	}
}

// take returns the ids since the last take and forgets them.
func (l *CallLog) take() []string {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	ids := l.ids
	l.ids = nil
	return ids
}
