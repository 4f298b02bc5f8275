package dashboard

import (
	"fmt"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
)

// responseOf draws the time-to-first-response distribution.
func responseOf(r figures.Response) responseView {
	var bars []bar
	for _, b := range r.Buckets {
		bars = append(bars, bar{Label: b.Label, Value: b.Count, Title: fmt.Sprintf("%d answered in %s", b.Count, b.Label)})
	}
	bars = append(bars, bar{Label: "no reply", Value: r.Unanswered, Class: "dim", Title: fmt.Sprintf("%d not answered yet", r.Unanswered)})
	v := responseView{Chart: columnChart(bars, "How long first-timers waited for a first response")}
	if r.Answered() > 0 {
		v.Summary = fmt.Sprintf("Median %s, 90th percentile %s, over %d answered pull requests and issues.",
			duration(r.Times.Median), duration(r.Times.P90), r.Answered())
	}
	return v
}

// loadOf draws the mentors' load, the busiest first.
func loadOf(l figures.Load) loadView {
	owners := map[string]bool{}
	for _, m := range l.Mentors {
		owners[strings.ToLower(m.Owner)] = true
	}
	var rows []loadRow
	for i, m := range l.Mentors {
		if i == MentorLimit {
			break
		}
		name := m.Login
		if len(owners) > 1 {
			name = m.Owner + "/" + m.Login
		}
		rows = append(rows, loadRow{Label: name, Active: m.Active, Assigned: m.Assigned, Away: m.Away})
	}
	v := loadView{More: more(len(l.Mentors)-MentorLimit, "mentor", "mentors")}
	if len(rows) == 0 {
		v.Note = "No mentor had a mentee now or an assignment in this or the previous period."
		return v
	}
	v.Chart = loadChart(rows, "Mentees now and assignments in the period, per mentor")
	return v
}

// retentionNote says what the retention figure counts.
func retentionNote(r figures.Retention) string {
	if v, ok := r.Value(); ok {
		return fmt.Sprintf("%s of the %d first-timers whose first contribution was between %s and %s came back within 90 days.",
			percent(v), r.Whole, r.Cohort.Since.Format("2 Jan"), r.Cohort.Until.Format("2 Jan 2006"))
	}
	return "No first-timer's 90-day window ended in this period yet."
}

// tasksOf lists the claim figures and the open starter tasks.
func tasksOf(c figures.Claims, pr figures.Progression, tasks []figures.Task, total int, now time.Time) tasksView {
	v := tasksView{Recorded: c.Recorded}
	if !c.Recorded {
		return v
	}
	progression := "—"
	if share, ok := pr.Value(); ok {
		progression = percent(share)
	}
	v.Figures = []figure{
		{"claimed", fmt.Sprint(c.Claimed)},
		{"completed by a merged PR", fmt.Sprint(c.Completed)},
		{"expired", fmt.Sprint(c.Expired)},
		{"held now", fmt.Sprint(c.Open)},
		{fmt.Sprintf("took a next step (%d of %d)", pr.Part, pr.Whole), progression},
	}
	for _, t := range tasks {
		row := taskRow{Title: t.Title, URL: t.URL, Ref: fmt.Sprintf("%s#%d", t.Repo, t.Number), Claimant: t.Claimant,
			Age: duration(now.Sub(t.OpenedAt)) + " open"}
		if row.Title == "" {
			row.Title = row.Ref
		}
		v.Tasks = append(v.Tasks, row)
	}
	v.More = more(total-len(tasks), "open starter task", "open starter tasks")
	return v
}

// hoursOf gives the office-hours figures and the next session.
func hoursOf(h figures.Hours) hoursView {
	v := hoursView{Recorded: h.Recorded}
	if !h.Recorded {
		return v
	}
	if h.Next != nil {
		v.Next = h.Next.Start.UTC().Format("Monday 2 January, 15:04 UTC")
		v.NextURL = h.Next.URL
	}
	sat := "—"
	if s, ok := h.Satisfaction.Value(); ok {
		sat = percent(s)
	}
	v.Figures = []figure{
		{"sessions announced", fmt.Sprint(h.Announced)},
		{"RSVPs", fmt.Sprint(h.RSVPs)},
		{"recaps published", fmt.Sprint(h.Recaps)},
		{fmt.Sprintf("satisfied (%d votes)", h.Satisfaction.Whole), sat},
	}
	return v
}

// rowsOf lists the owners and repositories under scope s, with their
// main figures, for the table at the foot of the page.
func rowsOf(d figures.Data, s figures.Scope, p figures.Period, period string) []scopeRow {
	if s.Kind() == figures.ScopeRepository {
		return nil
	}
	var out []scopeRow
	d = d.Trim(p)
	parts := figures.Partition(d)
	for _, sc := range figures.Scopes(d) {
		// Owners are listed on the page of all of them; repositories on
		// that page and their owner's.
		if sc.Kind() == figures.ScopeOwner && s.Kind() != figures.ScopeAll {
			continue
		}
		if sc.Kind() == figures.ScopeRepository && !s.Includes(sc.Repo) {
			continue
		}
		f := figures.Compute(figures.PartOf(parts, d, sc), sc, p)
		row := scopeRow{Name: sc.String(), Href: href(sc, period), Owner: sc.Kind() == figures.ScopeOwner, Newcomers: f.Newcomers,
			Response: "—", Retention: "—", Merged: fmt.Sprintf("%d of %d", f.FirstPRs.Merged, f.FirstPRs.Opened),
			Mentoring: fmt.Sprintf("%d · %d waiting", f.Load.Active, f.Load.Waiting)}
		if f.Response.Answered() > 0 {
			row.Response = duration(f.Response.Times.Median)
		}
		if v, ok := f.Retention.Value(); ok {
			row.Retention = percent(v)
		}
		out = append(out, row)
	}
	return out
}

// more says how many were left out: "And 3 more mentors."; "" for none.
func more(n int, one, many string) string {
	switch {
	case n <= 0:
		return ""
	case n == 1:
		return "And 1 more " + one + "."
	default:
		return fmt.Sprintf("And %d more %s.", n, many)
	}
}
