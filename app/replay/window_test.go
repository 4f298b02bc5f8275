package replay

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

var t0 = time.Date(2026, 12, 3, 17, 0, 0, 0, time.UTC)

// attempt is one line of GitHub's delivery log.
func attempt(id int64, guid, event string, minutesAgo int) *github.HookDelivery {
	d := &github.HookDelivery{ID: github.Int64(id), Event: github.String(event), StatusCode: github.Int(503)}
	if guid != "" {
		d.GUID = github.String(guid)
	}
	if minutesAgo >= 0 {
		d.DeliveredAt = &github.Timestamp{Time: t0.Add(-time.Duration(minutesAgo) * time.Minute)}
	}
	return d
}

func TestWindow(t *testing.T) {
	handled := map[string]bool{"issues": true, "pull_request": true}
	cases := []struct {
		name      string
		pages     [][]*github.HookDelivery
		more      []bool // what add answers, page by page
		found     []string
		attempts  []int64 // the attempt each found delivery is fetched from
		unhandled int
		total     int
	}{
		{
			name:  "one page, all in the window",
			pages: [][]*github.HookDelivery{{attempt(3, "c", "issues", 1), attempt(2, "b", "pull_request", 2), attempt(1, "a", "issues", 3)}},
			more:  []bool{true}, found: []string{"c", "b", "a"}, attempts: []int64{3, 2, 1}, total: 3,
		},
		{
			name: "redeliveries share a GUID: counted once, fetched from the newest attempt",
			pages: [][]*github.HookDelivery{
				{attempt(9, "a", "issues", 1), attempt(8, "b", "issues", 2)},
				{attempt(7, "a", "issues", 3), attempt(6, "a", "issues", 4)},
			},
			more: []bool{true, true}, found: []string{"a", "b"}, attempts: []int64{9, 8}, total: 4,
		},
		{
			name: "stops at the first attempt older than since",
			pages: [][]*github.HookDelivery{
				{attempt(5, "e", "issues", 10), attempt(4, "d", "issues", 59)},
				{attempt(3, "c", "issues", 61), attempt(2, "b", "issues", 1)},
			},
			more: []bool{true, false}, found: []string{"e", "d"}, attempts: []int64{5, 4}, total: 2,
		},
		{
			name:  "events the app does not handle are skipped, once per GUID",
			pages: [][]*github.HookDelivery{{attempt(4, "w", "watch", 1), attempt(3, "w", "watch", 2), attempt(2, "s", "star", 3), attempt(1, "i", "issues", 4)}},
			more:  []bool{true}, found: []string{"i"}, attempts: []int64{1}, unhandled: 2, total: 4,
		},
		{
			name:  "no GUID or no time",
			pages: [][]*github.HookDelivery{{attempt(2, "", "issues", 1), attempt(1, "t", "issues", -1)}},
			more:  []bool{true}, found: []string{"t"}, attempts: []int64{1}, total: 2,
		},
		{
			name: "empty log", pages: [][]*github.HookDelivery{{}}, more: []bool{true},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWindow(t0.Add(-time.Hour), handled)
			for i, p := range c.pages {
				if got := w.add(p); got != c.more[i] {
					t.Fatalf("page %d: add = %v, want %v", i, got, c.more[i])
				}
			}
			var ids []int64
			for _, f := range w.found {
				ids = append(ids, f.attempt)
			}
			if !slices.Equal(w.guids(), c.found) || !slices.Equal(ids, c.attempts) {
				t.Errorf("found %v from attempts %v; want %v from %v", w.guids(), ids, c.found, c.attempts)
			}
			if len(w.unhandled) != c.unhandled || w.attempts != c.total {
				t.Errorf("unhandled %d, attempts %d; want %d, %d", len(w.unhandled), w.attempts, c.unhandled, c.total)
			}
		})
	}
}
