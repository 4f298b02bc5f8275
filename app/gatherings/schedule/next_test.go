package schedule_test

import (
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

// Between now and Next, Due lists nothing new; at Next it does.
func TestNextIsWhenDueListsSomethingNew(t *testing.T) {
	plans := map[string]schedule.Plan{
		"weekly": {Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"17:00"}, Duration: time.Hour, AnnounceBefore: 72 * time.Hour},
		"biweekly, three times": {Cadence: schedule.Biweekly, Weekday: time.Wednesday, Times: []string{"09:00", "17:00", "01:00"},
			Duration: 90 * time.Minute, AnnounceBefore: 48 * time.Hour},
		"monthly":  {Cadence: schedule.Monthly, Weekday: time.Monday, Times: []string{"08:30"}, Duration: time.Hour, AnnounceBefore: 7 * 24 * time.Hour},
		"same day": {Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"17:00"}, Duration: time.Hour},
	}
	key := func(a schedule.Action) string { return string(a.Kind) + " " + a.Session.Key }
	for name, p := range plans {
		t.Run(name, func(t *testing.T) {
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			end := now.AddDate(0, 3, 0)
			for now.Before(end) {
				next := p.Next(now)
				if !next.After(now) {
					t.Fatalf("next %s is not after %s", next, now)
				}
				before := map[string]bool{}
				for _, a := range p.Due(now, 0) {
					before[key(a)] = true
				}
				for at := now.Add(15 * time.Minute); at.Before(next); at = at.Add(15 * time.Minute) {
					for _, a := range p.Due(at, 0) {
						if !before[key(a)] {
							t.Fatalf("at %s, before next %s (from %s), %s became due", at, next, now, key(a))
						}
					}
				}
				fresh := false
				for _, a := range p.Due(next, 0) {
					fresh = fresh || !before[key(a)]
				}
				if !fresh {
					t.Fatalf("nothing new due at next %s (from %s)", next, now)
				}
				now = next
			}
		})
	}
	if !(schedule.Plan{}).Next(time.Now()).IsZero() {
		t.Fatal("an invalid plan has a next time")
	}
}
