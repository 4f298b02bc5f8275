package ghemu

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Rate-limit resources and budget keys.
const (
	resCore    = "core"
	resSearch  = "search"
	resGraphQL = "graphql"

	budgetApp  = "app"
	budgetAnon = "anonymous"

	anonLimit = 60
)

// rateLimiter keeps one budget per caller and resource, each a fixed
// window that starts at its first use.
type rateLimiter struct {
	mu      sync.Mutex
	core    int
	search  int
	budgets map[string]*budget
}

type budget struct {
	limit  int
	used   int
	window time.Duration
	reset  time.Time
}

// rateState is a budget as the headers show it.
type rateState struct {
	limit, used int
	reset       time.Time
	resource    string
}

func newRateLimiter(opts Options) rateLimiter {
	return rateLimiter{core: opts.RateLimit, search: opts.SearchRateLimit, budgets: map[string]*budget{}}
}

// get returns the budget for key and resource, opening a new window when
// the last one has passed. Callers hold l.mu.
func (l *rateLimiter) get(key, resource string, now time.Time) *budget {
	b := l.budgets[key+"/"+resource]
	if b == nil {
		b = &budget{limit: l.core, window: time.Hour}
		switch {
		case key == budgetAnon:
			b.limit = anonLimit
		case resource == resSearch:
			b.limit, b.window = l.search, time.Minute
		}
		l.budgets[key+"/"+resource] = b
	}
	if !now.Before(b.reset) {
		b.used, b.reset = 0, now.Add(b.window).Truncate(time.Second)
	}
	return b
}

// allow reports whether the budget has calls left.
func (l *rateLimiter) allow(key, resource string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.get(key, resource, now)
	return b.used < b.limit
}

// use counts a call when count is set and returns the budget's state.
func (l *rateLimiter) use(key, resource string, now time.Time, count bool) rateState {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.get(key, resource, now)
	if count && b.used < b.limit {
		b.used++
	}
	return rateState{limit: b.limit, used: b.used, reset: b.reset, resource: resource}
}

func (s rateState) setHeaders(h http.Header) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(s.limit-s.used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.reset.Unix(), 10))
	h.Set("X-RateLimit-Used", strconv.Itoa(s.used))
	h.Set("X-RateLimit-Resource", s.resource)
}

// rateLimitExceeded is GitHub's 403 for a spent primary budget.
func (e *Emulator) rateLimitExceeded(q *req) reply {
	who := "installation ID " + strconv.FormatInt(q.caller.installationID(), 10)
	if q.caller.kind != AuthToken {
		who = "this client"
	}
	r := errorReply(http.StatusForbidden, fmt.Sprintf("API rate limit exceeded for %s.", who))
	body := r.body.(apiError)
	body.DocumentationURL = docsBase + "/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit"
	r.body = body
	return r
}

// rateJSON is one resource of GET /rate_limit.
type rateJSON struct {
	Limit     int   `json:"limit"`
	Used      int   `json:"used"`
	Remaining int   `json:"remaining"`
	Reset     int64 `json:"reset"`
}

func (l *rateLimiter) snapshot(key, resource string, now time.Time) rateJSON {
	s := l.use(key, resource, now, false)
	return rateJSON{Limit: s.limit, Used: s.used, Remaining: s.limit - s.used, Reset: s.reset.Unix()}
}

// getRateLimit answers GET /rate_limit; it does not count against the budget.
func (e *Emulator) getRateLimit(q *req) reply {
	key, now := q.caller.budgetKey(), e.now()
	core := e.limits.snapshot(key, resCore, now)
	return ok(map[string]any{
		"resources": map[string]rateJSON{
			resCore:    core,
			resSearch:  e.limits.snapshot(key, resSearch, now),
			resGraphQL: e.limits.snapshot(key, resGraphQL, now),
		},
		"rate": core,
	})
}

// Rate-limit resources an installation's budget can be set for.
const (
	ResourceCore    = resCore
	ResourceGraphQL = resGraphQL
	ResourceSearch  = resSearch
)

// SetRateLimit puts an installation's budget for a resource (ResourceCore,
// ResourceGraphQL, ResourceSearch) in the state GitHub would report after
// heavy use: remaining calls left in a window that resets at reset. The
// budget then goes on as GitHub's does: each counted call lowers
// X-RateLimit-Remaining, the calls beyond it are refused with a 403, and
// the first call at or after reset opens a full window.
func (e *Emulator) SetRateLimit(installationID int64, resource string, remaining int, reset time.Time) {
	key := "installation:" + strconv.FormatInt(installationID, 10)
	l := &e.limits
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.get(key, resource, e.now())
	b.used = max(0, min(b.limit, b.limit-remaining))
	b.reset = reset.Truncate(time.Second)
}

// RateLimit returns what an installation's budget for a resource shows
// now, as the X-RateLimit headers would: its limit, the calls left and
// when the window resets.
func (e *Emulator) RateLimit(installationID int64, resource string) (limit, remaining int, reset time.Time) {
	s := e.limits.snapshot("installation:"+strconv.FormatInt(installationID, 10), resource, e.now())
	return s.Limit, s.Remaining, time.Unix(s.Reset, 0)
}
