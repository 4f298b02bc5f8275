package schedule

import (
	"fmt"
	"strings"
)

// Reminder is what ReminderBody renders: one comment on the announcement
// shortly before the session. It mentions nobody: the people who reacted or
// commented are notified of the comment by GitHub already.
type Reminder struct {
	Session     Session
	Name        string // the series, e.g. "acme office hours"
	JoinURL     string // "" leaves the link out
	CalendarURL string // "" leaves the link out
	Marker      string
}

// ReminderBody is e.g. "⏰ Starting in 1 hour: **acme office hours**, Thu 3
// Dec 2026, 17:00–18:00 UTC. Join: …". The lead is from the session's start to
// the moment of writing, rounded to whole minutes.
func ReminderBody(r Reminder, leadMinutes int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "⏰ Starting %s: **%s**, %s.", inMinutes(leadMinutes), oneLine(r.Name), utcRange(r.Session))
	if r.JoinURL != "" {
		b.WriteString(" Join: " + link(r.JoinURL, r.JoinURL) + ".")
	}
	b.WriteString(" Everyone is welcome, and there is nothing to prepare.")
	if r.CalendarURL != "" {
		b.WriteString("\n\n" + link("Add the next sessions to your calendar", r.CalendarURL) + ".")
	}
	var d doc
	d.para(b.String())
	return d.finish(r.Marker)
}

// inMinutes is "in 1 hour", "in 45 minutes", "in 1 h 30 min", "now".
func inMinutes(m int) string {
	switch {
	case m <= 0:
		return "now"
	case m == 60:
		return "in 1 hour"
	case m%60 == 0:
		return fmt.Sprintf("in %d hours", m/60)
	case m < 60 && m == 1:
		return "in 1 minute"
	case m < 60:
		return fmt.Sprintf("in %d minutes", m)
	}
	return fmt.Sprintf("in %d h %d min", m/60, m%60)
}
