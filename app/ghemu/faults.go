package ghemu

import (
	"net/http"
	"path"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Fault makes matching requests fail or slow down before any handler runs,
// so a faulted call changes no state, unless AfterWrite is set. Faults are
// tried in the order they were injected; the first that matches applies.
type Fault struct {
	// Method matches the HTTP method; "" matches any.
	Method string
	// Path is a glob on the path after /api/v3 (or /api/graphql) where *
	// matches within one segment, e.g. "/repos/*/*/issues/*/comments".
	Path string
	// Mutation, when set, matches only GraphQL requests whose mutation has
	// this top-level field, e.g. "createDiscussion".
	Mutation string
	// AfterWrite lets the request take effect (state changed, webhooks
	// sent) and then answers Status (502 when zero) in place of a success,
	// as GitHub sometimes does. An answer that was an error stays as it was.
	AfterWrite bool
	// Status answers with this status and GitHub's error body.
	Status int
	// RetryAfter sets Retry-After (and the reset time of rate-limit faults).
	RetryAfter time.Duration
	// RateLimitReset answers 403 with X-RateLimit-Remaining: 0 and a reset time.
	RateLimitReset bool
	// SecondaryRateLimit answers 403 with Retry-After and GitHub's message.
	SecondaryRateLimit bool
	// Delay waits before answering (the real answer when nothing else is set).
	Delay time.Duration
	// Times is how many requests the fault applies to; 0 means always.
	Times int
}

type faultEntry struct {
	f    Fault
	left int // remaining applications; -1 for always
}

type faultSet struct {
	mu      sync.Mutex
	entries []*faultEntry
}

// InjectFault adds a fault and returns a function that removes it.
func (e *Emulator) InjectFault(f Fault) (remove func()) {
	fe := &faultEntry{f: f, left: f.Times}
	if f.Times == 0 {
		fe.left = -1
	}
	e.faults.mu.Lock()
	e.faults.entries = append(e.faults.entries, fe)
	e.faults.mu.Unlock()
	return func() {
		e.faults.mu.Lock()
		defer e.faults.mu.Unlock()
		for i, x := range e.faults.entries {
			if x == fe {
				e.faults.entries = append(e.faults.entries[:i], e.faults.entries[i+1:]...)
				return
			}
		}
	}
}

// take returns the first fault matching the request and uses it up once.
func (s *faultSet) take(q *req) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, fe := range s.entries {
		if fe.left == 0 || (fe.f.Method != "" && fe.f.Method != q.r.Method) {
			continue
		}
		if m, err := path.Match(fe.f.Path, q.path); err != nil || !m {
			continue
		}
		if fe.f.Mutation != "" && (q.kind != kindGraphQL || !slices.Contains(mutationFields(q), fe.f.Mutation)) {
			continue
		}
		if fe.left > 0 {
			fe.left--
		}
		return fe.f, true
	}
	return Fault{}, false
}

// applyFault waits the fault's delay and builds its answer; done is false
// when the fault only delays and the request goes on.
func (e *Emulator) applyFault(q *req, f Fault, key, resource string) (response, bool) {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-q.r.Context().Done():
			t.Stop()
		}
	}
	var rep reply
	switch {
	case f.RateLimitReset:
		rep = e.rateLimitExceeded(q)
		reset := f.RetryAfter
		if reset == 0 {
			reset = time.Minute
		}
		st := e.limits.use(key, resource, e.now(), false)
		rep = rep.with("X-RateLimit-Limit", strconv.Itoa(st.limit)).
			with("X-RateLimit-Remaining", "0").
			with("X-RateLimit-Used", strconv.Itoa(st.limit)).
			with("X-RateLimit-Reset", strconv.FormatInt(e.now().Add(reset).Unix(), 10)).
			with("X-RateLimit-Resource", resource)
	case f.SecondaryRateLimit:
		rep = errorReply(http.StatusForbidden, "You have exceeded a secondary rate limit. "+
			"Please wait a few minutes before you try again.")
		body := rep.body.(apiError)
		body.DocumentationURL = docsBase + "/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
		rep.body = body
		retry := f.RetryAfter
		if retry == 0 {
			retry = time.Minute
		}
		rep = rep.with("Retry-After", strconv.Itoa(int(retry.Round(time.Second)/time.Second)))
	case f.Status == http.StatusNotFound:
		rep = notFound()
	case f.Status != 0:
		rep = errorReply(f.Status, faultMessage(f.Status))
	default:
		return response{}, false
	}
	if f.RetryAfter > 0 && rep.header.Get("Retry-After") == "" {
		rep = rep.with("Retry-After", strconv.Itoa(int(f.RetryAfter.Round(time.Second)/time.Second)))
	}
	return e.finish(q, rep, key, resource, false), true
}

func faultMessage(status int) string {
	switch {
	case status >= 500:
		return "Server Error"
	case status == http.StatusUnprocessableEntity:
		return "Validation Failed"
	}
	return http.StatusText(status)
}

func mutationFields(q *req) []string {
	fields, _ := gqlMutation(q.body)
	return fields
}

// afterWrite answers a request that took effect as GitHub sometimes does:
// with a server error (f.Status, 502 when zero) instead of its success.
func (e *Emulator) afterWrite(q *req, f Fault, out response, key, resource string) response {
	if out.status >= 300 {
		return out
	}
	status := f.Status
	if status == 0 {
		status = http.StatusBadGateway
	}
	return e.finish(q, errorReply(status, faultMessage(status)), key, resource, false)
}
