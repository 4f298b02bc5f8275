package schedule_test

import (
	"testing"
	"time"
	_ "time/tzdata" // zones load on machines without a zoneinfo database

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func day(s string) time.Time { return utc(s + " 00:00") }

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func weekly(times ...string) schedule.Plan {
	return schedule.Plan{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: times, Duration: time.Hour, AnnounceBefore: 72 * time.Hour}
}

func TestSessionsAcrossDST(t *testing.T) {
	type want struct {
		start    string // UTC
		label    string
		dayShift int
	}
	saturday := weekly("15:30")
	saturday.Weekday = time.Saturday
	cases := []struct {
		name string
		zone string
		plan schedule.Plan
		from string
		want []want
	}{
		{"los angeles spring forward", "America/Los_Angeles", weekly("17:00"), "2026-03-01", []want{
			{"2026-03-05 17:00", "Thu 5 Mar, 09:00–10:00 PST (UTC−8)", 0},
			{"2026-03-12 17:00", "Thu 12 Mar, 10:00–11:00 PDT (UTC−7)", 0},
		}},
		{"los angeles fall back", "America/Los_Angeles", weekly("17:00"), "2026-10-26", []want{
			{"2026-10-29 17:00", "Thu 29 Oct, 10:00–11:00 PDT (UTC−7)", 0},
			{"2026-11-05 17:00", "Thu 5 Nov, 09:00–10:00 PST (UTC−8)", 0},
		}},
		{"los angeles previous day", "America/Los_Angeles", weekly("01:00"), "2026-03-01", []want{
			{"2026-03-05 01:00", "Wed 4 Mar, 17:00–18:00 PST (UTC−8)", -1},
			{"2026-03-12 01:00", "Wed 11 Mar, 18:00–19:00 PDT (UTC−7)", -1},
		}},
		{"berlin spring forward", "Europe/Berlin", weekly("17:00"), "2026-03-23", []want{
			{"2026-03-26 17:00", "Thu 26 Mar, 18:00–19:00 CET (UTC+1)", 0},
			{"2026-04-02 17:00", "Thu 2 Apr, 19:00–20:00 CEST (UTC+2)", 0},
		}},
		{"berlin fall back", "Europe/Berlin", weekly("17:00"), "2026-10-19", []want{
			{"2026-10-22 17:00", "Thu 22 Oct, 19:00–20:00 CEST (UTC+2)", 0},
			{"2026-10-29 17:00", "Thu 29 Oct, 18:00–19:00 CET (UTC+1)", 0},
		}},
		{"sydney fall back, next day", "Australia/Sydney", weekly("17:00"), "2026-03-30", []want{
			{"2026-04-02 17:00", "Fri 3 Apr, 04:00–05:00 AEDT (UTC+11)", 1},
			{"2026-04-09 17:00", "Fri 10 Apr, 03:00–04:00 AEST (UTC+10)", 1},
		}},
		{"sydney spring forward, next day", "Australia/Sydney", weekly("17:00"), "2026-09-28", []want{
			{"2026-10-01 17:00", "Fri 2 Oct, 03:00–04:00 AEST (UTC+10)", 1},
			{"2026-10-08 17:00", "Fri 9 Oct, 04:00–05:00 AEDT (UTC+11)", 1},
		}},
		{"sydney across midnight", "Australia/Sydney", weekly("12:30"), "2026-03-30", []want{
			{"2026-04-02 12:30", "Thu 2 Apr, 23:30 – Fri 3 Apr, 00:30 AEDT (UTC+11)", 0},
			{"2026-04-09 12:30", "Thu 9 Apr, 22:30–23:30 AEST (UTC+10)", 0},
		}},
		{"sydney clock change inside the session", "Australia/Sydney", saturday, "2026-04-01", []want{
			{"2026-04-04 15:30", "Sun 5 Apr, 02:30 AEDT (UTC+11) – Sun 5 Apr, 02:30 AEST (UTC+10)", 1},
			{"2026-04-11 15:30", "Sun 12 Apr, 01:30–02:30 AEST (UTC+10)", 1},
		}},
		{"kolkata half hour, no DST", "Asia/Kolkata", weekly("17:00"), "2026-03-01", []want{
			{"2026-03-05 17:00", "Thu 5 Mar, 22:30–23:30 IST (UTC+5:30)", 0},
			{"2026-03-12 17:00", "Thu 12 Mar, 22:30–23:30 IST (UTC+5:30)", 0},
		}},
		{"kolkata next day", "Asia/Kolkata", weekly("20:00"), "2026-10-26", []want{
			{"2026-10-29 20:00", "Fri 30 Oct, 01:30–02:30 IST (UTC+5:30)", 1},
			{"2026-11-05 20:00", "Fri 6 Nov, 01:30–02:30 IST (UTC+5:30)", 1},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			loc := mustLoc(t, tc.zone)
			got := tc.plan.Sessions(day(tc.from), len(tc.want))
			if len(got) != len(tc.want) {
				t.Fatalf("got %d sessions, want %d", len(got), len(tc.want))
			}
			for i, w := range tc.want {
				s := got[i]
				if !s.Start.Equal(utc(w.start)) || s.Start.Location() != time.UTC {
					t.Errorf("session %d starts %v, want %s UTC", i, s.Start, w.start)
				}
				lts := schedule.LocalTimes(s, []schedule.Zone{{Login: "mentor", Location: loc}})
				if len(lts) != 1 {
					t.Fatalf("got %d local times, want 1", len(lts))
				}
				lt := lts[0]
				if lt.Label != w.label {
					t.Errorf("session %d label %q, want %q", i, lt.Label, w.label)
				}
				if lt.DayShift != w.dayShift {
					t.Errorf("session %d day shift %d, want %d", i, lt.DayShift, w.dayShift)
				}
				if lt.Zone != tc.zone || !lt.Start.Equal(s.Start) || lt.Start.Location() != loc {
					t.Errorf("session %d local time %+v not in %s", i, lt, tc.zone)
				}
			}
		})
	}
}

func TestSessionsWeeklyAndRotation(t *testing.T) {
	p := weekly("09:00", "17:00", "01:00")
	got := p.Sessions(day("2026-01-01"), 9)
	// The default anchor is Monday 1 January 2024; its first Thursday,
	// 4 January 2024, is session 0, so 1 January 2026 is session 104.
	for i, s := range got {
		wantDay := day("2026-01-01").AddDate(0, 0, 7*i)
		if s.Index != 104+i {
			t.Errorf("session %d index %d, want %d", i, s.Index, 104+i)
		}
		wantStart := wantDay.Add([]time.Duration{9 * time.Hour, 17 * time.Hour, time.Hour}[s.Index%3])
		if !s.Start.Equal(wantStart) || !s.End.Equal(wantStart.Add(time.Hour)) {
			t.Errorf("session %d = %v–%v, want start %v", i, s.Start, s.End, wantStart)
		}
		if s.Start.Weekday() != time.Thursday {
			t.Errorf("session %d on %v", i, s.Start.Weekday())
		}
	}
	// The rotation is stable: asking from any other moment gives the same
	// time to the same date.
	for _, from := range []time.Time{utc("2025-12-31 23:59"), utc("2026-01-15 09:30"), utc("2026-02-03 12:00")} {
		for _, s := range p.Sessions(from, 5) {
			if ref := findKey(got, s.Key); ref != nil && *ref != s {
				t.Errorf("from %v: session %+v, earlier %+v", from, s, *ref)
			}
			if !s.End.After(from) {
				t.Errorf("from %v: session %s already ended", from, s.Key)
			}
		}
	}
}

func findKey(list []schedule.Session, key string) *schedule.Session {
	for i := range list {
		if list[i].Key == key {
			return &list[i]
		}
	}
	return nil
}

func TestSessionsEndAfterFrom(t *testing.T) {
	p := weekly("17:00")
	cases := []struct {
		from  string
		first string
	}{
		{"2026-12-03 16:59", "2026-12-03T17:00Z"},
		{"2026-12-03 17:00", "2026-12-03T17:00Z"},
		{"2026-12-03 17:59", "2026-12-03T17:00Z"}, // running: its end is still ahead
		{"2026-12-03 18:00", "2026-12-10T17:00Z"}, // ended exactly now
		{"2026-11-27 00:00", "2026-12-03T17:00Z"},
	}
	for _, tc := range cases {
		got := p.Sessions(utc(tc.from), 1)
		if len(got) != 1 || got[0].Key != tc.first {
			t.Errorf("from %s: got %+v, want %s", tc.from, got, tc.first)
		}
	}
}

func TestSessionsBiweeklyParity(t *testing.T) {
	anchored := schedule.Plan{Cadence: schedule.Biweekly, Weekday: time.Thursday, Times: []string{"09:00", "17:00"},
		Duration: time.Hour, Anchor: time.Date(2026, 1, 1, 17, 0, 0, 0, mustLoc(t, "America/Los_Angeles"))}
	defaulted := anchored
	defaulted.Anchor = time.Time{}
	cases := []struct {
		name  string
		plan  schedule.Plan
		first time.Time // session 0's date
	}{
		// 17:00 in Los Angeles on 1 January is 2 January in UTC: the first
		// Thursday on or after it is 8 January.
		{"anchor taken in UTC", anchored, day("2026-01-08")},
		{"default anchor", defaulted, day("2024-01-04")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			seen := map[string]schedule.Session{}
			for from := day("2025-12-20"); from.Before(day("2027-03-01")); from = from.Add(37 * time.Hour) {
				for _, s := range tc.plan.Sessions(from, 3) {
					date := time.Date(s.Start.Year(), s.Start.Month(), s.Start.Day(), 0, 0, 0, 0, time.UTC)
					days := int(date.Sub(tc.first).Hours() / 24)
					if days%14 != 0 || days/14 != s.Index {
						t.Fatalf("from %v: session %s (index %d) is %d days after session 0", from, s.Key, s.Index, days)
					}
					if want := []int{9, 17}[s.Index%2]; s.Start.Hour() != want {
						t.Fatalf("session %s index %d starts at hour %d, want %d", s.Key, s.Index, s.Start.Hour(), want)
					}
					if prev, ok := seen[s.Key]; ok && prev != s {
						t.Fatalf("session %s changed: %+v then %+v", s.Key, prev, s)
					}
					seen[s.Key] = s
				}
			}
			if len(seen) < 30 {
				t.Errorf("only %d sessions seen", len(seen))
			}
		})
	}
	// Before the anchor there are no sessions: the first is session 0.
	if got := anchored.Sessions(day("2025-06-01"), 1); got[0].Index != 0 || !got[0].Start.Equal(utc("2026-01-08 09:00")) {
		t.Errorf("first session %+v", got[0])
	}
}

