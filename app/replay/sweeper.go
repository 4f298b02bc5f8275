package replay

import (
	"context"
	"sync"
	"time"
)

// Sweeper paces the periodic sweep of a running service. A sweep is due
// Interval after the last try. The first sweep looks back StartWindow (the
// service may have been down for days); each later one looks back to
// Window before the start of the last sweep that succeeded, so windows
// overlap and a failing sweep widens the next one, up to StartWindow.
type Sweeper struct {
	Interval    time.Duration
	Window      time.Duration
	StartWindow time.Duration

	mu      sync.Mutex // held during a sweep: one at a time
	lastTry time.Time
	lastOK  time.Time
}

// plan tells whether a sweep is due at now and where it starts.
func (s *Sweeper) plan(now time.Time) (since time.Time, due bool) {
	if !s.lastTry.IsZero() && now.Sub(s.lastTry) < s.Interval && !now.Before(s.lastTry) {
		return time.Time{}, false
	}
	earliest := now.Add(-s.StartWindow)
	if s.lastOK.IsZero() {
		return earliest, true
	}
	since = s.lastOK.Add(-s.Window)
	if since.Before(earliest) {
		since = earliest
	}
	return since, true
}

// Run sweeps with sweep when a sweep is due at now; ran tells whether it did.
func (s *Sweeper) Run(ctx context.Context, now time.Time, sweep func(ctx context.Context, since time.Time) error) (ran bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	since, due := s.plan(now)
	if !due {
		return false, nil
	}
	s.lastTry = now
	if err := sweep(ctx, since); err != nil {
		return true, err
	}
	s.lastOK = now
	return true, nil
}
