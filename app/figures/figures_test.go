package figures

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func ago(d time.Duration) time.Time { return now.Add(-d) }

func TestPeriod(t *testing.T) {
	p := Last(now, 30*Day)
	if p.Length() != 30*Day || !p.Until.Equal(now) {
		t.Fatalf("Last: %+v", p)
	}
	cases := []struct {
		at   time.Time
		want bool
	}{
		{p.Since, true},
		{now.Add(-time.Nanosecond), true},
		{now, false},
		{p.Since.Add(-time.Nanosecond), false},
		{time.Time{}, false},
	}
	for _, c := range cases {
		if got := p.Contains(c.at); got != c.want {
			t.Errorf("Contains(%v) = %v", c.at, got)
		}
	}
	prev := p.Previous()
	if !prev.Until.Equal(p.Since) || prev.Length() != p.Length() {
		t.Errorf("Previous: %+v", prev)
	}
	rc := p.RetentionCohort()
	if !rc.Until.Equal(now.Add(-90*Day)) || rc.Length() != p.Length() {
		t.Errorf("RetentionCohort: %+v", rc)
	}
}

func TestNeeds(t *testing.T) {
	cases := []struct {
		name      string
		length    time.Duration
		months    int
		newcomers time.Time
	}{
		// 30 days: previous period's cohort starts 150 days back, the
		// six-month cohort chart on January 1st.
		{"cohort chart reaches further", 30 * Day, 6, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"retention of a long previous period reaches further", 365 * Day, 6, ago(820 * Day)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Needs(Last(now, c.length), c.months)
			if !r.ItemsSince.Equal(now.Add(-2*c.length)) || !r.Until.Equal(now) || !r.NewcomersSince.Equal(c.newcomers) {
				t.Fatalf("Needs = %+v, want newcomers since %v", r, c.newcomers)
			}
		})
	}
}

func TestScopeIncludes(t *testing.T) {
	cases := []struct {
		scope Scope
		repo  string
		want  bool
		kind  string
	}{
		{Scope{}, "a/x", true, ScopeAll},
		{Scope{Owner: "a"}, "a/x", true, ScopeOwner},
		{Scope{Owner: "A"}, "a/x", true, ScopeOwner},
		{Scope{Owner: "a"}, "ab/x", false, ScopeOwner},
		{RepoScope("a/x"), "a/x", true, ScopeRepository},
		{RepoScope("a/x"), "a/X", true, ScopeRepository},
		{RepoScope("a/x"), "a/y", false, ScopeRepository},
	}
	for _, c := range cases {
		if got := c.scope.Includes(c.repo); got != c.want || c.scope.Kind() != c.kind {
			t.Errorf("%v.Includes(%s) = %v (%s)", c.scope, c.repo, got, c.scope.Kind())
		}
	}
	if (Scope{}).String() != "all" || (Scope{Owner: "a"}).String() != "a" || RepoScope("a/x").String() != "a/x" {
		t.Error("String names the scope")
	}
	if !(Scope{Owner: "a"}).IncludesOwner("A") || RepoScope("a/x").IncludesOwner("a") || !(Scope{}).IncludesOwner("b") {
		t.Error("IncludesOwner")
	}
}

func item(repo, kind, login string, opened, response, merged, closed time.Duration) Item {
	at := func(d time.Duration) time.Time {
		if d < 0 {
			return time.Time{}
		}
		return ago(d)
	}
	return Item{Repo: repo, Kind: kind, Login: login, OpenedAt: ago(opened), FirstResponseAt: at(response), MergedAt: at(merged), ClosedAt: at(closed)}
}

const never = -1

func TestResponseTimes(t *testing.T) {
	items := []Item{
		item("o/a", KindPullRequest, "p1", 10*Day, 10*Day-30*time.Minute, never, never), // 30 min
		item("o/a", KindIssue, "p2", 10*Day, 10*Day-2*time.Hour, never, never),          // 2 h
		item("o/a", KindIssue, "p3", 10*Day, 9*Day, never, never),                       // 1 d exactly: 1–2 d
		item("o/a", KindIssue, "p4", 10*Day, 2*Day, never, never),                       // 8 d
		item("o/a", KindIssue, "p5", 10*Day, never, never, 5*Day),                       // closed, unanswered
		item("o/a", KindIssue, "p6", 1*Day, never, never, never),                        // open, unanswered
		{Repo: "o/a", Login: "p7", OpenedAt: ago(time.Hour), FirstResponseAt: ago(time.Hour + time.Minute)},
	}
	r := ResponseTimes(items)
	if r.Answered() != 5 || r.Unanswered != 2 {
		t.Fatalf("answered %d, unanswered %d", r.Answered(), r.Unanswered)
	}
	if r.Times.Median != 2*time.Hour {
		t.Errorf("median %v", r.Times.Median)
	}
	want := []int{2, 1, 0, 0, 1, 0, 0, 1} // the reply before the opening counts as immediate
	var got []int
	for _, b := range r.Buckets {
		got = append(got, b.Count)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("buckets %v, want %v", got, want)
	}
	if ResponseBuckets[0].Count != 0 {
		t.Error("ResponseTimes changed the shared bucket list")
	}
}

