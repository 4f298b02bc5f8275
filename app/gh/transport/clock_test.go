package transport

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

var epoch = time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)

// fakeClock never blocks: Sleep records the wait and moves time on.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: epoch} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(max(d, 0))
	return nil
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// manualClock blocks sleepers until Advance moves time past their deadline
// or their context ends; each Sleep is announced on sleeping.
type manualClock struct {
	mu       sync.Mutex
	now      time.Time
	waiters  []manualWaiter
	sleeping chan time.Duration
}

type manualWaiter struct {
	until time.Time
	wake  chan struct{}
}

func newManualClock() *manualClock {
	return &manualClock{now: epoch, sleeping: make(chan time.Duration, 16)}
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	w := manualWaiter{until: c.now.Add(d), wake: make(chan struct{})}
	c.waiters = append(c.waiters, w)
	c.mu.Unlock()
	c.sleeping <- d
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-w.wake:
		return nil
	}
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.until.After(c.now) {
			kept = append(kept, w)
			continue
		}
		close(w.wake)
	}
	c.waiters = kept
}

func TestSystemClockSleep(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		d    time.Duration
		want error
	}{
		{"zero wait", context.Background(), 0, nil},
		{"short wait", context.Background(), time.Millisecond, nil},
		{"cancelled before a long wait", cancelled, time.Hour, context.Canceled},
		{"cancelled with no wait", cancelled, 0, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := SystemClock().Sleep(tt.ctx, tt.d); !errors.Is(err, tt.want) {
				t.Fatalf("Sleep() = %v, want %v", err, tt.want)
			}
		})
	}
}

// nextSleep returns the next announced wait, failing the test if none comes:
// a guard against hanging, not a timing assertion.
func nextSleep(t *testing.T, sleeping <-chan time.Duration) time.Duration {
	t.Helper()
	select {
	case d := <-sleeping:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("no Sleep call came")
		return 0
	}
}
