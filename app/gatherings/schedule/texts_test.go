package schedule_test

import (
	"flag"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const marker = "<!-- mentorbot:office-hours 2026-12-03T17:00Z -->"

var mentionRE = regexp.MustCompile(`@[A-Za-z0-9-]+`)

// mentioned lists the logins written as @login in body, sorted.
func mentioned(body string) []string {
	var out []string
	for _, m := range mentionRE.FindAllString(body, -1) {
		out = append(out, strings.TrimPrefix(m, "@"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	golden.File(t, filepath.Join("testdata", name), got, *update)
}

func sectionOrder(t *testing.T, body string, want []string) {
	t.Helper()
	var got []string
	for line := range strings.Lines(body) {
		if h, ok := strings.CutPrefix(strings.TrimSpace(line), "## "); ok {
			got = append(got, h)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("sections %q, want %q", got, want)
	}
}

func sampleSession() schedule.Session {
	return weekly("17:00").Sessions(day("2026-12-01"), 1)[0]
}

func TestAnnouncementTitle(t *testing.T) {
	s := sampleSession()
	cases := map[string]string{
		"acme/widgets": "acme/widgets office hours — Thu 3 Dec 2026, 17:00 UTC",
		"":             "Office hours — Thu 3 Dec 2026, 17:00 UTC",
	}
	for repo, want := range cases {
		if got := schedule.AnnouncementTitle(s, repo); got != want {
			t.Errorf("AnnouncementTitle(%q) = %q, want %q", repo, got, want)
		}
	}
}

// zoned is candidates with the zones' locations: kangaroo (Sydney, 04:00)
// and ben (Kolkata, 22:30) are outside their waking hours at 17:00 UTC.
func zoned(zones []schedule.Zone, logins ...string) []schedule.RoleCandidate {
	out := candidates(logins...)
	for i := range out {
		for _, z := range zones {
			if z.Login == out[i].Login {
				out[i].Location = z.Location
			}
		}
	}
	return out
}

func TestAnnouncementBody(t *testing.T) {
	s := sampleSession()
	zones := []schedule.Zone{
		{Login: "octocat", Location: mustLoc(t, "America/Los_Angeles")},
		{Login: "kangaroo", Location: mustLoc(t, "Australia/Sydney")},
		{Login: "ana", Location: mustLoc(t, "Europe/Berlin")},
		{Login: "ben", Location: mustLoc(t, "Asia/Kolkata")},
	}
	a := schedule.Announcement{
		Session:       s,
		Times:         schedule.LocalTimes(s, zones),
		ConverterURL:  schedule.ConverterURL(s.Start, "Office hours"),
		Agenda:        []string{"Check-in", "Progress sharing", "Mentorship dialogues", "Activity"},
		GroundRules:   []string{"Equal airtime", "No interruptions", "Every question is\nwelcome"},
		Accessibility: schedule.DefaultAccessibility,
		Roles:         schedule.AssignRoles(threeRoles, zoned(zones, "ana", "ben", "kangaroo", "octocat"), nil, s),
		Newcomers:     []string{"newbie", "first-timer", "newbie"},
		StarterTasks: []schedule.Task{
			{Title: "Fix typo in [docs] | README", URL: "https://ghe.example.com/acme/widgets/issues/12"},
			{Title: "Add a test", URL: "https://ghe.example.com/acme/widgets/issues/(13)"},
		},
		Marker: marker,
	}
	body := schedule.AnnouncementBody(a)
	goldenFile(t, "announcement.md", body)
	sectionOrder(t, body, []string{"When", "Agenda", "Ground rules", "Accessibility", "Facilitators", "Welcome", "Starter tasks", "RSVP"})
	for _, want := range []string{
		"**Thu 3 Dec 2026, 17:00–18:00 UTC**",
		"(https://www.timeanddate.com/worldclock/fixedtime.html?iso=20261203T1700&p1=1440&msg=Office+hours)",
		"| America/Los_Angeles | Thu 3 Dec, 09:00–10:00 PST (UTC−8) | octocat |",
		"| Australia/Sydney | Fri 4 Dec, 04:00–05:00 AEDT (UTC+11) · next day | kangaroo |",
		"- Every question is welcome\n",
		"- **host**: @ana — no role yet, like octocat; listed before octocat among the mentors",
		"- **note-taker**: @octocat — the only available mentor without a role in this session, no role yet",
		"- **activity designer**: @ana — also host this session: only 2 mentors are available for 3 roles",
		"[Fix typo in \\[docs\\] | README](https://ghe.example.com/acme/widgets/issues/12)",
		"(https://ghe.example.com/acme/widgets/issues/%2813%29)",
		"👍 attending, 😕 maybe",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	// Facilitators and newcomers are mentioned; the other mentors are only named.
	if got, want := mentioned(body), []string{"ana", "first-timer", "newbie", "octocat"}; !slices.Equal(got, want) {
		t.Errorf("mentioned %v, want %v", got, want)
	}
	if strings.Count(body, "@newbie") != 1 {
		t.Errorf("newbie welcomed more than once")
	}
	if !strings.HasSuffix(body, "\n\n"+marker) {
		t.Errorf("body does not end with the marker")
	}
}

func TestAnnouncementBodyMinimal(t *testing.T) {
	a := schedule.Announcement{
		Session: sampleSession(),
		Roles:   schedule.AssignRoles([]string{"host"}, nil, nil, sampleSession()),
		Mention: func(login string) string { return "<<" + login + ">>" },
	}
	body := schedule.AnnouncementBody(a)
	sectionOrder(t, body, []string{"When", "Facilitators", "RSVP"})
	if !strings.Contains(body, "- **host**: nobody yet — "+schedule.NoMentorReason) {
		t.Errorf("unfilled role not explained:\n%s", body)
	}
	if strings.Contains(body, "timeanddate") || strings.Contains(body, "| Time zone") || strings.Contains(body, "@") {
		t.Errorf("empty parts rendered:\n%s", body)
	}
	if !strings.HasSuffix(body, schedule.RSVP) {
		t.Errorf("without a marker the body should end with the RSVP line")
	}
	a.Newcomers = []string{"nina"}
	if body := schedule.AnnouncementBody(a); !strings.Contains(body, "welcome to <<nina>>") {
		t.Errorf("Mention not used for newcomers:\n%s", body)
	}
}

func TestRecapTitle(t *testing.T) {
	if got, want := schedule.RecapTitle(sampleSession(), "acme/widgets"), "acme/widgets office hours recap — Thu 3 Dec 2026"; got != want {
		t.Errorf("RecapTitle = %q, want %q", got, want)
	}
	if got, want := schedule.RecapTitle(sampleSession(), ""), "Office hours recap — Thu 3 Dec 2026"; got != want {
		t.Errorf("RecapTitle = %q, want %q", got, want)
	}
}

func TestRecapBody(t *testing.T) {
	r := schedule.Recap{
		Session:         sampleSession(),
		AnnouncementURL: "https://ghe.example.com/acme/community/discussions/7",
		Attendance:      schedule.Attendance{Attending: 5, Maybe: 2, Commenters: 1},
		Newcomers:       []string{"newbie"},
		MergedFirstPRs: []schedule.PRRef{
			{Author: "first-timer", Title: "Fix typo", URL: "https://ghe.example.com/acme/widgets/pull/14"},
		},
		Kudos: []schedule.Kudo{{From: "ana", To: "helper", Reason: "patient review of\nmy first PR", ToTookPart: true}},
		ActionItems: []schedule.ActionItem{
			{Text: "Write the FAQ entry on builds", Author: "ben"},
			{Text: "Share slides", Author: "ana", Done: true},
		},
		FAQ:     []schedule.FAQEntry{{Question: "How do I run the tests?", URL: "https://ghe.example.com/acme/widgets/issues/3#issuecomment-9"}},
		Figures: []schedule.Figure{{Name: "Time to first response (median)", Value: "5 h"}, {Name: "Newcomer retention", Value: "40% | rising"}},
		Marker:  marker,
	}
	body := schedule.RecapBody(r)
	goldenFile(t, "recap.md", body)
	sectionOrder(t, body, []string{"Attendance", "Newcomers", "First pull requests merged", "Kudos", "Action items", "FAQ", "Program figures", "Pulse"})
	for _, want := range []string{
		"Recap of the office hours on Thu 3 Dec 2026, 17:00–18:00 UTC ([announcement](https://ghe.example.com/acme/community/discussions/7)).",
		"👍 5 attending · 😕 2 maybe · 1 person commented in the announcement.",
		"- [Fix typo](https://ghe.example.com/acme/widgets/pull/14) by @first-timer: thank you!",
		"- @helper: patient review of my first PR (from ana)",
		"- [ ] Write the FAQ entry on builds (ben)\n- [x] Share slides (ana)",
		"| Newcomer retention | 40% \\| rising |",
		schedule.Pulse,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	// Newcomers, first-PR authors and kudos recipients are mentioned; givers and
	// action-item authors are only named.
	if got, want := mentioned(body), []string{"first-timer", "helper", "newbie"}; !slices.Equal(got, want) {
		t.Errorf("mentioned %v, want %v", got, want)
	}
	if !strings.HasSuffix(body, "\n\n"+marker) {
		t.Errorf("body does not end with the marker")
	}
}

func TestRecapBodyEmpty(t *testing.T) {
	body := schedule.RecapBody(schedule.Recap{Session: sampleSession(), Marker: marker})
	sectionOrder(t, body, []string{"Attendance", "Action items", "Pulse"})
	for _, want := range []string{"No RSVPs or comments this time.", "## Action items\n\nNone this time."} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "@") || strings.Contains(body, "announcement]") {
		t.Errorf("empty recap mentions or links:\n%s", body)
	}
}

func TestRecapMentionsOnlyKudosRecipientsWhoTookPart(t *testing.T) {
	body := schedule.RecapBody(schedule.Recap{Session: sampleSession(), Marker: marker, Kudos: []schedule.Kudo{
		{From: "ana", To: "mentee", Reason: "great", ToTookPart: true},
		{From: "ana", To: "victim", Reason: "spam"},
	}})
	if got := mentioned(body); !slices.Equal(got, []string{"mentee"}) {
		t.Errorf("mentioned %v, want only mentee", got)
	}
	if !strings.Contains(body, "- `victim`: spam (from ana)") {
		t.Errorf("the stranger is not named:\n%s", body)
	}
}

func TestCapKudos(t *testing.T) {
	k := func(from, to string) schedule.Kudo { return schedule.Kudo{From: from, To: to} }
	tests := []struct {
		name string
		in   []schedule.Kudo
		want []string
	}{
		{"none", nil, nil},
		{"under the cap", []schedule.Kudo{k("a", "x"), k("b", "y")}, []string{"x", "y"}},
		{"one giver past the cap", []schedule.Kudo{k("a", "1"), k("a", "2"), k("A", "3"), k("a", "4"), k("b", "5"), k("a", "6")}, []string{"1", "2", "3", "5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range schedule.CapKudos(tt.in) {
				got = append(got, c.To)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("CapKudos = %v, want %v", got, tt.want)
			}
		})
	}
}