func TestFirstPROutcome(t *testing.T) {
	items := []Item{
		item("o/a", KindPullRequest, "a", 10*Day, never, 8*Day, 8*Day),
		item("o/a", KindPullRequest, "b", 10*Day, never, 6*Day, 6*Day),
		item("o/a", KindPullRequest, "c", 10*Day, never, never, 9*Day),
		item("o/a", KindPullRequest, "d", 2*Day, never, never, never),
		item("o/a", KindIssue, "e", 2*Day, never, never, 1*Day),
	}
	o := FirstPROutcome(items)
	if o.Opened != 4 || o.Merged != 2 || o.Closed != 1 || o.Open != 1 {
		t.Fatalf("outcome %+v", o)
	}
	if o.ToMerge.Median != 3*Day {
		t.Errorf("median to merge %v", o.ToMerge.Median)
	}
	if s := o.MergedShare(); s.Part != 2 || s.Whole != 3 {
		t.Errorf("merged share %+v", s)
	}
}

func TestComputeFiltersScopeAndPeriod(t *testing.T) {
	d := Data{Now: now, Items: []Item{
		item("o/a", KindPullRequest, "ann", 5*Day, 5*Day-time.Hour, never, never),
		item("o/a", KindIssue, "Ann", 4*Day, never, never, never), // same person, other kind
		item("o/b", KindIssue, "bob", 3*Day, 3*Day-3*time.Hour, never, never),
		item("p/a", KindIssue, "ann", 3*Day, never, never, never),  // another owner: another newcomer
		item("o/a", KindIssue, "old", 40*Day, never, never, never), // before the period
	}}
	p := Last(now, 30*Day)
	cases := []struct {
		scope     Scope
		newcomers int
		answered  int
		median    time.Duration
	}{
		{Scope{}, 3, 2, 2 * time.Hour},
		{Scope{Owner: "o"}, 2, 2, 2 * time.Hour},
		{RepoScope("o/a"), 1, 1, time.Hour},
		{RepoScope("o/c"), 0, 0, 0},
	}
	for _, c := range cases {
		f := Compute(d, c.scope, p)
		if f.Newcomers != c.newcomers || f.Response.Answered() != c.answered || f.Response.Times.Median != c.median {
			t.Errorf("%v: newcomers %d answered %d median %v", c.scope, f.Newcomers, f.Response.Answered(), f.Response.Times.Median)
		}
	}
}

func TestLoadOf(t *testing.T) {
	p := Last(now, 30*Day)
	d := Data{
		Open: []Mentorship{
			{Repo: "o/a", Mentor: "Ana"}, {Repo: "o/a", Mentor: "ana"}, {Repo: "o/b", Mentor: "bo"},
			{Repo: "o/a", Waiting: true}, {Repo: "q/z", Mentor: "zed"},
		},
		Assignments: []Assignment{
			{Repo: "o/a", Mentor: "ana", At: ago(1 * Day)},
			{Repo: "o/a", Mentor: "ana", At: ago(2 * Day)},
			{Repo: "o/a", Mentor: "ana", At: ago(3 * Day)},
			{Repo: "o/b", Mentor: "bo", At: ago(4 * Day)},
			{Repo: "o/a", Mentor: "cy", At: ago(40 * Day)},  // previous period only: idle now
			{Repo: "o/a", Mentor: "dee", At: ago(45 * Day)}, // previous period, away now
			{Repo: "o/a", Mentor: "eve", At: ago(70 * Day)}, // out of rotation
		},
		Mentors: []Mentor{{Owner: "o", Login: "dee", Away: true}, {Owner: "o", Login: "ana"}},
	}
	cases := []struct {
		name     string
		scope    Scope
		active   int
		waiting  int
		mentors  []string
		fairness Ratio
	}{
		{"owner: cy idle makes the ratio undefined", Scope{Owner: "o"}, 3, 1, []string{"ana", "bo", "cy", "dee"}, Ratio{Max: 3, Min: 0, Idle: 1}},
		{"repository b", RepoScope("o/b"), 1, 0, []string{"bo"}, Ratio{Value: 1, Defined: true, Max: 1, Min: 1}},
		{"other owner: mentee but no assignment in the period", Scope{Owner: "q"}, 1, 0, []string{"zed"}, Ratio{Idle: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := LoadOf(d, c.scope, p)
			var names []string
			for _, m := range l.Mentors {
				names = append(names, m.Login)
			}
			if l.Active != c.active || l.Waiting != c.waiting || !reflect.DeepEqual(names, c.mentors) || l.Fairness != c.fairness {
				t.Fatalf("got active %d waiting %d mentors %v fairness %+v", l.Active, l.Waiting, names, l.Fairness)
			}
		})
	}
	l := LoadOf(d, Scope{Owner: "o"}, p)
	if l.Mentors[0] != (MentorLoad{Owner: "o", Login: "ana", Active: 2, Assigned: 3}) || !l.Mentors[3].Away {
		t.Errorf("mentor rows %+v", l.Mentors)
	}
	// Without cy, ratio 3/1.
	d.Assignments = d.Assignments[:4]
	if f := LoadOf(d, Scope{Owner: "o"}, p).Fairness; !f.Defined || f.Value != 3 {
		t.Errorf("fairness %+v", f)
	}
}

