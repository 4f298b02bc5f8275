package transport

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"
)

// DefaultReserve is the share of an installation's rate limit kept for work
// that cannot wait: welcomes, claims and replies to people.
const DefaultReserve = 0.2

type deferrableKey struct{}

// Deferrable marks work that can wait (scans, reminders, recaps, digests):
// its requests are not sent while the installation's budget is below the
// reserve, and fail with a *DeferredError until the budget resets.
func Deferrable(ctx context.Context) context.Context {
	return context.WithValue(ctx, deferrableKey{}, true)
}

func isDeferrable(ctx context.Context) bool { v, _ := ctx.Value(deferrableKey{}).(bool); return v }

// DeferredError is a deferrable request that was not sent because the
// installation's budget is low; the work is due again at Until.
type DeferredError struct {
	Installation int64
	Resource     string
	Until        time.Time
}

func (e *DeferredError) Error() string {
	return fmt.Sprintf("deferred: installation %d's %s budget is below the reserve until %s",
		e.Installation, e.Resource, e.Until.UTC().Format(time.RFC3339))
}

// Budget keeps each installation's rate-limit budget as GitHub's answers
// report it (X-RateLimit-Limit, -Remaining, -Reset, -Resource) and holds
// back deferrable requests while it is below the reserve.
type Budget struct {
	reserve    float64
	graphQLURL string
	now        func() time.Time

	mu   sync.Mutex
	book map[budgetKey]budgetState

	deferred  *prometheus.CounterVec
	remaining *prometheus.Desc
	limit     *prometheus.Desc
}

type budgetKey struct {
	installation int64
	resource     string
}

type budgetState struct {
	limit, remaining int64
	reset            time.Time
}

// NewBudget makes a budget keeper with its metrics registered on reg.
func NewBudget(reg prometheus.Registerer, reserve float64, graphQLURL string) *Budget {
	b := &Budget{
		reserve: reserve, graphQLURL: graphQLURL, now: time.Now, book: map[budgetKey]budgetState{},
		deferred: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentorbot_github_deferred_total",
			Help: "Deferrable GitHub requests held back because the installation's budget was below the reserve, by resource.",
		}, []string{"resource"}),
		remaining: prometheus.NewDesc("mentorbot_github_budget_remaining",
			"Requests left in each installation's rate-limit window, by resource, as GitHub last reported.", []string{"installation", "resource"}, nil),
		limit: prometheus.NewDesc("mentorbot_github_budget_limit",
			"Each installation's rate limit per window, by resource, as GitHub last reported.", []string{"installation", "resource"}, nil),
	}
	for _, r := range []string{"core", "graphql", "search"} {
		b.deferred.WithLabelValues(r)
	}
	if reg != nil {
		reg.MustRegister(b)
	}
	return b
}

// Describe and Collect make the budget a Prometheus collector.
func (b *Budget) Describe(ch chan<- *prometheus.Desc) {
	b.deferred.Describe(ch)
	ch <- b.remaining
	ch <- b.limit
}

func (b *Budget) Collect(ch chan<- prometheus.Metric) {
	b.deferred.Collect(ch)
	b.mu.Lock()
	defer b.mu.Unlock()
	for k, s := range b.book {
		id := strconv.FormatInt(k.installation, 10)
		ch <- prometheus.MustNewConstMetric(b.remaining, prometheus.GaugeValue, float64(s.remaining), id, k.resource)
		ch <- prometheus.MustNewConstMetric(b.limit, prometheus.GaugeValue, float64(s.limit), id, k.resource)
	}
}

// Middleware records every installation answer's budget and refuses a
// deferrable request, without sending it, while the budget is low. Put it
// outside Retry, so a held-back request makes no attempt at all.
func (b *Budget) Middleware() githubapp.ClientMiddleware {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			id, ok := InstallationFromRequest(req)
			if !ok {
				return next.RoundTrip(req)
			}
			key := budgetKey{id, b.resourceOf(req)}
			if isDeferrable(req.Context()) {
				if until, low := b.low(key); low {
					b.deferred.WithLabelValues(key.resource).Inc()
					return nil, &DeferredError{Installation: id, Resource: key.resource, Until: until}
				}
			}
			resp, err := next.RoundTrip(req)
			if err == nil {
				b.observe(id, resp)
			}
			return resp, err
		})
	}
}

// low tells whether the budget is below the reserve, and until when.
func (b *Budget) low(k budgetKey) (time.Time, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s, ok := b.book[k]
	if !ok || s.limit <= 0 || !b.now().Before(s.reset) {
		return time.Time{}, false
	}
	return s.reset, float64(s.remaining) < b.reserve*float64(s.limit)
}

func (b *Budget) observe(id int64, resp *http.Response) {
	h := resp.Header
	if h.Get("X-From-Cache") != "" { // a stored answer's headers are old news
		return
	}
	limit, err := strconv.ParseInt(h.Get("X-RateLimit-Limit"), 10, 64)
	left, ok := remaining(h)
	if err != nil || !ok || h.Get("X-RateLimit-Reset") == "" {
		return
	}
	reset := resetTime(h.Get("X-RateLimit-Reset"), b.now())
	resource := h.Get("X-RateLimit-Resource")
	if resource == "" {
		resource = b.resourceOf(resp.Request)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.book[budgetKey{id, resource}] = budgetState{limit: limit, remaining: left, reset: reset}
}

// resourceOf names the budget a request draws on.
func (b *Budget) resourceOf(req *http.Request) string {
	switch {
	case req == nil:
		return "core"
	case b.graphQLURL != "" && strings.HasPrefix(req.URL.String(), strings.TrimSuffix(b.graphQLURL, "/")):
		return "graphql"
	case strings.Contains(req.URL.Path, "/search/"):
		return "search"
	default:
		return "core"
	}
}
