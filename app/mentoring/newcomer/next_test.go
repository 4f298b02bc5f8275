package newcomer

import (
	"testing"
	"time"
)

// NextFollowUp names the first moment FollowUp acts: nothing before it,
// something at it.
func TestNextFollowUp(t *testing.T) {
	assigned := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		in   FollowUpInput
		want time.Time
	}{
		"fresh":             {FollowUpInput{AssignedAt: assigned, Now: assigned.Add(time.Hour), Hours: 48}, assigned.Add(48 * time.Hour)},
		"nudge due":         {FollowUpInput{AssignedAt: assigned, Now: assigned.Add(50 * time.Hour), Hours: 48}, assigned.Add(50 * time.Hour)},
		"nudged":            {FollowUpInput{AssignedAt: assigned, NudgedAt: assigned.Add(49 * time.Hour), Now: assigned.Add(50 * time.Hour), Hours: 48}, assigned.Add(96 * time.Hour)},
		"hand-over due":     {FollowUpInput{AssignedAt: assigned, NudgedAt: assigned.Add(49 * time.Hour), Now: assigned.Add(97 * time.Hour), Hours: 48}, assigned.Add(97 * time.Hour)},
		"answered":          {FollowUpInput{AssignedAt: assigned, FirstResponseAt: assigned.Add(time.Hour), Now: assigned.Add(2 * time.Hour), Hours: 48}, time.Time{}},
		"follow-ups off":    {FollowUpInput{AssignedAt: assigned, Now: assigned.Add(time.Hour)}, time.Time{}},
		"nobody assigned":   {FollowUpInput{Now: assigned, Hours: 48}, time.Time{}},
		"nudge late, never": {FollowUpInput{AssignedAt: assigned, Now: assigned.Add(100 * time.Hour), Hours: 48}, assigned.Add(100 * time.Hour)},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got := NextFollowUp(c.in)
			if !got.Equal(c.want) {
				t.Fatalf("next %s, want %s", got, c.want)
			}
			if got.IsZero() {
				return
			}
			for at := c.in.Now; at.Before(got); at = at.Add(time.Hour) {
				in := c.in
				in.Now = at
				if FollowUp(in) != NoAction {
					t.Fatalf("%s acts at %s, before the next follow-up %s", FollowUp(in), at, got)
				}
			}
			in := c.in
			in.Now = got
			if FollowUp(in) == NoAction {
				t.Fatalf("nothing to do at the next follow-up %s", got)
			}
		})
	}
}
