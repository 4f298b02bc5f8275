package schedule_test

import (
	"slices"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

func TestLocalTimesGroupsAndOrders(t *testing.T) {
	la, berlin, kolkata := mustLoc(t, "America/Los_Angeles"), mustLoc(t, "Europe/Berlin"), mustLoc(t, "Asia/Kolkata")
	s := weekly("17:00").Sessions(day("2026-12-01"), 1)[0]
	got := schedule.LocalTimes(s, []schedule.Zone{
		{Login: "zed", Location: kolkata},
		{Login: "octocat", Location: la},
		{Login: "Alice", Location: berlin},
		{Login: "bob", Location: la},
		{Login: "BOB", Location: la}, // the same person twice
		{Login: "utcfan", Location: nil},
		{Login: "amy", Location: la},
	})
	type row struct {
		zone   string
		logins []string
		label  string
	}
	want := []row{
		{"America/Los_Angeles", []string{"amy", "bob", "octocat"}, "Thu 3 Dec, 09:00–10:00 PST (UTC−8)"},
		{"UTC", []string{"utcfan"}, "Thu 3 Dec, 17:00–18:00 UTC"},
		{"Europe/Berlin", []string{"Alice"}, "Thu 3 Dec, 18:00–19:00 CET (UTC+1)"},
		{"Asia/Kolkata", []string{"zed"}, "Thu 3 Dec, 22:30–23:30 IST (UTC+5:30)"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d zones: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].Zone != w.zone || !slices.Equal(got[i].Logins, w.logins) || got[i].Label != w.label {
			t.Errorf("zone %d = %s %v %q, want %s %v %q", i, got[i].Zone, got[i].Logins, got[i].Label, w.zone, w.logins, w.label)
		}
	}
	if got := schedule.LocalTimes(s, nil); len(got) != 0 {
		t.Errorf("no zones gave %+v", got)
	}
}

func TestLocalTimesZoneWithoutAbbreviation(t *testing.T) {
	// São Paulo has no letter abbreviation in the tz database ("-03").
	s := weekly("17:00").Sessions(day("2026-12-01"), 1)[0]
	got := schedule.LocalTimes(s, []schedule.Zone{{Login: "a", Location: mustLoc(t, "America/Sao_Paulo")}})
	if want := "Thu 3 Dec, 14:00–15:00 UTC−3"; got[0].Label != want {
		t.Errorf("label %q, want %q", got[0].Label, want)
	}
}

func TestConverterURL(t *testing.T) {
	start := time.Date(2026, 12, 3, 9, 0, 0, 0, mustLoc(t, "America/Los_Angeles"))
	cases := []struct {
		title string
		want  string
	}{
		{"Office hours & Q/A", "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20261203T1700&p1=1440&msg=Office+hours+%26+Q%2FA"},
		{"", "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20261203T1700&p1=1440"},
	}
	for _, tc := range cases {
		if got := schedule.ConverterURL(start, tc.title); got != tc.want {
			t.Errorf("ConverterURL(%q) = %s, want %s", tc.title, got, tc.want)
		}
	}
}
