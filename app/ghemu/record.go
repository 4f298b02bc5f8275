package ghemu

import (
	"fmt"
	"sync"
	"time"
)

// Call is one request the emulator answered, faulted or not.
type Call struct {
	Time time.Time
	// Kind is rest, graphql or web.
	Kind   string
	Method string
	// Path is the unescaped path after /api/v3 for REST calls (as Fault.Path
	// matches it), /api/graphql for GraphQL and the full path for web pages.
	Path           string
	Query          string
	Status         int
	InstallationID int64
	// Auth is jwt, token or none.
	Auth string
	// Conditional is set when the request carried If-None-Match or If-Modified-Since.
	Conditional bool
	Body        []byte
	UserAgent   string
}

type recorder struct {
	mu    sync.Mutex
	calls []Call
	seq   uint64
}

func (r *recorder) add(c Call) {
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
}

// nextRequestID returns an X-GitHub-Request-Id shaped like GitHub's.
func (r *recorder) nextRequestID() string {
	r.mu.Lock()
	r.seq++
	n := r.seq
	r.mu.Unlock()
	return fmt.Sprintf("E3U1:%04X:%06X:%06X:%08X", n%0xFFFF, n*7919%0xFFFFFF, n*104729%0xFFFFFF, n)
}

// Calls returns the calls recorded so far, oldest first.
func (e *Emulator) Calls() []Call {
	e.rec.mu.Lock()
	defer e.rec.mu.Unlock()
	return append([]Call(nil), e.rec.calls...)
}

// ResetCalls forgets the recorded calls.
func (e *Emulator) ResetCalls() {
	e.rec.mu.Lock()
	e.rec.calls = nil
	e.rec.mu.Unlock()
}