func TestSessionsMonthly(t *testing.T) {
	p := schedule.Plan{Cadence: schedule.Monthly, Weekday: time.Thursday, Times: []string{"17:00"}, Duration: time.Hour}
	want := []string{"2026-01-01", "2026-02-05", "2026-03-05", "2026-04-02", "2026-05-07", "2026-06-04",
		"2026-07-02", "2026-08-06", "2026-09-03", "2026-10-01", "2026-11-05", "2026-12-03"}
	got := p.Sessions(day("2025-12-15"), len(want))
	for i, s := range got {
		if s.Key != want[i]+"T17:00Z" {
			t.Errorf("session %d = %s, want %s", i, s.Key, want[i])
		}
		// Default anchor January 2024: January 2026 is month 24.
		if s.Index != 24+i {
			t.Errorf("session %s index %d, want %d", s.Key, s.Index, 24+i)
		}
	}
	// A month that starts on the weekday meets on the 1st, and a session on
	// the 1st is still found from the last day of the month before.
	if got := p.Sessions(utc("2026-09-30 23:00"), 1); got[0].Key != "2026-10-01T17:00Z" {
		t.Errorf("from 30 Sep: %s", got[0].Key)
	}
	// An anchor after the month's first Thursday starts the next month.
	p.Anchor = day("2026-01-02")
	got = p.Sessions(day("2025-01-01"), 2)
	if got[0].Key != "2026-02-05T17:00Z" || got[0].Index != 0 || got[1].Key != "2026-03-05T17:00Z" {
		t.Errorf("anchored monthly: %+v", got)
	}
}

