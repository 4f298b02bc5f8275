package transport

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"
)

// fromCache is the header httpcache sets on answers it served from its store.
const fromCache = "X-From-Cache"

type metrics struct {
	requests  *prometheus.CounterVec
	duration  prometheus.Histogram
	remaining *prometheus.GaugeVec
	cached    prometheus.Counter
}

// Metrics returns middleware that records every GitHub round trip in reg:
//
//	mentorbot_github_requests_total{method,status}   status is the code, or "error"
//	mentorbot_github_request_duration_seconds        one round trip, cache included
//	mentorbot_github_rate_limit_remaining{resource}  X-RateLimit-Remaining by X-RateLimit-Resource
//	mentorbot_github_cached_responses_total          answers marked "X-From-Cache: 1"
//
// The gauge is not updated from cached answers, whose headers may be old.
// Calling Metrics again with the same registerer reuses the collectors.
func Metrics(reg prometheus.Registerer) githubapp.ClientMiddleware {
	m := &metrics{
		requests: register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mentorbot_github_requests_total",
			Help: "GitHub API requests by method and status code (\"error\" when no answer came).",
		}, []string{"method", "status"})),
		duration: register(reg, prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "mentorbot_github_request_duration_seconds",
			Help:    "Duration of GitHub API round trips.",
			Buckets: []float64{0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
		})),
		remaining: register(reg, prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "mentorbot_github_rate_limit_remaining",
			Help: "Requests left in the current GitHub rate-limit window, by resource.",
		}, []string{"resource"})),
		cached: register(reg, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "mentorbot_github_cached_responses_total",
			Help: "GitHub API answers served from the HTTP cache, revalidated or not.",
		})),
	}
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			start := time.Now()
			resp, err := next.RoundTrip(req)
			m.observe(req, resp, err, time.Since(start))
			return resp, err
		})
	}
}

func (m *metrics) observe(req *http.Request, resp *http.Response, err error, d time.Duration) {
	m.duration.Observe(d.Seconds())
	if err != nil || resp == nil {
		m.requests.WithLabelValues(req.Method, "error").Inc()
		return
	}
	m.requests.WithLabelValues(req.Method, strconv.Itoa(resp.StatusCode)).Inc()
	if resp.Header.Get(fromCache) != "" {
		m.cached.Inc()
		return
	}
	if n, ok := remaining(resp.Header); ok {
		resource := resp.Header.Get("X-RateLimit-Resource")
		if resource == "" {
			resource = "unknown"
		}
		m.remaining.WithLabelValues(resource).Set(float64(n))
	}
}

func remaining(h http.Header) (int64, bool) {
	n, err := strconv.ParseInt(h.Get("X-RateLimit-Remaining"), 10, 64)
	return n, err == nil
}

// register registers c with reg (if any) and returns it, or the collector
// already registered under the same description.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if reg == nil {
		return c
	}
	if err := reg.Register(c); err != nil {
		var dup prometheus.AlreadyRegisteredError
		if errors.As(err, &dup) {
			if existing, ok := dup.ExistingCollector.(C); ok {
				return existing
			}
		}
		panic(err)
	}
	return c
}
