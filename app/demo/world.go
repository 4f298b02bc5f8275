// Package demo plays a short, scripted story of a mentoring program against
// the built-in GitHub emulator, with the real service (the same code as
// `mentorbot serve`) handling every webhook, and says what the bot did.
package demo

import (
	"fmt"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/ghemu"
)

// The sample community.
const (
	Org          = "lumen-org"
	Repo         = "lantern"
	CommunityRep = "community"
	installation = 7001
)

// Mentors of the sample community, in several time zones.
var mentors = []struct{ login, zone string }{
	{"priya", "Asia/Kolkata"},
	{"mateo", "America/Los_Angeles"},
	{"ingrid", "Europe/Berlin"},
	{"kai", "Australia/Sydney"},
}

// The join links of the sample community's gatherings.
const (
	officeHoursURL = "https://meet.example.org/lumen-office-hours"
	socialURL      = "https://meet.example.org/lumen-social"
	circleURL      = "https://meet.example.org/lumen-circle"
)

// timeline is when the story happens, on the story clock. It ends before
// the wall clock's now, so the dashboard and `mentorbot report`, which
// count the last 30 days, see all of it, and it is placed in the weeks so
// that each scheduled run finds due only what the story says it does:
//
//	start (a Friday)  day 0: newcomers arrive, claims
//	start+50h         "two days pass": reminders, a handover from an away mentor
//	start+98h         "four days pass": reassignments
//	hours.Start-2d    the office hours, the circle and the social are announced
//	circle (Wed)      the mentorship circle meets
//	hours (Thu)       office hours, then their recap
//	social (Fri)      the social, then its recap
type timeline struct {
	start  time.Time
	hours  schedule.Session // the office-hours session the story follows
	circle schedule.Session // the mentorship circle the day before
	social schedule.Session // the social the day after
	// circleWeek is the circle's week_of_month (the Wednesday before hours).
	circleWeek int
}

// The plans of the sample community's series, as mentorshipYAML states them.
func hoursPlan() schedule.Plan {
	return schedule.Plan{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"09:00", "17:00"}, Duration: time.Hour}
}

// planStory places the story in the weeks before now.
func planStory(now time.Time) (timeline, error) {
	const margin = 15 * time.Minute // the story must be over before now, with room to play it
	var found *timeline
	for _, h := range hoursPlan().Sessions(now.Add(-26*24*time.Hour), 4) {
		clock := h.Start.Format("15:04")
		social := schedule.Plan{Cadence: schedule.Biweekly, Weekday: time.Friday, Times: []string{clock}, Duration: time.Hour}.Sessions(h.End, 1)
		if len(social) == 0 || !social[0].Start.Equal(h.Start.Add(24*time.Hour)) || social[0].End.Add(time.Hour).After(now.Add(-margin)) {
			continue // no social the day after, or it is not over yet
		}
		wed := h.Start.Add(-24 * time.Hour)
		week := (wed.Day()-1)/7 + 1
		if week == 5 {
			week = schedule.LastWeek
		}
		circle := schedule.Plan{Cadence: schedule.Monthly, Weekday: time.Wednesday, Times: []string{clock}, Duration: time.Hour,
			WeekOfMonth: week}.Sessions(wed.Add(-time.Minute), 1)
		if len(circle) == 0 || !circle[0].Start.Equal(wed) {
			continue
		}
		found = &timeline{start: h.Start.Add(-48*time.Hour - 101*time.Hour), hours: h, circle: circle[0], social: social[0], circleWeek: week}
	}
	if found == nil || now.Sub(found.start) > 28*24*time.Hour {
		return timeline{}, fmt.Errorf("no week in the last month fits the story (now %s)", now.Format(time.RFC3339))
	}
	return *found, nil
}

// mentorshipYAML is the sample community's configuration: office hours
// every Thursday, a social every other Friday and a mentorship circle on
// one Wednesday a month, each with its join link.
func (tl timeline) mentorshipYAML() string {
	clock := tl.hours.Start.Format("15:04")
	return `version: 1
mentors:
  - login: priya
    timezone: Asia/Kolkata
    areas: [docs]
  - login: mateo
    timezone: America/Los_Angeles
    areas: [ci]
  - login: ingrid
    timezone: Europe/Berlin
  - login: kai
    timezone: Australia/Sydney
areas:
  docs:
    labels: ["area/docs"]
    paths: ["docs/**", "**/*.md"]
  ci:
    labels: ["area/ci"]
    paths: [".github/workflows/**"]
assignment:
  first_response_hours: 48
good_first_issues:
  labels: ["good first issue"]
  next_step_labels: ["help wanted"]
office_hours:
  repository: community
  category: "Office Hours"
  recap_category: "Recaps"
  cadence: weekly
  weekday: thursday
  times: ["09:00", "17:00"]
  announce_days_before: 2
  join_url: ` + officeHoursURL + `
gatherings:
  - kind: social
    title: "Lumen social"
    recap_category: "Recaps"
    cadence: biweekly
    weekday: friday
    times: ["` + clock + `"]
    announce_days_before: 3
    join_url: ` + socialURL + `
  - kind: mentorship_circle
    title: "Lumen mentorship circle"
    recap_category: "Recaps"
    cadence: monthly
    weekday: wednesday
    week_of_month: ` + fmt.Sprint(tl.circleWeek) + `
    times: ["` + clock + `"]
    announce_days_before: 1
    join_url: ` + circleURL + `
`
}

// seed builds the sample organization in the emulator.
func seed(emu *ghemu.Emulator, tl timeline) {
	emu.AddOrg(Org)
	for _, m := range mentors {
		emu.AddOrgMember(Org, m.login)
	}
	emu.AddOrgMember(Org, "maintainer-mo")
	emu.AddRepo(Org, Repo, ghemu.RepoOptions{Description: "A friendly lamp for your terminal"})
	emu.AddRepo(Org, CommunityRep, ghemu.RepoOptions{Description: "Where the community meets", HasDiscussions: true})
	emu.AddCollaborator(Org, Repo, "maintainer-mo", "maintain") // maintainer powers come from a role
	emu.AddInstallation(installation, Org, Repo, CommunityRep)
	emu.PutFile(Org, Repo, ".github/mentorship.yml", []byte(tl.mentorshipYAML()))
	emu.AddDiscussionCategory(Org, CommunityRep, "Office Hours")
	emu.AddDiscussionCategory(Org, CommunityRep, "Socials")
	emu.AddDiscussionCategory(Org, CommunityRep, "Mentorship Circles")
	emu.AddDiscussionCategory(Org, CommunityRep, "Recaps")
	for _, l := range []string{"good first issue", "help wanted", "area/docs", "area/ci"} {
		emu.CreateLabel(Org, Repo, l, "7057ff", "")
	}
	// Starter tasks are labelled during the story, so the bot sees it happen.
	emu.OpenIssue(Org, Repo, "maintainer-mo", ghemu.IssueOptions{Title: "Colour names in --help are misspelled", Labels: []string{"area/docs"}})
	emu.OpenIssue(Org, Repo, "maintainer-mo", ghemu.IssueOptions{Title: "Explain NO_COLOR in the README"})
	emu.OpenIssue(Org, Repo, "maintainer-mo", ghemu.IssueOptions{Title: "Support NO_COLOR in the pager", Labels: []string{"help wanted"}})
	emu.OpenIssue(Org, Repo, "maintainer-mo", ghemu.IssueOptions{Title: "Cache the palette between runs", Labels: []string{"help wanted"}})
}
