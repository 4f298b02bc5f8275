package claims

import (
	"slices"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/store"
)

func TestExpiryTiming(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	at := func(d time.Duration) time.Time { return start.Add(d) }
	cases := []struct {
		name     string
		days     int
		reminded time.Time
		now      time.Time
		want     Action
	}{
		{"just claimed", 14, time.Time{}, at(time.Minute), Keep},
		{"before 75%", 14, time.Time{}, at(10*day + 11*time.Hour), Keep},
		{"at 75%", 14, time.Time{}, at(10*day + 12*time.Hour), Remind},
		{"past 75%, not reminded", 14, time.Time{}, at(12 * day), Remind},
		{"reminded, before the end", 14, at(10*day + 12*time.Hour), at(13 * day), Keep},
		{"reminded, at the end", 14, at(10*day + 12*time.Hour), at(14 * day), Release},
		{"reminded, long after", 14, at(11 * day), at(40 * day), Release},
		{"never reminded, long after: remind first", 14, time.Time{}, at(40 * day), Remind},
		{"reminded late: a day's notice", 14, at(13*day + 23*time.Hour), at(14*day + 12*time.Hour), Keep},
		{"reminded late: notice over", 14, at(13*day + 23*time.Hour), at(14*day + 23*time.Hour), Release},
		{"reminder before the last activity does not count", 14, at(-time.Hour), at(11 * day), Remind},
		{"one day: remind at 18h", 1, time.Time{}, at(18 * time.Hour), Remind},
		{"one day: quarter-day notice", 1, at(18 * time.Hour), at(24 * time.Hour), Release},
		{"one day: notice not over", 1, at(20 * time.Hour), at(24 * time.Hour), Keep},
		{"expiry off", 0, time.Time{}, at(400 * day), Keep},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tm := Timing{Start: start, RemindedAt: c.reminded, Days: c.days}
			if got := tm.Due(c.now); got != c.want {
				t.Fatalf("Due = %v, want %v (remind at %v, release at %v)", got, c.want, tm.RemindAt(), tm.ReleaseAt())
			}
		})
	}
}

func TestReleaseAtFollowsTheReminder(t *testing.T) {
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tm := Timing{Start: start, Days: 14}
	if !tm.ReleaseAt().IsZero() {
		t.Fatal("a release date before any reminder")
	}
	tm.RemindedAt = start.Add(11 * 24 * time.Hour)
	if got := tm.ReleaseAt(); !got.Equal(start.Add(14 * 24 * time.Hour)) {
		t.Fatalf("release at %v", got)
	}
}

func TestNextInLine(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	w := func(id int64, login string, joined time.Duration, open int) store.Waiter {
		return store.Waiter{ID: id, Login: login, JoinedAt: t0.Add(joined), OpenClaims: open}
	}
	cases := []struct {
		name    string
		waiting []store.Waiter
		max     int
		want    string
	}{
		{"nobody", nil, 2, ""},
		{"first to join", []store.Waiter{w(1, "ana", 0, 0), w(2, "bo", time.Hour, 0)}, 2, "ana"},
		{"order given does not matter", []store.Waiter{w(2, "bo", time.Hour, 0), w(1, "ana", 0, 0)}, 2, "ana"},
		{"same time: lower ID", []store.Waiter{w(5, "cy", 0, 0), w(3, "bo", 0, 0)}, 2, "bo"},
		{"at the limit: skipped, keeps place", []store.Waiter{w(1, "ana", 0, 2), w(2, "bo", time.Hour, 1)}, 2, "bo"},
		{"everyone at the limit", []store.Waiter{w(1, "ana", 0, 2), w(2, "bo", time.Hour, 3)}, 2, ""},
		{"no limit", []store.Waiter{w(1, "ana", 0, 9)}, 0, "ana"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			i, ok := NextInLine(c.waiting, c.max)
			got := ""
			if ok {
				got = c.waiting[i].Login
			}
			if got != c.want {
				t.Fatalf("next = %q, want %q", got, c.want)
			}
		})
	}
}

func TestNextStepsPreferTheSameArea(t *testing.T) {
	rules := map[string]selection.AreaRule{"docs": {Labels: []string{"area/docs"}}, "api": {Labels: []string{"area/api"}}}
	issues := []Issue{
		{Number: 10, Labels: []string{"help wanted"}},
		{Number: 11, Labels: []string{"help wanted", "area/api"}},
		{Number: 12, Labels: []string{"help wanted", "Area/Docs"}},
		{Number: 7, Labels: []string{"help wanted", "area/docs"}},
		{Number: 13, Labels: []string{"help wanted", "area/docs"}},
	}
	cases := []struct {
		name  string
		areas []string
		limit int
		want  []int
	}{
		{"same area first, task itself excluded", []string{"docs"}, 3, []int{12, 13, 10}},
		{"no area: as given", nil, 3, []int{10, 11, 12}},
		{"other area", []string{"api"}, 2, []int{11, 10}},
		{"fewer than the limit", []string{"docs"}, 10, []int{12, 13, 10, 11}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []int
			for _, is := range NextSteps(issues, c.areas, rules, 7, c.limit) {
				got = append(got, is.Number)
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestClosingRefs(t *testing.T) {
	cases := []struct {
		body string
		want []int
	}{
		{"Fixes #12", []int{12}},
		{"fixes #12 and closes #3, resolves #12", []int{12, 3}},
		{"Closes: #4", []int{4}},
		{"RESOLVED #5.", []int{5}},
		{"closes octo-org/widgets#6", []int{6}},
		{"closes Octo-Org/Widgets#6", []int{6}},
		{"closes octo-org/other#6", nil},
		{"Fixes https://ghe.example.com/octo-org/widgets/issues/8", []int{8}},
		{"Fixes https://ghe.example.com/octo-org/other/issues/8", nil},
		{"see #12", nil},
		{"prefixes #12", nil},
		{"fix#12", nil},
		{"fixed #0", nil},
		{"```\nFixes #9\n```\nFixes #10", []int{10}},
		{"", nil},
	}
	for _, c := range cases {
		if got := ClosingRefs(c.body, "octo-org/widgets"); !slices.Equal(got, c.want) {
			t.Errorf("ClosingRefs(%q) = %v, want %v", c.body, got, c.want)
		}
	}
}
