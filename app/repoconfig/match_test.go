package repoconfig

import (
	"reflect"
	"testing"
	"time"
)

func TestMentorAwayOn(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	m := Mentor{Login: "a", Location: berlin, AwayUntil: Date{2026, time.December, 24}}
	tests := []struct {
		at   time.Time
		away bool
	}{
		{time.Date(2026, time.December, 1, 12, 0, 0, 0, time.UTC), true},
		{time.Date(2026, time.December, 23, 22, 59, 0, 0, time.UTC), true}, // 23:59 in Berlin
		{time.Date(2026, time.December, 23, 23, 0, 0, 0, time.UTC), false}, // midnight in Berlin: back
		{time.Date(2026, time.December, 24, 9, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := m.AwayOn(tt.at); got != tt.away {
			t.Errorf("AwayOn(%v) = %v, want %v", tt.at, got, tt.away)
		}
	}
	if !m.Back().Equal(time.Date(2026, time.December, 23, 23, 0, 0, 0, time.UTC)) {
		t.Errorf("Back = %v", m.Back())
	}
	if (Mentor{}).AwayOn(time.Now()) || !(Mentor{}).Back().IsZero() {
		t.Error("a mentor without away_until is away")
	}
	if (Mentor{}).Zone() != time.UTC {
		t.Error("zero mentor zone is not UTC")
	}
}

func TestAreasFor(t *testing.T) {
	c, err := Parse([]byte(`
areas:
  docs:
    labels: ["area/docs"]
    paths: ["docs/**", "**/*.md"]
  api:
    paths: ["api/*.go"]
  ci:
    labels: [CI]
mentors:
  - login: Octocat
    areas: [docs, ci]
`))
	if err != nil {
		t.Fatal(FormatProblems("f", err))
	}
	tests := []struct {
		labels, files []string
		want          []string
	}{
		{nil, []string{"README.md"}, []string{"docs"}},
		{nil, []string{"docs/a/b/c.txt"}, []string{"docs"}},
		{nil, []string{"api/server.go"}, []string{"api"}},
		{nil, []string{"api/v1/server.go"}, nil},
		{[]string{"Area/Docs"}, nil, []string{"docs"}},
		{[]string{"ci"}, []string{"api/x.go", "x.md"}, []string{"api", "ci", "docs"}},
		{[]string{"bug"}, []string{"main.go"}, nil},
	}
	for _, tt := range tests {
		if got := c.AreasFor(tt.labels, tt.files); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("AreasFor(%v, %v) = %v, want %v", tt.labels, tt.files, got, tt.want)
		}
	}
	m, ok := c.FindMentor("octocat")
	if !ok || !m.Covers("ci") || m.Covers("api") {
		t.Errorf("FindMentor = %+v, %v", m, ok)
	}
	if _, ok := c.FindMentor("nobody"); ok {
		t.Error("found a mentor that is not listed")
	}
}

func TestGoodFirstIssueLabels(t *testing.T) {
	g := Default().GoodFirstIssues
	if !g.Enabled() || !g.IsGoodFirstIssue([]string{"bug", "Good First Issue"}) || g.IsGoodFirstIssue([]string{"help wanted"}) {
		t.Error("good first issue labels")
	}
	if !g.IsNextStep([]string{"help wanted"}) || g.IsNextStep(nil) {
		t.Error("next-step labels")
	}
}

func TestOfficeHoursHelpers(t *testing.T) {
	o := OfficeHours{Weekday: "Mon", Times: []string{"09:00", "bad", "17:30"}, DurationMinutes: 90}
	if o.Enabled() || o.Day() != time.Monday || o.Duration() != 90*time.Minute {
		t.Errorf("helpers: %+v", o)
	}
	if got := o.StartTimes(); !reflect.DeepEqual(got, []TimeOfDay{{9, 0}, {17, 30}}) {
		t.Errorf("StartTimes = %v", got)
	}
	if (OfficeHours{Weekday: "someday"}).Day() != time.Thursday {
		t.Error("unknown weekday does not fall back to Thursday")
	}
}
