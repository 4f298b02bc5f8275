package app

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/store"
)

// testClock is a clock a test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// A newcomer who opens a pull request at 23:00 in their mentor's zone is
// not nudged at night: the first-response clock starts at 09:00 the next
// working morning, the stored due time says so, and the nudge comes
// first_response_hours after it, not before.
func TestFirstResponseClockStartsAtWorkingHours(t *testing.T) {
	opened := time.Date(2026, 12, 7, 22, 0, 0, 0, time.UTC) // Monday, 23:00 in Berlin
	nine := time.Date(2026, 12, 8, 8, 0, 0, 0, time.UTC)    // Tuesday, 09:00 in Berlin
	clock := &testClock{now: opened}
	w := newWorldWith(t, "version: 1\nmentors:\n  - login: ana\n    timezone: Europe/Berlin\nassignment:\n  first_response_hours: 24\n",
		[]Option{WithClock(clock.Now)})
	n := w.openPR("newbie")
	w.settle()
	if w.mentorOf(n) != "ana" {
		t.Fatalf("mentor %q", w.mentorOf(n))
	}
	w.scheduleAt(opened.Add(time.Minute))
	w.scheduleAt(opened.Add(24*time.Hour + time.Minute)) // a day later, when the follow-up job looks again
	if got := countWith(w.botComments(n), "mentorbot:nudge:"); got != 0 {
		t.Fatalf("nudged 24h after a request at 23:00, before 24 working-clock hours")
	}
	dues, err := w.db.DueTimes(context.Background(), store.DueFollowUp)
	if err != nil {
		t.Fatal(err)
	}
	if d := dues[fmt.Sprintf("%s/%s#%d", org, repoName, n)]; !d.At.Equal(nine.Add(24 * time.Hour)) {
		t.Fatalf("follow-up due at %v, want %v (24h after 09:00 Berlin)", d.At, nine.Add(24*time.Hour))
	}
	for _, at := range []time.Time{nine.Add(24*time.Hour - time.Minute)} {
		w.scheduleAt(at)
		if got := countWith(w.botComments(n), "mentorbot:nudge:"); got != 0 {
			t.Fatalf("nudged at %v, before 24 working-clock hours", at)
		}
	}
	w.scheduleAt(nine.Add(24 * time.Hour))
	if got := countWith(w.botComments(n), "mentorbot:nudge:"); got != 1 {
		t.Fatalf("%d nudges 24h after 09:00, want 1", got)
	}
}
