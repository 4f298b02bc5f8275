package app

import (
	"time"

	"github.com/gregjones/httpcache"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentorbot/mentorbot/app/gh/transport"
)

// GitHub client settings.
const (
	githubTimeout   = 90 * time.Second // covers in-process rate-limit waits (at most a minute) too
	clientCacheSize = 256              // installation clients kept ready
)

// newClientCreator makes GitHub clients for the app and its installations:
// a user agent, a timeout per request, an HTTP cache that always revalidates (so a
// repeated read is a conditional request, free of rate limit), and the
// transport middleware: retries on 5xx, waits out rate limits (or hands the
// wait to the queue), at most one write per installation per second,
// metrics and debug logs.
func newClientCreator(cfg *Config, reg prometheus.Registerer) (githubapp.ClientCreator, error) {
	cache := newHTTPCache()
	delegate := githubapp.NewClientCreator(
		cfg.Github.V3APIURL,
		cfg.Github.V4APIURL,
		cfg.Github.App.IntegrationID,
		[]byte(cfg.Github.App.PrivateKey),
		githubapp.WithClientUserAgent("mentorbot/"+Version()),
		githubapp.WithClientCaching(true, func() httpcache.Cache { return cache }),
		// The timeout is a context per request (transport.Timeout), not
		// WithClientTimeout: that one held a goroutine for 90 s after
		// every non-2xx answer.
		// The budget keeper holds back work that can wait while an
		// installation's rate limit runs low; it sits outside Retry, so a
		// held-back request makes no attempt.
		githubapp.WithClientMiddleware(append([]githubapp.ClientMiddleware{transport.Timeout(githubTimeout),
			transport.NewBudget(reg, transport.DefaultReserve, cfg.Github.V4APIURL).Middleware()},
			transport.Stack(reg,
				transport.RetryOptions{GraphQLURL: cfg.Github.V4APIURL},
				transport.ThrottleOptions{GraphQLURL: cfg.Github.V4APIURL, Interval: cfg.Limits.WriteInterval},
			)...)...),
	)
	return githubapp.NewCachingClientCreator(delegate, clientCacheSize)
}
