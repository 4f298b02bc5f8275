// Package demo plays a short, scripted story of a mentoring program against
// the built-in GitHub emulator, with the real service (the same code as
// `mentorbot serve`) handling every webhook, and says what the bot did.
package demo

import (
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

const mentorshipYAML = `version: 1
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
`

// seed builds the sample organization in the emulator.
func seed(emu *ghemu.Emulator) {
	emu.AddOrg(Org)
	for _, m := range mentors {
		emu.AddOrgMember(Org, m.login)
	}
	emu.AddOrgMember(Org, "maintainer-mo")
	emu.AddRepo(Org, Repo, ghemu.RepoOptions{Description: "A friendly lamp for your terminal"})
	emu.AddRepo(Org, CommunityRep, ghemu.RepoOptions{Description: "Where the community meets", HasDiscussions: true})
	emu.AddCollaborator(Org, Repo, "maintainer-mo", "maintain") // maintainer powers come from a role
	emu.AddInstallation(installation, Org, Repo, CommunityRep)
	emu.PutFile(Org, Repo, ".github/mentorship.yml", []byte(mentorshipYAML))
	emu.AddDiscussionCategory(Org, CommunityRep, "Office Hours")
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
