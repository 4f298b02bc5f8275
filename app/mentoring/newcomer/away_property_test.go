package newcomer

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
)

// TestFollowUpAwayProperties: over random assignments in four zones, with
// random working hours and absences, walking each mentorship hour by hour:
// an away mentor is never nudged; nobody is nudged or handed over before
// first_response_hours have passed since the mentor's working hours began;
// and no mentee waits past twice that (plus the night before the clock
// started) without a handover.
func TestFollowUpAwayProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var zones []*time.Location
	for _, name := range []string{"America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 2000 {
		assigned := start.Add(time.Duration(rng.IntN(365*24*60)) * time.Minute)
		loc := zones[rng.IntN(len(zones))]
		h := selection.Hours{}
		if rng.IntN(3) == 0 {
			h = selection.Hours{Start: rng.IntN(24) * 60, End: rng.IntN(24) * 60}
		}
		hours := 1 + rng.IntN(72)
		clock := selection.ClockStart(assigned, loc, h)
		awayFrom := assigned.Add(time.Duration(rng.IntN(200)) * time.Hour)
		awayTo := awayFrom.Add(time.Duration(rng.IntN(100)) * time.Hour)
		nudged := time.Time{}
		handed := false
		for now := assigned; now.Sub(clock) <= time.Duration(2*hours+1)*time.Hour; now = now.Add(time.Hour) {
			away := !now.Before(awayFrom) && now.Before(awayTo)
			a := FollowUpAway(AwayInput{
				FollowUpInput: FollowUpInput{AssignedAt: assigned, NudgedAt: nudged, Now: now, Hours: hours},
				MentorAway:    away, Location: loc, Hours: h,
			})
			switch {
			case a == Nudge && away:
				t.Fatalf("nudged an away mentor at %v", now)
			case a != NoAction && !away && now.Sub(clock) < time.Duration(hours)*time.Hour:
				t.Fatalf("%v at %v, only %v after the clock started at %v (hours %d)", a, now, now.Sub(clock), clock, hours)
			case a == Nudge:
				nudged = now
			case a == Reassign:
				handed = true
			}
			if handed {
				break
			}
		}
		if !handed {
			t.Fatalf("assigned %v in %v (%v, clock %v, %d hours): never handed over", assigned, loc, h, clock, hours)
		}
	}
}