func TestRetentionOf(t *testing.T) {
	p := Last(now, 30*Day) // cohort: first contributions 120 to 90 days ago
	d := []Newcomer{
		{Repo: "o/a", FirstAt: ago(100 * Day), ReturnedAt: ago(40 * Day)},  // back after 60 days
		{Repo: "o/a", FirstAt: ago(110 * Day), ReturnedAt: ago(5 * Day)},   // back after 105 days: too late
		{Repo: "o/a", FirstAt: ago(95 * Day)},                              // never back
		{Repo: "o/b", FirstAt: ago(119 * Day), ReturnedAt: ago(119 * Day)}, // same day
		{Repo: "o/a", FirstAt: ago(80 * Day), ReturnedAt: ago(79 * Day)},   // window not over yet
		{Repo: "o/a", FirstAt: ago(130 * Day), ReturnedAt: ago(129 * Day)}, // before the cohort
	}
	cases := []struct {
		scope Scope
		want  Share
	}{
		{Scope{}, Share{Part: 2, Whole: 4}},
		{RepoScope("o/a"), Share{Part: 1, Whole: 3}},
		{RepoScope("o/b"), Share{Part: 1, Whole: 1}},
		{Scope{Owner: "x"}, Share{}},
	}
	for _, c := range cases {
		if got := RetentionOf(d, c.scope, p); got.Share != c.want {
			t.Errorf("%v: %+v, want %+v", c.scope, got.Share, c.want)
		}
	}
}

func TestCohorts(t *testing.T) {
	// now is June 15th; three cohorts: April, May, June.
	d := []Newcomer{
		{Repo: "o/a", FirstAt: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), ReturnedAt: time.Date(2026, 4, 20, 0, 0, 0, 0, time.UTC)},  // 18 days
		{Repo: "o/a", FirstAt: time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC), ReturnedAt: time.Date(2026, 5, 30, 0, 0, 0, 0, time.UTC)}, // 50 days
		{Repo: "o/a", FirstAt: time.Date(2026, 4, 30, 23, 0, 0, 0, time.UTC)},
		{Repo: "o/a", FirstAt: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), ReturnedAt: time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC)},
		{Repo: "o/a", FirstAt: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)}, // before the chart
		{Repo: "p/a", FirstAt: time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC)},  // other owner
	}
	cs := Cohorts(d, Scope{Owner: "o"}, now, 3)
	if len(cs) != 3 || !cs[0].Month.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) || !cs[2].Month.Equal(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("months: %+v", cs)
	}
	if cs[0].Size != 3 || cs[1].Size != 0 || cs[2].Size != 1 {
		t.Fatalf("sizes %d %d %d", cs[0].Size, cs[1].Size, cs[2].Size)
	}
	april := cs[0].Within
	// April ends May 1st: 30 days later is May 31st (complete), 60 days is June 30th (not yet).
	if april[0] != (CohortCell{Days: 30, Share: Share{Part: 1, Whole: 3}, Complete: true}) {
		t.Errorf("April 30 days: %+v", april[0])
	}
	if april[1].Share != (Share{Part: 2, Whole: 3}) || april[1].Complete || april[2].Complete {
		t.Errorf("April 60/90 days: %+v", april[1:])
	}
	if cs[2].Within[0].Complete {
		t.Error("June's 30 days cannot be complete in June")
	}
	if Cohorts(d, Scope{}, now, 0) != nil {
		t.Error("no months, no cohorts")
	}
	if got := CohortStart(time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), 6); !got.Equal(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("CohortStart across a year: %v", got)
	}
}

