package newcomer

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
)

// simMentorship is one newcomer's pairing in the simulation below.
type simMentorship struct {
	mentee, mentor string
	assigned       time.Time
	nudged         time.Time
	answered       bool
	silent         bool // this mentor will not answer this mentee
	keeps          bool // the mentee keeps their mentor while away
	kept           bool
	endAt          time.Time // once answered, the mentorship ends then
	blocked        bool      // a handover was due and nobody was free
}

// TestMonthsWithHolidaysAndBusy simulates six months, hour by hour, of
// newcomers asking for a mentor among mentors in four time zones with
// their own working hours, a week's holiday each month and short spells
// of GitHub's "Busy" status, with follow-ups decided by FollowUpAway.
// Properties: an away mentor is never nudged; nobody is nudged or handed
// over before first_response_hours have run from the start of their
// mentor's working hours (ClockStart); no mentee waits past
// first_response_hours of that clock without a response, a nudge or a
// handover, nor past twice that without a response or a handover, unless
// no other mentor was free or they chose to keep an away mentor; a mentee
// of a mentor who goes away (and was not kept) is handed over within the
// hour; and assignments per mentor stay within a max/min ratio of 1.5.
func TestMonthsWithHolidaysAndBusy(t *testing.T) {
	zones := []string{"America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"}
	hours := []selection.Hours{{}, {Start: 7 * 60, End: 15 * 60}, {Start: 12 * 60, End: 20 * 60}, {Start: 22 * 60, End: 6 * 60}}
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 16))
			cands := make([]selection.Candidate, 8)
			for i := range cands {
				loc, err := time.LoadLocation(zones[i%len(zones)])
				if err != nil {
					t.Fatal(err)
				}
				cands[i] = selection.Candidate{Login: fmt.Sprintf("mentor-%d", i), Capacity: 3, Order: i, Location: loc, Hours: hours[(i/len(zones)+i)%len(hours)]}
			}
			index := map[string]int{}
			for i, c := range cands {
				index[c.Login] = i
			}
			const frh = 24 // first_response_hours
			limit := frh * time.Hour
			start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
			end := start.AddDate(0, 6, 0)
			holiday := make([]time.Time, len(cands))
			busy := make([]time.Time, len(cands))
			count := map[string]int{}
			var active []*simMentorship
			var waiting []string
			seq, handovers, nudges, blocked, kept := 0, 0, 0, 0, 0
			assign := func(mentee, previous string, exclude []string, now time.Time) string {
				for i := range cands {
					cands[i].Active = 0
				}
				for _, m := range active {
					cands[index[m.mentor]].Active++
				}
				d := selection.Select(cands, selection.Request{Author: mentee, Previous: previous, Exclude: exclude, Now: now})
				if d.Mentor != "" {
					count[d.Mentor]++
					cands[index[d.Mentor]].LastAssigned = now
				}
				return d.Mentor
			}
			away := func(login string, now time.Time) bool {
				c := cands[index[login]]
				return c.Away || c.AwayUntil.After(now)
			}
			month := -1
			for now := start; now.Before(end); now = now.Add(time.Hour) {
				if m := int(now.Sub(start) / (30 * 24 * time.Hour)); m != month {
					month = m
					// A week's holiday each, and a day and a half of "Busy"
					// status two weeks later, at different times.
					for i := range holiday {
						holiday[i] = start.AddDate(0, 0, 30*m+3*i+rng.IntN(3))
						busy[i] = holiday[i].AddDate(0, 0, 14).Add(time.Duration(rng.IntN(72)) * time.Hour)
					}
				}
				for i := range cands {
					cands[i].AwayUntil = time.Time{}
					if !now.Before(holiday[i]) && now.Before(holiday[i].AddDate(0, 0, 7)) {
						cands[i].AwayUntil = holiday[i].AddDate(0, 0, 7)
					}
					cands[i].Away = !now.Before(busy[i]) && now.Before(busy[i].Add(36*time.Hour)) // GitHub's "Busy" status
				}
				// Newcomers arrive; the waiting list is served first.
				if rng.IntN(100) < 9 {
					seq++
					waiting = append(waiting, fmt.Sprintf("newbie-%d", seq))
				}
				for len(waiting) > 0 {
					mentor := assign(waiting[0], "", nil, now)
					if mentor == "" {
						break
					}
					active = append(active, &simMentorship{mentee: waiting[0], mentor: mentor, assigned: now,
						silent: rng.IntN(4) == 0, keeps: rng.IntN(4) == 0})
					waiting = waiting[1:]
				}
				next := active[:0]
				for _, m := range active {
					c := cands[index[m.mentor]]
					isAway := away(m.mentor, now)
					if m.answered {
						if now.Before(m.endAt) {
							next = append(next, m)
						}
						continue
					}
					if isAway && m.keeps && !m.kept {
						m.kept = true    // "/mentor keep"
						m.silent = false // a mentor worth waiting for answers once back
						kept++
					}
					clock := selection.ClockStart(m.assigned, c.Location, c.Hours)
					a := FollowUpAway(AwayInput{
						FollowUpInput: FollowUpInput{AssignedAt: m.assigned, NudgedAt: m.nudged, Now: now, Hours: frh},
						MentorAway:    isAway, Kept: m.kept, Location: c.Location, Hours: c.Hours,
					})
					switch {
					case a == Nudge && isAway:
						t.Fatalf("%v: nudged %s, who is away", now, m.mentor)
					case a != NoAction && !isAway && now.Sub(clock) < limit:
						t.Fatalf("%v: %v only %v after the clock started at %v", now, a, now.Sub(clock), clock)
					case isAway && !m.kept && a != Reassign:
						t.Fatalf("%v: %s's mentor is away and they were not handed over", now, m.mentee)
					case a == Reassign && m.kept:
						t.Fatalf("%v: %s kept their mentor and was handed over", now, m.mentee)
					}
					// What the action leaves: no mentee whose mentor is at
					// hand has waited first_response_hours of that mentor's
					// clock without a nudge, nor twice that without a
					// handover (unless nobody was free, or they kept them).
					if before := *m; a != Reassign && !isAway {
						waited := now.Sub(clock)
						if before.nudged.IsZero() && a != Nudge && waited >= limit {
							t.Fatalf("%v: %s waited %v of %s's clock (from %v) without a nudge", now, m.mentee, waited, m.mentor, clock)
						}
						if !m.blocked && !m.kept && waited >= 2*limit {
							t.Fatalf("%v: %s waited %v of %s's clock (from %v) without a handover", now, m.mentee, waited, m.mentor, clock)
						}
					}
					switch a {
					case Nudge:
						m.nudged = now
						nudges++
					case Reassign:
						if mentor := assign(m.mentee, m.mentor, []string{m.mentor}, now); mentor != "" {
							*m = simMentorship{mentee: m.mentee, mentor: mentor, assigned: now, silent: rng.IntN(4) == 0, keeps: m.keeps}
							handovers++
						} else if !m.blocked {
							m.blocked = true
							blocked++
						}
					}
					// The mentor answers during their working hours, unless silent.
					if mentor := cands[index[m.mentor]]; !m.silent && !away(m.mentor, now) &&
						selection.ClockStart(now, mentor.Location, mentor.Hours).Equal(now) && rng.IntN(6) == 0 {
						m.answered = true
						m.endAt = now.Add(time.Duration(72+rng.IntN(48)) * time.Hour)
					}
					next = append(next, m)
				}
				active = next
			}
			lo, hi := 1<<30, 0
			for _, c := range cands {
				lo, hi = min(lo, count[c.Login]), max(hi, count[c.Login])
			}
			if lo == 0 || float64(hi)/float64(lo) > 1.5 {
				t.Errorf("assignments per mentor from %d to %d (ratio over 1.5): %v", lo, hi, count)
			}
			if nudges == 0 || handovers == 0 || kept == 0 {
				t.Errorf("the simulation did not exercise follow-ups: %d nudges, %d handovers, %d kept", nudges, handovers, kept)
			}
			t.Logf("%d newcomers, %d nudges, %d handovers, %d blocked, %d kept; per mentor %d..%d (ratio %.2f) %s",
				seq, nudges, handovers, blocked, kept, lo, hi, float64(hi)/float64(lo), strings.Repeat("", 0))
		})
	}
}
