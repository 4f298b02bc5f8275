package selection

import (
	"fmt"
	"testing"
	"time"
)

// TestMonthsWithHolidays simulates three months of requests around the
// clock for mentors in four time zones, each taking a week's holiday a
// month at a different time: no away mentor is ever chosen (checkChoice),
// choices follow the oracle with the working-hours rule, and assignments
// per mentor stay within a max/min ratio of 1.5.
func TestMonthsWithHolidays(t *testing.T) {
	zones := []string{"America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"}
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			cands := make([]Candidate, 2*len(zones))
			for i := range cands {
				cands[i] = Candidate{Login: fmt.Sprintf("mentor-%d", i), Capacity: 3, Order: i, Areas: []string{"docs"}, Location: zone(t, zones[i%len(zones)])}
			}
			w := newWorld(t, seed, cands)
			start := w.now
			end := start.AddDate(0, 3, 0)
			total, hoursDecided := 0, 0
			month := -1
			holidays := make([]time.Time, len(cands))
			for w.now.Before(end) {
				w.tick()
				if m := int(w.now.Sub(start) / (30 * 24 * time.Hour)); m != month {
					month = m
					// Each mentor takes seven days off, starting on a
					// different day of the month.
					for i := range holidays {
						holidays[i] = start.AddDate(0, 0, 30*m+3*i+w.rng.IntN(3))
					}
				}
				// A mentor on holiday is away until its end, as after
				// "/mentor away until DATE".
				for i, from := range holidays {
					w.cands[i].AwayUntil = time.Time{}
					if !w.now.Before(from) {
						w.cands[i].AwayUntil = from.AddDate(0, 0, 7)
					}
				}
				if w.rng.IntN(100) < 40 {
					mentee := fmt.Sprintf("newbie-%d", w.rng.IntN(80))
					req := Request{Author: mentee, Areas: []string{"docs"}, Previous: w.last[mentee], Now: w.now}
					d := Select(w.cands, req)
					checkChoice(t, w.cands, req, d)
					if d.Mentor != "" {
						w.record(mentee, d.Mentor)
					} else {
						w.seq++
						w.waiting = append(w.waiting, Waiter{Key: fmt.Sprint("w", w.seq), Author: mentee, Areas: req.Areas, Since: w.now, Previous: req.Previous})
					}
					if d.DecidedBy() == RuleHours {
						hoursDecided++
					}
					total++
				} else {
					w.release()
				}
				w.serve()
			}
			lo, hi := total, 0
			for _, c := range cands {
				lo, hi = min(lo, w.count[c.Login]), max(hi, w.count[c.Login])
			}
			if lo == 0 || float64(hi)/float64(lo) > 1.5 {
				t.Errorf("assignments per mentor from %d to %d (ratio over 1.5): %v", lo, hi, w.count)
			}
			if hoursDecided == 0 {
				t.Errorf("the working-hours rule never decided")
			}
			t.Logf("%d requests, per mentor %d..%d (ratio %.2f), %d decided by working hours", total, lo, hi, float64(hi)/float64(lo), hoursDecided)
		})
	}
}
