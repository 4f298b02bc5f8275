package newcomer

import (
	"testing"
	"time"
)

func TestFollowUp(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	h := func(n float64) time.Time { return at.Add(time.Duration(n * float64(time.Hour))) }
	var never time.Time
	tests := []struct {
		name                   string
		responded, nudged, now time.Time
		hours                  int
		want                   Action
	}{
		{"just assigned", never, never, at, 48, NoAction},
		{"before the deadline", never, never, h(47.9), 48, NoAction},
		{"at the deadline", never, never, h(48), 48, Nudge},
		{"after the deadline", never, never, h(60), 48, Nudge},
		{"already nudged", never, h(48), h(60), 48, NoAction},
		{"nudged long ago, still waiting", never, h(49), h(95.9), 48, NoAction},
		{"at twice the deadline after a nudge", never, h(48), h(96), 48, Reassign},
		{"after twice the deadline after a nudge", never, h(50), h(200), 48, Reassign},
		{"twice the deadline after a late nudge", never, h(95), h(96), 48, Reassign},
		{"twice the deadline without a nudge", never, never, h(96), 48, Reassign},
		{"far past without a nudge", never, never, h(1000), 48, Reassign},
		{"responded before the deadline", h(2), never, h(60), 48, NoAction},
		{"responded after the nudge", h(70), h(48), h(100), 48, NoAction},
		{"responded, far past", h(1), never, h(1000), 48, NoAction},
		{"response recorded before assignment", h(-1), never, h(100), 48, NoAction},
		{"one hour setting", never, never, h(1), 1, Nudge},
		{"one hour setting, two hours", never, h(1), h(2), 1, Reassign},
		{"zero hours turns it off", never, never, h(1000), 0, NoAction},
		{"negative hours turns it off", never, never, h(1000), -5, NoAction},
		{"clock behind the assignment", never, never, h(-10), 48, NoAction},
		{"nudge time recorded oddly early", never, h(-1), h(50), 48, NoAction},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := FollowUpInput{AssignedAt: at, FirstResponseAt: tt.responded, NudgedAt: tt.nudged, Now: tt.now, Hours: tt.hours}
			if got := FollowUp(in); got != tt.want {
				t.Errorf("FollowUp(%+v) = %v, want %v", in, got, tt.want)
			}
		})
	}
}

func TestFollowUpWithoutAssignment(t *testing.T) {
	in := FollowUpInput{Now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Hours: 48}
	if got := FollowUp(in); got != NoAction {
		t.Errorf("FollowUp without AssignedAt = %v, want none", got)
	}
}

// TestFollowUpNeverNudgesTwice walks a mentorship hour by hour, recording
// each nudge as the caller would, and counts what it was told to do.
func TestFollowUpNeverNudgesTwice(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, hours := range []int{1, 2, 24, 48, 72} {
		in := FollowUpInput{AssignedAt: at, Hours: hours}
		nudges, firstReassign := 0, -1
		for step := 0; step <= 3*hours; step++ {
			in.Now = at.Add(time.Duration(step) * time.Hour)
			switch FollowUp(in) {
			case Nudge:
				nudges++
				in.NudgedAt = in.Now
			case Reassign:
				if firstReassign < 0 {
					firstReassign = step
				}
			}
		}
		if nudges != 1 {
			t.Errorf("hours=%d: %d nudges, want 1", hours, nudges)
		}
		if firstReassign != 2*hours {
			t.Errorf("hours=%d: first reassign at hour %d, want %d", hours, firstReassign, 2*hours)
		}
	}
}

func TestActionString(t *testing.T) {
	for a, want := range map[Action]string{NoAction: "none", Nudge: "nudge", Reassign: "reassign", 9: "unknown"} {
		if got := a.String(); got != want {
			t.Errorf("Action(%d).String() = %q, want %q", int(a), got, want)
		}
	}
}