func TestSessionKeysUniqueAndStable(t *testing.T) {
	for _, cadence := range []string{schedule.Weekly, schedule.Biweekly, schedule.Monthly} {
		t.Run(cadence, func(t *testing.T) {
			p := schedule.Plan{Cadence: cadence, Weekday: time.Tuesday, Times: []string{"09:00", "17:00", "01:00"}, Duration: 90 * time.Minute}
			all := p.Sessions(day("2026-01-01"), 400)
			all = all[:countBefore(all, day("2031-01-01"))]
			keys := map[string]bool{}
			for i, s := range all {
				if keys[s.Key] {
					t.Fatalf("duplicate key %s", s.Key)
				}
				keys[s.Key] = true
				if s.Key != s.Start.Format(schedule.KeyLayout) {
					t.Errorf("key %s does not match start %v", s.Key, s.Start)
				}
				if i > 0 && (s.Index != all[i-1].Index+1 || !s.Start.After(all[i-1].End)) {
					t.Errorf("session %s does not follow %s", s.Key, all[i-1].Key)
				}
			}
			// Asked again from every session's start, the schedule agrees.
			for i := 0; i < len(all); i += 7 {
				again := p.Sessions(all[i].Start, 3)
				for j, s := range again {
					if i+j < len(all) && s != all[i+j] {
						t.Errorf("from %s: %+v, want %+v", all[i].Key, s, all[i+j])
					}
				}
			}
			if min := map[string]int{schedule.Weekly: 260, schedule.Biweekly: 130, schedule.Monthly: 60}[cadence]; len(all) < min {
				t.Errorf("%d sessions in 5 years, want at least %d", len(all), min)
			}
		})
	}
}

