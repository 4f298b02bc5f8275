package schedule_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

func TestDue(t *testing.T) {
	p := weekly("17:00") // Thursdays 17:00–18:00 UTC, announced 3 days before
	longLead := p
	longLead.AnnounceBefore = 10 * 24 * time.Hour
	cases := []struct {
		name     string
		plan     schedule.Plan
		now      string
		lookback time.Duration
		want     []string
	}{
		{"before the announcement time", p, "2026-11-30 16:59", 0,
			[]string{"recap 2026-11-19T17:00Z", "recap 2026-11-26T17:00Z"}},
		{"at the announcement time", p, "2026-11-30 17:00", 0,
			[]string{"recap 2026-11-19T17:00Z", "recap 2026-11-26T17:00Z", "announce 2026-12-03T17:00Z"}},
		{"late, after downtime", p, "2026-12-02 09:00", 0,
			[]string{"recap 2026-11-19T17:00Z", "recap 2026-11-26T17:00Z", "announce 2026-12-03T17:00Z"}},
		{"a minute before the start", p, "2026-12-03 16:59", 0,
			[]string{"recap 2026-11-19T17:00Z", "recap 2026-11-26T17:00Z", "announce 2026-12-03T17:00Z"}},
		{"started: never announced", p, "2026-12-03 17:00", 0,
			[]string{"recap 2026-11-19T17:00Z", "recap 2026-11-26T17:00Z"}},
		{"running", p, "2026-12-03 17:30", 0,
			[]string{"recap 2026-11-19T17:00Z", "recap 2026-11-26T17:00Z"}},
		// 19 Nov ended exactly 14 days ago: out of the window.
		{"ended: recap due", p, "2026-12-03 18:00", 0,
			[]string{"recap 2026-11-26T17:00Z", "recap 2026-12-03T17:00Z"}},
		{"long downtime: recaps still due, past sessions not announced", p, "2026-12-15 12:00", 0,
			[]string{"recap 2026-12-03T17:00Z", "recap 2026-12-10T17:00Z", "announce 2026-12-17T17:00Z"}},
		{"short lookback", p, "2026-12-18 12:00", 24 * time.Hour,
			[]string{"recap 2026-12-17T17:00Z"}},
		{"lead longer than the cadence", longLead, "2026-12-01 00:00", time.Hour,
			[]string{"announce 2026-12-03T17:00Z", "announce 2026-12-10T17:00Z"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.plan.Due(utc(tc.now), tc.lookback)
			var names []string
			for _, a := range got {
				names = append(names, string(a.Kind)+" "+a.Session.Key)
			}
			if !slices.Equal(names, tc.want) {
				t.Fatalf("Due(%s) = %q, want %q", tc.now, names, tc.want)
			}
			for _, a := range got {
				want := a.Session.End
				if a.Kind == schedule.ActionAnnounce {
					want = a.Session.Start.Add(-tc.plan.AnnounceBefore)
				}
				if !a.DueAt.Equal(want) || a.DueAt.After(utc(tc.now)) {
					t.Errorf("%s %s due at %v, want %v", a.Kind, a.Session.Key, a.DueAt, want)
				}
			}
			if again := tc.plan.Due(utc(tc.now).In(time.FixedZone("X", 3600)), tc.lookback); !reflect.DeepEqual(again, got) {
				t.Errorf("second call differs: %+v", again)
			}
		})
	}
}

func TestDueOverAYearAnnouncesAndRecapsEachSessionOnce(t *testing.T) {
	p := schedule.Plan{Cadence: schedule.Biweekly, Weekday: time.Wednesday, Times: []string{"09:00", "17:00", "01:00"},
		Duration: time.Hour, AnnounceBefore: 72 * time.Hour}
	announced, recapped := map[string]int{}, map[string]int{}
	// A scheduler ticking every 5 hours, with a week of downtime in March.
	for now := day("2026-01-01"); now.Before(day("2027-01-01")); now = now.Add(5 * time.Hour) {
		if now.After(day("2026-03-01")) && now.Before(day("2026-03-08")) {
			continue
		}
		for _, a := range p.Due(now, 0) {
			if a.Kind == schedule.ActionAnnounce {
				if !now.Before(a.Session.Start) {
					t.Fatalf("announce %s at %v, after its start", a.Session.Key, now)
				}
				announced[a.Session.Key]++
			} else {
				recapped[a.Session.Key]++
			}
		}
	}
	sessions := p.Sessions(day("2026-01-05"), 25)
	for _, s := range sessions {
		if announced[s.Key] == 0 || recapped[s.Key] == 0 {
			t.Errorf("session %s: announced in %d ticks, recapped in %d", s.Key, announced[s.Key], recapped[s.Key])
		}
	}
}

func TestDueSameDayAnnouncement(t *testing.T) {
	p := schedule.Plan{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"17:00"}, Duration: time.Hour}
	session := p.Sessions(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), 1)[0] // Thu 3 Dec 17:00 UTC
	for _, c := range []struct {
		now  time.Time
		want bool
	}{
		{session.Start.Add(-18 * time.Hour), false}, // the day before
		{session.Start.Add(-17 * time.Hour), true},  // 00:00 UTC on the day
		{session.Start.Add(-time.Minute), true},
		{session.Start, false}, // started: never announced
	} {
		got := false
		for _, a := range p.Due(c.now, 0) {
			if a.Kind == schedule.ActionAnnounce && a.Session.Key == session.Key {
				got = true
			}
		}
		if got != c.want {
			t.Errorf("at %s: announce %v, want %v", c.now.Format(time.RFC3339), got, c.want)
		}
	}
}
