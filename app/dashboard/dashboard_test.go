package dashboard

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/figures"
)

var testNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

// fakeSource serves fixed data and records what was asked.
type fakeSource struct {
	data    figures.Data
	tasks   []figures.Task
	err     error
	scope   figures.Scope
	rng     figures.Range
	askedTo int
}

func (f *fakeSource) LoadMetrics(_ context.Context, s figures.Scope, r figures.Range, _ func(int, int)) (figures.Data, error) {
	f.scope, f.rng = s, r
	return f.data, f.err
}

func (f *fakeSource) OpenTasks(_ context.Context, s figures.Scope, limit int) ([]figures.Task, int, error) {
	f.askedTo++
	return f.tasks, len(f.tasks) + 3, nil
}

func (f *fakeSource) OpenTasksIn(_ context.Context, s figures.Scope, allow func(string) bool, limit int) ([]figures.Task, int, error) {
	f.askedTo++
	var out []figures.Task
	for _, t := range f.tasks {
		if allow(t.Repo) {
			out = append(out, t)
		}
	}
	return out[:min(limit, len(out))], len(out), nil
}

func serve(t *testing.T, src Source, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	New(src, Options{WebURL: "https://ghe.example/", Now: func() time.Time { return testNow }}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func shown(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`data-figure="` + id + `">([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no %s figure", id)
	}
	return m[1]
}

func sampleData() figures.Data {
	at := func(days float64) time.Time { return testNow.Add(-time.Duration(days * float64(figures.Day))) }
	return figures.Data{
		Now: testNow,
		Items: []figures.Item{
			{Repo: "o/a", Number: 1, Kind: figures.KindPullRequest, Login: "ann", OpenedAt: at(3), FirstResponseAt: at(3).Add(2 * time.Hour), MergedAt: at(1), ClosedAt: at(1)},
			{Repo: "o/b", Number: 2, Kind: figures.KindIssue, Login: "bob", OpenedAt: at(2), FirstResponseAt: at(2).Add(4 * time.Hour)},
			{Repo: "o/b", Number: 3, Kind: figures.KindIssue, Login: "old", OpenedAt: at(40), FirstResponseAt: at(40).Add(time.Hour)},
		},
		Open:        []figures.Mentorship{{Repo: "o/a", Mentor: "ana"}, {Repo: "o/b", Waiting: true}},
		Assignments: []figures.Assignment{{Repo: "o/a", Mentor: "ana", At: at(3)}, {Repo: "o/b", Mentor: "<b>bo</b>", At: at(2)}},
		ClaimOwners: []string{"o"},
	}
}

func TestPageShowsTheFigures(t *testing.T) {
	src := &fakeSource{data: sampleData(), tasks: []figures.Task{
		{Repo: "o/a", Number: 7, Title: `<script>alert("x")</script> Fix docs`, URL: "javascript:alert(1)", OpenedAt: testNow.Add(-48 * time.Hour)},
		{Repo: "o/a", Number: 8, Title: "Add tests", URL: "https://ghe.example/o/a/issues/8", Claimant: "cy", OpenedAt: testNow.Add(-time.Hour)},
	}}
	rec := serve(t, src, "/")
	if rec.Code != http.StatusOK {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	page := rec.Body.String()
	for id, want := range map[string]string{"newcomers": "2", "response": "3 h", "merged": "1", "mentoring": "1", "retention": "—", "fairness": "1×"} {
		if got := shown(t, page, id); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	for _, s := range []string{
		`▲ 1 <span>vs before</span>`, // two newcomers now, one before: up, and good
		"1 waiting for one",
		`&lt;script&gt;`,
		`&lt;b&gt;bo&lt;/b&gt;`,
		`href="#ZgotmplZ"`, // html/template refuses the javascript: link
		`claimed by cy`,
		"And 3 more open starter tasks.",
		"Not recorded yet: no office-hours session",
		`href="?owner=o"`,
		`href="?repo=o%2Fb"`,
		`href="?period=90d"`,
	} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, "<b>bo") {
		t.Error("user text reached the page unescaped")
	}
	if src.scope != (figures.Scope{}) || !src.rng.Until.Equal(testNow) || !src.rng.ItemsSince.Equal(testNow.Add(-60*figures.Day)) {
		t.Errorf("asked for %+v %+v", src.scope, src.rng)
	}
	h := rec.Header()
	if !strings.HasPrefix(h.Get("Content-Security-Policy"), "default-src 'none'; style-src 'sha256-") || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("headers %v", h)
	}
}

func TestScopeAndPeriodFromTheQuery(t *testing.T) {
	cases := []struct {
		query  string
		code   int
		scope  figures.Scope
		length time.Duration
	}{
		{"", 200, figures.Scope{}, 30 * figures.Day},
		{"?period=7d", 200, figures.Scope{}, 7 * figures.Day},
		{"?period=365d&owner=o", 200, figures.Scope{Owner: "o"}, 365 * figures.Day},
		{"?repo=o/a", 200, figures.RepoScope("o/a"), 30 * figures.Day},
		{"?repo=o/a&owner=O", 200, figures.RepoScope("o/a"), 30 * figures.Day},
		{"?repo=o/a&owner=p", 400, figures.Scope{}, 0},
		{"?repo=o", 400, figures.Scope{}, 0},
		{"?repo=o/a/b", 400, figures.Scope{}, 0},
		{"?owner=o/a", 400, figures.Scope{}, 0},
		{"?owner=" + strings.Repeat("x", 300), 400, figures.Scope{}, 0},
		{"?period=30", 400, figures.Scope{}, 0},
		{"?period=45d", 400, figures.Scope{}, 0},
		{"?repo=nope/nope", 404, figures.RepoScope("nope/nope"), 0},
		{"?repo=o/nope", 404, figures.RepoScope("o/nope"), 0},
		{"?owner=nope", 404, figures.Scope{Owner: "nope"}, 0},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			src := &fakeSource{data: sampleData()}
			rec := serve(t, src, "/"+c.query)
			if rec.Code != c.code {
				t.Fatalf("%d, want %d: %s", rec.Code, c.code, rec.Body)
			}
			if c.code != 200 {
				return
			}
			if src.scope != c.scope || src.rng.Until.Sub(src.rng.ItemsSince) != 2*c.length {
				t.Errorf("asked for %+v over %v", src.scope, src.rng.Until.Sub(src.rng.ItemsSince)/2)
			}
		})
	}
}

func TestRepositoryPageAndEmptyStore(t *testing.T) {
	if page := serve(t, &fakeSource{data: figures.Data{Now: testNow}}, "/").Body.String(); !strings.Contains(page, "Nothing recorded here yet") {
		t.Errorf("an empty store's page:\n%s", page)
	}
	// A repository the store knows of by one old step alone.
	src := &fakeSource{data: figures.Data{Now: testNow, Steps: []figures.Step{{Repo: "o/a", Login: "ann", Step: "next", At: testNow.AddDate(-1, 0, 0)}}}}
	page := serve(t, src, "/?repo=o/a").Body.String()
	for _, s := range []string{"Nothing recorded here yet", `<a href="https://ghe.example/o/a" rel="noopener noreferrer">o/a</a>`,
		"Not recorded yet: no good first issue", "No mentor had a mentee now", `<span class="current">a</span>`} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	if strings.Contains(page, `id="repositories"`) {
		t.Error("a repository page lists repositories")
	}
	if src.askedTo != 0 {
		t.Error("starter tasks read though the store records no claims")
	}
	if shown(t, page, "newcomers") != "0" || shown(t, page, "response") != "—" {
		t.Error("empty figures")
	}
}

func TestUnknownScopeIs404(t *testing.T) {
	for _, q := range []string{"?repo=nope/nope", "?owner=nope", "?owner=%3Cb%3E"} {
		rec := serve(t, &fakeSource{data: sampleData()}, "/"+q)
		body := rec.Body.String()
		if rec.Code != http.StatusNotFound || !strings.Contains(body, "no record of") || !strings.Contains(body, `href="?"`) || strings.Contains(body, "<b>") {
			t.Errorf("%s: %d %s", q, rec.Code, body)
		}
	}
}

func TestStoreFailureIs503(t *testing.T) {
	rec := serve(t, &fakeSource{err: errors.New("disk on fire")}, "/")
	if rec.Code != http.StatusServiceUnavailable || strings.Contains(rec.Body.String(), "fire") {
		t.Fatalf("%d %q", rec.Code, rec.Body)
	}
}

func TestLinksAreRelative(t *testing.T) {
	page := serve(t, &fakeSource{data: sampleData()}, "/?owner=o&period=90d").Body.String()
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		u, err := url.Parse(m[1])
		if err != nil {
			t.Fatalf("%q: %v", m[1], err)
		}
		if u.Host != "" && u.Host != "ghe.example" || u.Path != "" && u.Host == "" || strings.HasPrefix(m[1], "/") {
			t.Errorf("link %q is neither relative to the page nor to GitHub", m[1])
		}
	}
}

func TestTrends(t *testing.T) {
	cases := []struct {
		got  trend
		text string
		cls  string
	}{
		{countTrend(5, 3, higherIsBetter), "▲ 2", "good"},
		{countTrend(3, 5, higherIsBetter), "▼ 2", "bad"},
		{countTrend(4, 4, higherIsBetter), "= same", "flat"},
		{relativeTrend(3*time.Hour, 4*time.Hour, true, true, lowerIsBetter), "▼ 25%", "good"},
		{relativeTrend(6*time.Hour, 4*time.Hour, true, true, lowerIsBetter), "▲ 50%", "bad"},
		{relativeTrend(time.Hour, 0, true, true, lowerIsBetter), "", ""},
		{relativeTrend(time.Hour, time.Hour, true, false, lowerIsBetter), "", ""},
		{pointsTrend(0.47, 0.42, true, true, higherIsBetter), "▲ 5 pts", "good"},
		{pointsTrend(0.40, 0.42, true, false, higherIsBetter), "", ""},
	}
	for _, c := range cases {
		if c.got.Text != c.text || c.got.Class != c.cls || c.got.Known != (c.text != "") {
			t.Errorf("got %+v, want %q %q", c.got, c.text, c.cls)
		}
	}
	if periodName(365*figures.Day) != "12 months" || periodName(7*figures.Day) != "7 days" {
		t.Error("period names")
	}
}

// A new program's 30-day view: the retention panel shows the one month
// with first-timers, not six rows of dashes, and says so when there is
// none; a sparkline of a single day is left out rather than drawn as a dot.
func TestPageLeavesOutEmptyCohortsAndLoneSparklines(t *testing.T) {
	d := sampleData()
	page := serve(t, &fakeSource{data: d}, "/").Body.String()
	if strings.Contains(page, `class="chart cohorts"`) || !strings.Contains(page, "No first-time contributor in the last 6 months") {
		t.Error("with no first-timer in six months the cohort chart is drawn, or nothing says why not")
	}
	d.Newcomers = []figures.Newcomer{{Repo: "o/a", FirstAt: testNow.Add(-3 * figures.Day)}}
	page = serve(t, &fakeSource{data: d}, "/").Body.String()
	if !strings.Contains(page, ">Jun 2026<") {
		t.Fatal("the month with a first-timer has no row")
	}
	for _, m := range []string{"Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026"} {
		if strings.Contains(page, ">"+m+"<") {
			t.Errorf("the empty month %s has a row", m)
		}
	}
	// Both first-timers were answered within the last five days: one point
	// of the 30-day response trend, so no response sparkline; every step
	// of the newcomers' trend is known, so that one stays.
	if !strings.Contains(page, `aria-label="New contributors over the period"`) {
		t.Error("the newcomers' sparkline is gone")
	}
	if strings.Contains(page, `aria-label="Median time to first response over the period"`) {
		t.Error("a one-point response sparkline is drawn")
	}
}
