package transport

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/palantir/go-githubapp/githubapp"
)

// Retry defaults.
const (
	DefaultMaxAttempts = 4
	DefaultBaseDelay   = 200 * time.Millisecond
	DefaultMaxDelay    = 10 * time.Second
	DefaultMaxWait     = 60 * time.Second
)

// RetryOptions configures Retry; zero fields take the defaults.
type RetryOptions struct {
	// MaxAttempts counts every try, the first included (default 4).
	MaxAttempts int
	// BaseDelay and MaxDelay bound the exponential backoff after a server
	// error or a network error: the n-th retry waits a random time in
	// [0, min(MaxDelay, BaseDelay·2^(n-1))] ("full jitter"; 200 ms, 10 s).
	BaseDelay, MaxDelay time.Duration
	// MaxWait is the longest rate-limit wait done in-process (default 60 s);
	// a longer one returns *RateLimitError at once.
	MaxWait time.Duration
	// GraphQLURL is the v4 API URL, so that GraphQL queries are retried as
	// reads; empty matches any path ending in "/graphql".
	GraphQLURL string
	// Clock sleeps between attempts (default SystemClock).
	Clock Clock
	// Jitter returns a random duration in [0, d] (default uniform).
	Jitter func(d time.Duration) time.Duration
}

func (o RetryOptions) withDefaults() RetryOptions {
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.BaseDelay <= 0 {
		o.BaseDelay = DefaultBaseDelay
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = DefaultMaxDelay
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.Clock == nil {
		o.Clock = SystemClock()
	}
	if o.Jitter == nil {
		o.Jitter = func(d time.Duration) time.Duration { return rand.N(d + 1) }
	}
	return o
}

// Retry returns middleware that tries a request again after a transient
// failure, replaying its body through req.GetBody (a body without GetBody is
// sent once and never retried).
//
// Reads (GET, HEAD, OPTIONS, GraphQL queries) are retried on 500, 502, 503,
// 504 and on any network error. Writes (POST, PATCH, PUT, DELETE, GraphQL
// mutations) are never retried after GitHub may have seen them: GitHub
// sometimes applies a write and still answers 5xx, and a second try would
// post a second comment or discussion. A write's 5xx goes back to the
// caller, whose durable queue runs the whole handler again; the handler
// looks for its hidden marker before creating anything, so the retry finds
// the write that landed. A write is sent again only when GitHub cannot have
// acted on it: after a network error met before its headers were written,
// after a failed installation token refresh, and after a rate-limit answer
// (GitHub refuses a rate-limited request without applying it).
//
// Rate limits follow GitHub's guidance: a 403 or 429 with Retry-After is a
// secondary limit of that length; one with X-RateLimit-Remaining: 0 lasts
// until X-RateLimit-Reset; any other 429, or a 403 whose message names a
// secondary limit, lasts one minute; a GraphQL 200 whose errors say
// RATE_LIMITED lasts until X-RateLimit-Reset. A limit is waited out with
// Clock.Sleep when the wait is at most MaxWait; otherwise, or when no attempt
// is left, the answer is replaced by a *RateLimitError. Every wait ends early
// with the request's context.
func Retry(opts RetryOptions) githubapp.ClientMiddleware {
	opts = opts.withDefaults()
	return func(next http.RoundTripper) http.RoundTripper {
		return &retryTransport{opts: opts, next: next}
	}
}

type retryTransport struct {
	opts RetryOptions
	next http.RoundTripper
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	canReplay := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	write := isWrite(req, t.opts.GraphQLURL)
	for attempt := 1; ; attempt++ {
		last := attempt >= t.opts.MaxAttempts || !canReplay
		r, written, err := t.attempt(req, attempt, write)
		if err != nil {
			return nil, err
		}
		resp, err := t.next.RoundTrip(r)

		var wait time.Duration
		switch {
		case err != nil:
			if last || ctx.Err() != nil || !retryableError(err, write, written.Load()) {
				return nil, err
			}
			wait = t.backoff(attempt)
		default:
			now := t.opts.Clock.Now()
			if limit := rateLimit(resp, now); limit != nil {
				wait = max(limit.Until.Sub(now), 0)
				if last || wait > t.opts.MaxWait {
					discard(resp)
					return nil, limit
				}
			} else if last || !retryableStatus(resp.StatusCode, write) {
				return resp, nil
			} else {
				wait = t.backoff(attempt)
			}
			discard(resp)
		}
		if err := t.opts.Clock.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("wait to retry github request: %w", err)
		}
	}
}

// attempt returns the request for one try: a clone with a fresh body from
// GetBody after the first, traced for writes so that a network error can be
// told apart from one that came after the headers were written.
func (t *retryTransport) attempt(req *http.Request, n int, write bool) (*http.Request, *atomic.Bool, error) {
	written := new(atomic.Bool)
	ctx := req.Context()
	if write {
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { written.Store(true) }})
	}
	r := req.Clone(ctx)
	if n > 1 && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, nil, fmt.Errorf("replay request body: %w", err)
		}
		r.Body = body
	}
	return r, written, nil
}

// backoff returns the wait before retry n (1 for the first retry).
func (t *retryTransport) backoff(n int) time.Duration {
	ceiling := t.opts.BaseDelay
	for i := 1; i < n && ceiling < t.opts.MaxDelay; i++ {
		ceiling *= 2
	}
	return t.opts.Jitter(min(ceiling, t.opts.MaxDelay))
}

// retryableStatus reports whether an answer with this status may be tried
// again: a server error, for a read only (a write may have landed).
func retryableStatus(code int, write bool) bool {
	if write {
		return false
	}
	switch code {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	default:
		return false
	}
}

// retryableError reports whether a request that failed with err may be sent
// again: never after a cancellation or a certificate failure; after a failed
// installation token refresh (the request itself was not sent) when that was
// a network error or a 5xx; otherwise for reads always, for writes only when
// nothing of the request was written.
func retryableError(err error, write, written bool) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return false
	}
	var tokenErr *ghinstallation.HTTPError
	if errors.As(err, &tokenErr) {
		if tokenErr.RootCause != nil {
			return true
		}
		if tokenErr.Response == nil || tokenErr.Response.StatusCode < 500 {
			return false
		}
		discard(tokenErr.Response)
		return true
	}
	return !write || !written
}