func TestClaimsOf(t *testing.T) {
	p := Last(now, 30*Day)
	d := Data{ClaimOwners: []string{"o"}, Claims: []Claim{
		{Repo: "o/a", State: ClaimActive, ClaimedAt: ago(2 * Day)},
		{Repo: "o/a", State: ClaimActive, ClaimedAt: ago(50 * Day)},
		{Repo: "o/a", State: ClaimCompleted, ClaimedAt: ago(40 * Day), EndedAt: ago(20 * Day)},
		{Repo: "o/a", State: ClaimExpired, ClaimedAt: ago(20 * Day), EndedAt: ago(6 * Day)},
		{Repo: "o/a", State: ClaimReleased, ClaimedAt: ago(10 * Day), EndedAt: ago(9 * Day)},
		{Repo: "o/a", State: ClaimExpired, ClaimedAt: ago(60 * Day), EndedAt: ago(45 * Day)},
		{Repo: "o/b", State: ClaimCompleted, ClaimedAt: ago(3 * Day), EndedAt: ago(1 * Day)},
	}}
	want := Claims{Recorded: true, Claimed: 3, Completed: 1, Expired: 1, Released: 1, Open: 2}
	if got := ClaimsOf(d, RepoScope("o/a"), p); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := ClaimsOf(Data{}, Scope{}, p); got.Recorded {
		t.Error("no claims table: not recorded")
	}
}

func TestSeries(t *testing.T) {
	p := Last(now, 4*Day)
	items := []Item{
		item("o/a", KindIssue, "a", 4*Day, 4*Day-time.Hour, never, never),
		item("o/a", KindIssue, "b", 3*Day+time.Hour, 3*Day, never, never),
		item("o/a", KindIssue, "c", 2*Day, never, never, never),
		item("o/a", KindIssue, "d", time.Minute, never, never, never),
		item("o/a", KindIssue, "e", 5*Day, never, never, never),
	}
	s := Series(items, Scope{}, p, 4)
	var counts []int
	for _, pt := range s {
		counts = append(counts, pt.Newcomers)
	}
	if !reflect.DeepEqual(counts, []int{2, 0, 1, 1}) {
		t.Fatalf("counts %v", counts)
	}
	if s[0].Response.N != 2 || s[0].Response.Median != time.Hour || s[2].Response.N != 0 {
		t.Errorf("responses %+v", s)
	}
	if Series(items, Scope{}, p, 0) != nil {
		t.Error("zero steps")
	}
}

func TestScopes(t *testing.T) {
	d := Data{
		Items:       []Item{{Repo: "zed/one"}, {Repo: "acme/b"}},
		Newcomers:   []Newcomer{{Repo: "acme/a"}},
		Assignments: []Assignment{{Repo: "Acme/B"}},
		Claims:      []Claim{{Repo: "zed/two"}},
	}
	got := Scopes(d)
	want := []Scope{{Owner: "acme"}, RepoScope("acme/a"), RepoScope("acme/b"), {Owner: "zed"}, RepoScope("zed/one"), RepoScope("zed/two")}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if !equalFoldScope(got[i], want[i]) {
			t.Errorf("%d: got %v, want %v", i, got[i], want[i])
		}
	}
}

func equalFoldScope(a, b Scope) bool {
	return a.Kind() == b.Kind() && Scope{}.Includes(a.Repo) && (a.Kind() != ScopeRepository || b.Includes(a.Repo)) &&
		(a.Kind() != ScopeOwner || b.IncludesOwner(a.Owner))
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		err  bool
	}{
		{"30d", 30 * Day, false},
		{" 7d ", 7 * Day, false},
		{"2w", 14 * Day, false},
		{"36h", 36 * time.Hour, false},
		{"1h30m", 90 * time.Minute, false},
		{"72h", 72 * time.Hour, false},
		{"90m", 90 * time.Minute, false},
		{"1w3d", 10 * Day, false},
		{"2d12h", 60 * time.Hour, false},
		{"1.5h", 90 * time.Minute, false},
		{"30", 0, true},
		{"3 months", 0, true},
		{"1mo", 0, true},
		{"d3", 0, true},
		{"0d", 0, true},
		{"-3d", 0, true},
		{"1.5d", 0, true},
		{"d", 0, true},
		{"", 0, true},
		{"-1h", 0, true},
		{"soon", 0, true},
	}
	for _, c := range cases {
		got, err := ParseDuration(c.in)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("ParseDuration(%q) = %v, %v", c.in, got, err)
		}
	}
	for in, want := range map[string]string{
		"30d": "30 days", "1d": "1 day", "2w": "14 days", "72h": "3 days", "36h": "36 hours",
		"1h": "1 hour", "90m": "1 hour 30 minutes", "1m": "1 minute", "45m": "45 minutes", "30s": "30 seconds",
	} {
		d, err := ParseDuration(in)
		if got := FormatSpan(d); err != nil || got != want {
			t.Errorf("FormatSpan(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseDuration("1.5d"); err == nil || !strings.Contains(err.Error(), `"1.5d"`) {
		t.Errorf("error names the input: %v", err)
	}
}
