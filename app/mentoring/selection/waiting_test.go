package selection

import (
	"slices"
	"testing"
	"time"
)

func TestNextWaiting(t *testing.T) {
	t0 := now.Add(-10 * time.Hour)
	hour := time.Hour
	tests := []struct {
		name       string
		waiting    []Waiter
		cands      []Candidate
		wantKey    string
		wantMentor string
		wantOK     bool
	}{
		{"nobody waits", nil, roster("ada"), "", "", false},
		{
			name: "earliest first",
			waiting: []Waiter{
				{Key: "r/1#3", Author: "late", Since: t0.Add(2 * hour)},
				{Key: "r/1#2", Author: "early", Since: t0},
				{Key: "r/1#1", Author: "middle", Since: t0.Add(hour)},
			},
			cands:   roster("ada"),
			wantKey: "r/1#2", wantMentor: "ada", wantOK: true,
		},
		{
			name: "key breaks a tie",
			waiting: []Waiter{
				{Key: "b", Author: "x", Since: t0},
				{Key: "a", Author: "y", Since: t0},
			},
			cands:   roster("ada"),
			wantKey: "a", wantMentor: "ada", wantOK: true,
		},
		{
			name: "a waiter nobody can take does not block",
			waiting: []Waiter{
				{Key: "1", Author: "ada", Since: t0},
				{Key: "2", Author: "newbie", Since: t0.Add(hour)},
			},
			cands:   with(roster("ada", "bob"), 1, func(c *Candidate) { c.Active = 3 }),
			wantKey: "2", wantMentor: "ada", wantOK: true,
		},
		{
			name: "nobody eligible",
			waiting: []Waiter{
				{Key: "2", Author: "newbie", Since: t0.Add(hour)},
				{Key: "1", Author: "other", Since: t0},
			},
			cands:   with(roster("ada"), 0, func(c *Candidate) { c.Away = true }),
			wantKey: "1", wantOK: false,
		},
		{
			name:    "areas and previous mentor are used",
			waiting: []Waiter{{Key: "1", Author: "newbie", Since: t0, Areas: []string{"docs"}, Previous: "bob"}},
			cands: with(with(roster("ada", "bob", "cy"), 1, func(c *Candidate) { c.Areas = []string{"docs"} }), 2,
				func(c *Candidate) { c.Areas = []string{"docs"} }),
			wantKey: "1", wantMentor: "cy", wantOK: true,
		},
		{
			name:    "a mentor back from leave serves the queue",
			waiting: []Waiter{{Key: "1", Author: "newbie", Since: t0}},
			cands:   with(roster("ada"), 0, func(c *Candidate) { c.AwayUntil = now.Add(-time.Minute) }),
			wantKey: "1", wantMentor: "ada", wantOK: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.waiting)
			w, d, ok := NextWaiting(tt.waiting, tt.cands, now)
			if ok != tt.wantOK || w.Key != tt.wantKey || d.Mentor != tt.wantMentor {
				t.Errorf("NextWaiting = (%q, %q, %v), want (%q, %q, %v)", w.Key, d.Mentor, ok, tt.wantKey, tt.wantMentor, tt.wantOK)
			}
			if !ok && len(tt.waiting) > 0 && len(d.Filtered) == 0 {
				t.Errorf("no mentor and no reason: %+v", d)
			}
			for i := range before {
				if before[i].Key != tt.waiting[i].Key {
					t.Fatalf("NextWaiting reordered its input")
				}
			}
		})
	}
}
