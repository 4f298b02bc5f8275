package gatherings

import (
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/store"
)

func TestActionItems(t *testing.T) {
	t.Parallel()
	comments := []ActivityComment{
		{Author: "newbie", Body: "- [ ] Write docs\n- [x] Fix CI\n```\n- [ ] not an item\n```"},
		{Author: "mentorbot", IsBot: true, Body: "- [ ] the bot's own list"},
		{Author: "ana", Body: "/action Ping @team/core\n- [X] write DOCS"},
		{Author: "bo", Body: "/action"},
	}
	stored := []store.ActionItem{{Author: "cy", Text: "fix ci"}, {Author: "cy", Text: "Release 1.2"}}
	got := actionItems(comments, stored)
	want := []schedule.ActionItem{
		{Text: "Write docs", Author: "newbie", Done: true},
		{Text: "Fix CI", Author: "newbie", Done: true},
		{Text: "Ping @\u200Dteam/core", Author: "ana"},
		{Text: "Release 1.2", Author: "cy"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestAttendanceCountsPeopleOnce(t *testing.T) {
	t.Parallel()
	a := attendance(Activity{Attending: 4, Maybe: 2, Comments: []ActivityComment{
		{Author: "Newbie"}, {Author: "newbie"}, {Author: "ana"}, {Author: "mentorbot", IsBot: true}, {Author: ""},
	}})
	if a != (schedule.Attendance{Attending: 4, Maybe: 2, Commenters: 2}) {
		t.Fatalf("%+v", a)
	}
}

func TestPreviousSession(t *testing.T) {
	t.Parallel()
	for _, cadence := range []string{schedule.Weekly, schedule.Biweekly, schedule.Monthly} {
		plan := schedule.Plan{Cadence: cadence, Weekday: time.Thursday, Times: []string{"09:00", "17:00"}, Duration: time.Hour}
		ss := plan.Sessions(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), 3)
		prev, ok := previous(plan, ss[2])
		if !ok || prev.Key != ss[1].Key {
			t.Errorf("%s: previous of %s is %s, want %s", cadence, ss[2].Key, prev.Key, ss[1].Key)
		}
		if got := periodStart(plan, ss[2]); !got.Equal(ss[1].End) {
			t.Errorf("%s: period starts %s", cadence, got)
		}
	}
	plan := schedule.Plan{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"17:00"}, Duration: time.Hour}
	first := plan.Sessions(time.Time{}, 1)[0]
	if _, ok := previous(plan, first); ok {
		t.Error("the plan's first session has a previous one")
	}
}
