package app

import (
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// TestTwoSeriesEachAnnouncedRemindedAndRecappedOnce runs weekly office hours and a
// weekly social in the same repository at the same hour: each is announced
// once in its own category, reminded once and recapped once on its own
// announcement, however often the job runs.
func TestTwoSeriesEachAnnouncedRemindedAndRecappedOnce(t *testing.T) {
	w := newWorld(t, officeHoursMentorship+`  join_url: https://meet.example.org/octo
gatherings:
  - kind: social
    title: "Octo social"
    category: Socials
    cadence: weekly
    weekday: `+strings.ToLower(hoursWeekday.String())+`
    times: ["17:00"]
    join_url: https://meet.example.org/octo-social
`)
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
	w.emu.AddDiscussionCategory(org, communityRepo, "Socials")
	s := nextSession(t)
	announceAt := s.Start.Add(-72 * time.Hour)

	before := len(w.emu.Calls())
	w.scheduleAt(announceAt)
	w.scheduleAt(announceAt.Add(time.Minute))
	hours, socials := w.inCategory("Office Hours"), w.inCategory("Socials")
	if len(hours) != 1 || len(socials) != 1 {
		t.Fatalf("%d office-hours and %d social announcements, want 1 each", len(hours), len(socials))
	}
	social := socials[0]
	if !strings.HasPrefix(social.Title, "Octo social — ") || !strings.Contains(social.Body, "An informal 60-minute get-together") ||
		!strings.Contains(social.Body, "https://meet.example.org/octo-social") || strings.Contains(social.Body, "https://meet.example.org/octo)") {
		t.Errorf("social announcement %q:\n%s", social.Title, social.Body)
	}
	if !strings.Contains(hours[0].Body, "https://meet.example.org/octo)") || strings.Contains(hours[0].Body, "octo-social") {
		t.Errorf("office-hours announcement:\n%s", hours[0].Body)
	}
	announced := len(w.emu.Calls())

	// One reminder on each announcement in the hour before the start,
	// mentioning nobody.
	w.scheduleAt(s.Start.Add(-61 * time.Minute))
	w.scheduleAt(s.Start.Add(-time.Hour))
	w.scheduleAt(s.Start.Add(-30 * time.Minute))
	for _, d := range []ghemu.Discussion{hours[0], social} {
		cs := w.botDiscussionComments(d.Number)
		if len(cs) != 1 || !strings.Contains(cs[0].Body, "⏰ Starting in 1 hour") || len(mentions(cs[0].Body)) != 0 {
			t.Fatalf("%q: %d bot comments, want one reminder that mentions nobody: %+v", d.Title, len(cs), cs)
		}
	}
	if r := w.botDiscussionComments(social.Number)[0].Body; !strings.Contains(r, "**Octo social**") || !strings.Contains(r, "octo-social") {
		t.Errorf("social reminder:\n%s", r)
	}
	reminded := len(w.emu.Calls())

	w.scheduleAt(s.End)
	w.scheduleAt(s.End.Add(time.Minute))
	for _, d := range []ghemu.Discussion{hours[0], social} {
		if n := len(w.botDiscussionComments(d.Number)); n != 2 {
			t.Errorf("%q has %d bot comments, want its reminder and its recap", d.Title, n)
		}
	}
	if n := len(w.inCategory("Office Hours")) + len(w.inCategory("Socials")); n != 2 {
		t.Errorf("%d discussions after the recaps, want the 2 announcements", n)
	}
	recap := w.botDiscussionComments(social.Number)[1].Body
	if !strings.Contains(recap, "<!-- mentorbot:office-hours:recap:octo-org/community#social-octo-social:"+s.Key+" -->") {
		t.Errorf("social recap marker:\n%s", recap)
	}
	// Each scheduled run here is a service started afresh, so it also
	// scans the installation (token, repository list, configurations):
	// those calls are counted apart.
	count := func(calls []ghemu.Call) (work, scan int) {
		for _, c := range calls {
			if c.Kind == "graphql" || strings.Contains(c.Path, "/discussions") || strings.Contains(c.Path, "/issues") {
				work++
			} else {
				scan++
			}
		}
		return work, scan
	}
	aw, as := count(w.emu.Calls()[before:announced])
	mw, ms := count(w.emu.Calls()[announced:reminded])
	rw, rs := count(w.emu.Calls()[reminded:])
	t.Logf("GitHub calls for two series: announce %d (+%d scanning, 2 runs), remind %d (+%d, 3 runs), recap %d (+%d, 2 runs)",
		aw, as, mw, ms, rw, rs)
	w.checkGraphQLDocuments()
}

// TestGatheringsWithoutOfficeHours: a program with only a mentorship
// circle is found, announced once and listed in the calendar.
func TestGatheringsWithoutOfficeHours(t *testing.T) {
	w := newWorld(t, defaultMentorship+`gatherings:
  - kind: mentorship_circle
    repository: community
    category: Circles
    cadence: weekly
    weekday: `+strings.ToLower(hoursWeekday.String())+`
    times: ["17:00"]
`)
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Circles")
	s := nextSession(t)
	w.scheduleAt(s.Start.Add(-72 * time.Hour))
	w.scheduleAt(s.Start.Add(-71 * time.Hour))
	got := w.inCategory("Circles")
	if len(got) != 1 || !strings.HasPrefix(got[0].Title, org+" mentorship circle — ") || !strings.Contains(got[0].Body, "mentorship circle: newcomers and mentors") {
		t.Fatalf("%d circle announcements: %+v", len(got), got)
	}
	cal := must(fetchCalendar(t, calendarApp(t, w, s.Start.Add(-71*time.Hour)), "/calendar/"+org+".ics"))
	events := calEvents(t, cal)
	if len(events) == 0 || events[0].summary != org+" mentorship circle" || !events[0].start.Equal(s.Start) {
		t.Errorf("calendar events %+v", events)
	}
}