func countBefore(list []schedule.Session, t time.Time) int {
	for i, s := range list {
		if !s.Start.Before(t) {
			return i
		}
	}
	return len(list)
}

func TestValidate(t *testing.T) {
	ok := weekly("09:00", "23:59", "00:00")
	cases := []struct {
		name   string
		change func(*schedule.Plan)
		valid  bool
	}{
		{"valid", func(*schedule.Plan) {}, true},
		{"no announcement lead", func(p *schedule.Plan) { p.AnnounceBefore = 0 }, true},
		{"full day", func(p *schedule.Plan) { p.Duration = 24 * time.Hour }, true},
		{"unknown cadence", func(p *schedule.Plan) { p.Cadence = "daily" }, false},
		{"empty cadence", func(p *schedule.Plan) { p.Cadence = "" }, false},
		{"weekday out of range", func(p *schedule.Plan) { p.Weekday = 7 }, false},
		{"no times", func(p *schedule.Plan) { p.Times = nil }, false},
		{"single-digit hour", func(p *schedule.Plan) { p.Times = []string{"9:00"} }, false},
		{"hour 24", func(p *schedule.Plan) { p.Times = []string{"24:00"} }, false},
		{"minute 60", func(p *schedule.Plan) { p.Times = []string{"12:60"} }, false},
		{"seconds", func(p *schedule.Plan) { p.Times = []string{"12:00:00"} }, false},
		{"zero duration", func(p *schedule.Plan) { p.Duration = 0 }, false},
		{"over a day", func(p *schedule.Plan) { p.Duration = 25 * time.Hour }, false},
		{"negative lead", func(p *schedule.Plan) { p.AnnounceBefore = -time.Hour }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := ok
			p.Times = append([]string(nil), ok.Times...)
			tc.change(&p)
			err := p.Validate()
			if (err == nil) != tc.valid {
				t.Fatalf("Validate() = %v, want valid %v", err, tc.valid)
			}
			got := p.Sessions(day("2026-01-01"), 2)
			if tc.valid != (len(got) == 2) {
				t.Errorf("got %d sessions", len(got))
			}
			if !tc.valid && p.Due(day("2026-01-01"), 0) != nil {
				t.Errorf("invalid plan has actions due")
			}
		})
	}
	if got := ok.Sessions(day("2026-01-01"), 0); got != nil {
		t.Errorf("n=0 gave %v", got)
	}
}
