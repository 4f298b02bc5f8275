package demo

import (
	"sync"
	"time"
)

// storyClock is the one clock of the demo: the emulator stamps issues,
// comments, reactions and webhooks with it, and the service decides,
// records and computes its figures with it. The story sets it to the time
// of each step; between two settings it runs on at the wall clock's pace,
// so that retries and leases, which wait real milliseconds, still come due.
type storyClock struct {
	mu   sync.Mutex
	at   time.Time // the story's time when it was last set
	wall time.Time // the wall clock then
}

func newStoryClock(start time.Time) *storyClock {
	return &storyClock{at: start.UTC(), wall: time.Now()}
}

// Now is the story's time.
func (c *storyClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at.Add(time.Since(c.wall))
}

// Set moves the story to t; never back, so the order of events holds.
func (c *storyClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now := c.at.Add(time.Since(c.wall)); t.Before(now) {
		t = now
	}
	c.at, c.wall = t.UTC(), time.Now()
}
