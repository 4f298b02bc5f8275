package transport

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
)

// DefaultWriteInterval is GitHub's guidance against secondary rate limits:
// at most one content-creating request per second.
const DefaultWriteInterval = time.Second

// ThrottleOptions configures Throttle; zero fields take the defaults.
type ThrottleOptions struct {
	// Interval is the least time between the starts of two writes for the
	// same installation (default 1 s).
	Interval time.Duration
	// GraphQLURL is the v4 API URL, so that GraphQL queries are not
	// throttled; empty matches any path ending in "/graphql".
	GraphQLURL string
	// Installation names the installation a request acts for (default
	// InstallationFromRequest). Requests it names none for share one queue.
	Installation func(*http.Request) (int64, bool)
	// Clock tells the time and waits (default SystemClock).
	Clock Clock
}

// Throttle returns middleware that spaces content-creating requests (POST,
// PATCH, PUT, DELETE and GraphQL mutations; not GraphQL queries) at least
// Interval apart per installation. Installations never wait for each other,
// and a wait ends early, with the context's error, when the request's
// context is done. State is shared by all clients the middleware wraps.
func Throttle(opts ThrottleOptions) githubapp.ClientMiddleware {
	if opts.Interval <= 0 {
		opts.Interval = DefaultWriteInterval
	}
	if opts.Installation == nil {
		opts.Installation = InstallationFromRequest
	}
	if opts.Clock == nil {
		opts.Clock = SystemClock()
	}
	s := &scheduler{interval: opts.Interval, clock: opts.Clock, next: map[int64]time.Time{}}
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(req *http.Request) (*http.Response, error) {
			if req.Method == http.MethodPost && isGraphQL(req.URL, opts.GraphQLURL) {
				r, err := replayable(req)
				if err != nil {
					return nil, err
				}
				req = r
			}
			if isWrite(req, opts.GraphQLURL) {
				id, _ := opts.Installation(req)
				wait := s.wait
				if isDeferrable(req.Context()) {
					wait = s.waitBehind // people's writes go first
				}
				if err := wait(req.Context(), id); err != nil {
					closeBody(req)
					return nil, fmt.Errorf("wait for write slot of installation %d: %w", id, err)
				}
			}
			return next.RoundTrip(req)
		})
	}
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// pruneAbove is the number of tracked installations above which those whose
// slot has passed are forgotten.
const pruneAbove = 1024

// scheduler hands out start times per key, interval apart.
type scheduler struct {
	mu       sync.Mutex
	next     map[int64]time.Time // earliest start of the key's next write
	interval time.Duration
	clock    Clock
}

// wait blocks until key's next slot, which it takes.
func (s *scheduler) wait(ctx context.Context, key int64) error {
	s.mu.Lock()
	now := s.clock.Now()
	slot := s.reserve(key, now)
	s.mu.Unlock()
	return s.sleepUntil(ctx, key, now, slot)
}

// waitBehind takes a slot for work that can wait (Deferrable): only once
// at most one write is booked ahead of it, so that writes for people
// (welcomes, replies) booked while it waits go first when the
// installation's content budget is the bottleneck.
func (s *scheduler) waitBehind(ctx context.Context, key int64) error {
	for {
		s.mu.Lock()
		now := s.clock.Now()
		if n, ok := s.next[key]; ok && n.After(now.Add(s.interval)) {
			s.mu.Unlock()
			if err := s.clock.Sleep(ctx, n.Sub(now)-s.interval); err != nil {
				return err
			}
			continue
		}
		slot := s.reserve(key, now)
		s.mu.Unlock()
		return s.sleepUntil(ctx, key, now, slot)
	}
}

// reserve books key's next slot; s.mu is held.
func (s *scheduler) reserve(key int64, now time.Time) time.Time {
	slot := now
	if n, ok := s.next[key]; ok && n.After(now) {
		slot = n
	}
	s.next[key] = slot.Add(s.interval)
	if len(s.next) > pruneAbove {
		for k, n := range s.next {
			if !n.After(now) {
				delete(s.next, k)
			}
		}
	}
	return slot
}

// sleepUntil waits for a booked slot, giving it back if the wait ends early.
func (s *scheduler) sleepUntil(ctx context.Context, key int64, now, slot time.Time) error {
	if d := slot.Sub(now); d > 0 {
		if err := s.clock.Sleep(ctx, d); err != nil {
			s.release(key, slot)
			return err
		}
	}
	return nil
}

// release gives an unused slot back, unless a later one was handed out since.
func (s *scheduler) release(key int64, slot time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next[key].Equal(slot.Add(s.interval)) {
		s.next[key] = slot
	}
}
