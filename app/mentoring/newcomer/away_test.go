package newcomer

import (
	"testing"
	"time"
)

func TestFollowUpAway(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	// Assigned on a Monday at 23:00 in Berlin: the clock starts at 09:00, ten hours later.
	assigned := time.Date(2026, 12, 7, 22, 0, 0, 0, time.UTC)
	at := func(h float64) time.Time { return assigned.Add(time.Duration(h * float64(time.Hour))) }
	base := func(now time.Time) AwayInput {
		return AwayInput{FollowUpInput: FollowUpInput{AssignedAt: assigned, Now: now, Hours: 48}, Location: berlin}
	}
	tests := []struct {
		name string
		in   AwayInput
		want Action
	}{
		{"away: handed over at once", func() AwayInput { i := base(at(0.1)); i.MentorAway = true; return i }(), Reassign},
		{"away but kept: no nudge, no handover", func() AwayInput { i := base(at(200)); i.MentorAway, i.Kept = true, true; return i }(), NoAction},
		{"away after replying: nothing", func() AwayInput { i := base(at(200)); i.MentorAway, i.FirstResponseAt = true, at(1); return i }(), NoAction},
		{"night hours do not count: 48h after assignment", base(at(48)), NoAction},
		{"just before the 48 working-clock hours", base(at(48 + 9.9)), NoAction},
		{"48 hours after 09:00 Berlin: nudge", base(at(48 + 10)), Nudge},
		{"96 hours after 09:00 Berlin: hand over", base(at(96 + 10)), Reassign},
		{"asleep at the time of the request", base(at(2)), NoAction},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FollowUpAway(tt.in); got != tt.want {
				t.Errorf("FollowUpAway = %v, want %v", got, tt.want)
			}
		})
	}
}
