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
		{"kept and back past twice the hours: one nudge, no handover", func() AwayInput { i := base(at(200)); i.Kept = true; return i }(), Nudge},
		{"kept, back and nudged: nothing more", func() AwayInput { i := base(at(200)); i.Kept, i.NudgedAt = true, at(199); return i }(), NoAction},
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

// The due time follows the clock rule: a request at 23:00 in Berlin is
// first due first_response_hours after 09:00 the next morning.
func TestNextFollowUpAway(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	assigned := time.Date(2026, 12, 7, 22, 0, 0, 0, time.UTC) // 23:00 in Berlin
	nine := time.Date(2026, 12, 8, 8, 0, 0, 0, time.UTC)      // 09:00 in Berlin
	in := func(now time.Time) AwayInput {
		return AwayInput{FollowUpInput: FollowUpInput{AssignedAt: assigned, Now: now, Hours: 48}, Location: berlin}
	}
	tests := []struct {
		name string
		in   AwayInput
		want time.Time
	}{
		{"at the request: the nudge, 48h after 09:00", in(assigned), nine.Add(48 * time.Hour)},
		{"during the night", in(assigned.Add(5 * time.Hour)), nine.Add(48 * time.Hour)},
		{"nudged: the handover, 96h after 09:00", func() AwayInput { i := in(nine.Add(49 * time.Hour)); i.NudgedAt = nine.Add(48 * time.Hour); return i }(), nine.Add(96 * time.Hour)},
		{"due now", in(nine.Add(50 * time.Hour)), nine.Add(50 * time.Hour)},
		{"kept and away: nothing until something changes", func() AwayInput { i := in(assigned); i.MentorAway, i.Kept = true, true; return i }(), time.Time{}},
		{"away: hand over now", func() AwayInput { i := in(assigned); i.MentorAway = true; return i }(), assigned},
		{"answered", func() AwayInput { i := in(assigned); i.FirstResponseAt = assigned; return i }(), time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NextFollowUpAway(tt.in); !got.Equal(tt.want) {
				t.Errorf("NextFollowUpAway = %v, want %v", got, tt.want)
			}
		})
	}
}
