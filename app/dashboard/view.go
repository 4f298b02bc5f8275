package dashboard

import (
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
)

// view is what one page is built from.
type view struct {
	data       figures.Data
	req        request
	period     figures.Period
	tasks      []figures.Task
	totalTasks int
	webURL     string
}

// page is the template's model: every figure already in words.
type page struct {
	Title      string
	ScopeName  string
	ScopeKind  string
	ScopeURL   string // on GitHub; "" for every owner
	Crumbs     []link
	Periods    []link
	PeriodName string
	Since      string
	Until      string
	Generated  string
	Empty      bool
	Cards      []card
	Response   responseView
	Load       loadView
	Cohorts    template.HTML
	// CohortMonths is how many months the cohort chart looks back.
	CohortMonths int
	Retention    string
	Tasks        tasksView
	Hours        hoursView
	Rows         []scopeRow
	Login        string // signed in as; "" when anonymous
	SignIn       bool   // offer "Sign in with GitHub" / "Log out"
}

type link struct {
	Text    string
	Href    string
	Current bool
}

// card is one headline figure.
type card struct {
	ID    string // for tests and anchors
	Label string
	Value string
	Sub   string
	Class string // "" or warn
	Trend trend
	Spark template.HTML
}

type responseView struct {
	Chart   template.HTML
	Summary string
}

type loadView struct {
	Chart template.HTML
	More  string
	Note  string
}

type tasksView struct {
	Recorded bool
	Figures  []figure
	Tasks    []taskRow
	More     string
}

type figure struct {
	Label string
	Value string
}

type taskRow struct {
	Title    string
	URL      string
	Ref      string
	Claimant string
	Age      string
}

type hoursView struct {
	Recorded bool
	Next     string
	NextURL  string
	Figures  []figure
}

type scopeRow struct {
	Name      string
	Href      string
	Owner     bool
	Newcomers int
	Response  string
	Retention string
	Merged    string
	Mentoring string
}

// build computes the figures of the page's scope and period and puts them in words.
func build(v view) page {
	s, p := v.req.scope, v.period
	cur := figures.Compute(v.data, s, p)
	prev := figures.Compute(v.data, s, p.Previous())
	pg := page{
		Title:      "Mentoring program · " + titleOf(s),
		ScopeName:  titleOf(s),
		ScopeKind:  s.Kind(),
		PeriodName: periodName(p.Length()),
		Since:      p.Since.Format("2 Jan 2006"),
		Until:      p.Until.Format("2 Jan 2006 15:04 UTC"),
		Generated:  p.Until.Format(time.RFC3339),
		Crumbs:     crumbs(s, v.req.period),
	}
	if s.Kind() != figures.ScopeAll && v.webURL != "" {
		pg.ScopeURL = v.webURL + "/" + s.String()
	}
	for _, per := range Periods {
		pg.Periods = append(pg.Periods, link{Text: strings.TrimSuffix(per.Value, "d") + " days", Href: href(s, per.Value), Current: per.Value == v.req.period})
	}
	pg.Periods[len(pg.Periods)-1].Text = "12 months"
	pg.Empty = len(v.data.Items) == 0 && len(v.data.Newcomers) == 0 && len(v.data.Open) == 0 && len(v.data.Assignments) == 0
	pg.Cards = cards(v, cur, prev)
	pg.Response = responseOf(cur.Response)
	pg.Load = loadOf(cur.Load)
	pg.CohortMonths = CohortMonths
	pg.Cohorts = cohortChart(figures.Cohorts(v.data.Newcomers, s, p.Until, CohortMonths), "Share of each month's first-time contributors who came back within 30, 60 and 90 days")
	pg.Retention = retentionNote(cur.Retention)
	pg.Tasks = tasksOf(cur.Claims, cur.Progression, v.tasks, v.totalTasks, p.Until)
	pg.Hours = hoursOf(cur.Hours)
	pg.Rows = rowsOf(v.data, s, p, v.req.period)
	return pg
}

// titleOf names a scope for headings.
func titleOf(s figures.Scope) string {
	if s.Kind() == figures.ScopeAll {
		return "All repositories"
	}
	return s.String()
}

// href is the relative link to a scope and period; it keeps working
// under whatever path a proxy serves the page.
func href(s figures.Scope, period string) string {
	q := url.Values{}
	switch s.Kind() {
	case figures.ScopeRepository:
		q.Set("repo", s.Repo)
	case figures.ScopeOwner:
		q.Set("owner", s.Owner)
	}
	if period != "30d" {
		q.Set("period", period)
	}
	if len(q) == 0 {
		return "?"
	}
	return "?" + q.Encode()
}

// crumbs lead from all repositories to the scope shown.
func crumbs(s figures.Scope, period string) []link {
	out := []link{{Text: "All repositories", Href: href(figures.Scope{}, period), Current: s.Kind() == figures.ScopeAll}}
	if s.Kind() != figures.ScopeAll {
		owner := figures.OwnerOf(s.String())
		out = append(out, link{Text: owner, Href: href(figures.Scope{Owner: owner}, period), Current: s.Kind() == figures.ScopeOwner})
	}
	if s.Kind() == figures.ScopeRepository {
		_, name, _ := strings.Cut(s.Repo, "/")
		out = append(out, link{Text: name, Href: href(s, period), Current: true})
	}
	return out
}
