package schedule

import (
	"fmt"
	"strings"
)

// Task is an open starter issue to point newcomers at.
type Task struct {
	Title, URL string
}

// Announcement is what AnnouncementBody renders. The caller passes
// user-written strings (agenda, titles, ...) already neutralised.
type Announcement struct {
	// Kind is one of Kinds and picks the opening sentence; "" is
	// KindOfficeHours.
	Kind          string
	Session       Session
	JoinURL       string      // where the session happens; "" leaves it out
	ChatURL       string      // where to talk between sessions; "" leaves it out
	CalendarURL   string      // the owner's calendar feed; "" leaves it out
	Times         []LocalTime // from LocalTimes
	ConverterURL  string      // "" leaves the link out
	Agenda        []string
	GroundRules   []string
	Accessibility string
	Roles         []RoleAssignment
	Newcomers     []string // logins welcomed by name; they are mentioned
	StarterTasks  []Task
	Marker        string // hidden HTML comment, put verbatim at the very end
	// Mention writes a login so that GitHub notifies the person; nil means
	// "@login". Only facilitators and newcomers go through it.
	Mention func(login string) string
}

// RSVP is the announcement's closing request.
const RSVP = "React to this post so we know who is coming: 👍 attending, 😕 maybe."

// AnnouncementTitle is e.g. "acme/widgets office hours — Thu 3 Dec 2026,
// 17:00 UTC", or "Office hours — …" when repoName is empty.
func AnnouncementTitle(s Session, repoName string) string {
	return titlePrefix(repoName, "office hours") + " — " + s.Start.UTC().Format("Mon 2 Jan 2006, 15:04") + " UTC"
}

// SeriesTitle is e.g. "acme mentorship circle — Tue 29 Dec 2026, 16:00 UTC",
// or with what "recap", "acme mentorship circle recap — Tue 29 Dec 2026".
func SeriesTitle(s Session, name, what string) string {
	if what != "" {
		return oneLine(name) + " " + what + " — " + s.Start.UTC().Format("Mon 2 Jan 2006")
	}
	return oneLine(name) + " — " + s.Start.UTC().Format("Mon 2 Jan 2006, 15:04") + " UTC"
}

// AnnouncementBody renders the announcement discussion in Markdown: the time
// in UTC and in each mentor's zone with the converter link, the agenda,
// ground rules, accessibility notes, facilitators and why each was chosen, a
// welcome to newcomers, starter tasks and how to RSVP. Empty sections are
// left out; the marker ends the text.
func AnnouncementBody(a Announcement) string {
	mention := mentionFunc(a.Mention)
	var d doc
	d.para(IntroFor(a.Kind, a.Session))
	d.section("When", whenLines(a)...)
	if where := whereLines(a); len(where) > 0 {
		d.section("Where", where...)
	}
	if len(a.Agenda) > 0 {
		lines := make([]string, len(a.Agenda))
		for i, item := range a.Agenda {
			lines[i] = fmt.Sprintf("%d. %s", i+1, oneLine(item))
		}
		d.section("Agenda", lines...)
	}
	if len(a.GroundRules) > 0 {
		d.section("Ground rules", bullets(a.GroundRules)...)
	}
	if strings.TrimSpace(a.Accessibility) != "" {
		d.section("Accessibility", strings.TrimSpace(a.Accessibility))
	}
	if len(a.Roles) > 0 {
		d.section("Facilitators", roleLines(a.Roles, mention)...)
	}
	if names := mentionAll(a.Newcomers, mention); len(names) > 0 {
		d.section("Welcome", fmt.Sprintf("A warm welcome to %s, who joined us recently! "+
			"This is a good place to ask anything about your first contribution.", joinAnd(names)))
	}
	if len(a.StarterTasks) > 0 {
		lines := make([]string, len(a.StarterTasks))
		for i, t := range a.StarterTasks {
			lines[i] = "- " + link(t.Title, t.URL)
		}
		d.section("Starter tasks", lines...)
	}
	d.section("RSVP", RSVP)
	return d.finish(a.Marker)
}

func whenLines(a Announcement) []string {
	when := "**" + utcRange(a.Session) + "**"
	if a.ConverterURL != "" {
		when += " · " + link("see it in your time zone", a.ConverterURL)
	}
	lines := []string{when}
	if a.CalendarURL != "" {
		lines = append(lines, "", link("Add every session to your calendar", a.CalendarURL)+" (an iCalendar feed that follows changes and cancellations).")
	}
	if len(a.Times) == 0 {
		return lines
	}
	lines = append(lines, "", "| Time zone | Local time | Mentors |", "|---|---|---|")
	for _, t := range a.Times {
		label := t.Label
		switch t.DayShift {
		case 1:
			label += " · next day"
		case -1:
			label += " · previous day"
		}
		lines = append(lines, fmt.Sprintf("| %s | %s | %s |", cell(t.Zone), cell(label), cell(strings.Join(t.Logins, ", "))))
	}
	return lines
}

// whereLines are the join and chat links.
func whereLines(a Announcement) []string {
	var lines []string
	if a.JoinURL != "" {
		lines = append(lines, "- **Join:** "+link(a.JoinURL, a.JoinURL))
	}
	if a.ChatURL != "" {
		lines = append(lines, "- **Between sessions:** "+link(a.ChatURL, a.ChatURL))
	}
	return lines
}

func roleLines(roles []RoleAssignment, mention func(string) string) []string {
	lines := make([]string, len(roles))
	for i, r := range roles {
		who := "nobody yet"
		if r.Login != "" {
			who = mention(r.Login)
		}
		lines[i] = fmt.Sprintf("- **%s**: %s — %s", oneLine(r.Role), who, oneLine(r.Why))
	}
	return lines
}

func bullets(items []string) []string {
	lines := make([]string, len(items))
	for i, item := range items {
		lines[i] = "- " + oneLine(item)
	}
	return lines
}

// minutes is "60-minute".
func minutes(s Session) string {
	return fmt.Sprintf("%d-minute", int(s.End.Sub(s.Start).Minutes()))
}

// titlePrefix is "repo what" or "What" when repo is empty.
func titlePrefix(repo, what string) string {
	if repo = oneLine(repo); repo != "" {
		return repo + " " + what
	}
	return strings.ToUpper(what[:1]) + what[1:]
}
