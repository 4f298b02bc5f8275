package selection

import (
	"testing"
	"time"
)

func TestContinuity(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	base := func() []Candidate {
		return []Candidate{
			{Login: "ana", Capacity: 3, Order: 0},
			{Login: "bo", Capacity: 1, Active: 1, Order: 1, Current: true},
			{Login: "cy", Capacity: 3, Order: 2},
		}
	}
	tests := []struct {
		name string
		edit func([]Candidate, *Request)
		want string
		rule Rule
	}{
		{"keeps the current mentor, even at capacity", func([]Candidate, *Request) {}, "bo", RuleContinuity},
		{"not while away", func(c []Candidate, _ *Request) { c[1].Away = true }, "ana", ""},
		{"not while away until a date", func(c []Candidate, _ *Request) { c[1].AwayUntil = now.Add(48 * time.Hour) }, "ana", ""},
		{"back after the date", func(c []Candidate, _ *Request) { c[1].AwayUntil = now.Add(-time.Hour) }, "bo", RuleContinuity},
		{"not when excluded (a reassignment)", func(_ []Candidate, r *Request) { r.Exclude = []string{"BO"} }, "ana", ""},
		{"not the author", func(_ []Candidate, r *Request) { r.Author = "bo" }, "ana", ""},
		{"nobody current", func(c []Candidate, _ *Request) { c[1].Current = false }, "ana", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cands, req := base(), Request{Author: "newbie", Now: now}
			tt.edit(cands, &req)
			d := Select(cands, req)
			if d.Mentor != tt.want {
				t.Fatalf("mentor %q, want %q (steps %+v)", d.Mentor, tt.want, d.Steps)
			}
			if got := d.Steps[0].Rule; (tt.rule == RuleContinuity) != (got == RuleContinuity) {
				t.Fatalf("first rule %q", got)
			}
		})
	}
}
