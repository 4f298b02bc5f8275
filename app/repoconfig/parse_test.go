package repoconfig

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

func TestParseEmptyGivesDefaults(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# only a comment\n# and another\n", "---\n", "~\n", "version: 1\n", "{}\n"} {
		c, err := Parse([]byte(src))
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if !reflect.DeepEqual(c, Default()) {
			t.Errorf("Parse(%q) = %+v, want Default()", src, c)
		}
	}
}

func TestDefaults(t *testing.T) {
	c := Default()
	want := &Config{
		Version: 1,
		Areas:   map[string]Area{},
		FirstTimers: FirstTimers{
			Label: "first-time contributor", WelcomePR: defaultWelcomePR, WelcomeIssue: defaultWelcomeIssue,
		},
		Assignment: Assignment{RequestReview: true, FirstResponseHours: 48, IdleDays: 14, MentorWantedLabel: "mentor wanted"},
		GoodFirstIssues: GoodFirstIssues{
			Labels: []string{"good first issue"}, NextStepLabels: []string{"help wanted"},
			MaxClaimsPerContributor: 2, ClaimExpiryDays: 14, Guide: defaultGuide,
		},
		OfficeHours: OfficeHours{
			Kind:     "office_hours",
			Category: "Office Hours", Cadence: "biweekly", Weekday: "thursday", Times: []string{"17:00"},
			DurationMinutes: 60, AnnounceDaysBefore: 3, ReminderMinutesBefore: 60,
			Agenda:        []string{"Check-in", "Progress sharing", "Mentorship dialogues", "Activity"},
			GroundRules:   []string{"Equal airtime", "No interruptions", "Every question is welcome"},
			Accessibility: schedule.DefaultAccessibility,
			Roles:         []string{"host", "note-taker", "activity designer"},
			WakingHours:   []string{"08:00", "22:00"},
		},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Default() =\n%+v\nwant\n%+v", c, want)
	}
	if c.OfficeHours.Enabled() {
		t.Error("office hours on without a repository")
	}
	c.GoodFirstIssues.Labels[0] = "changed"
	if Default().GoodFirstIssues.Labels[0] != "good first issue" {
		t.Error("changing one Config changed the defaults")
	}
}

func TestParseContractExample(t *testing.T) {
	data, err := os.ReadFile("testdata/contract-example.yml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatalf("contract example:\n%s", FormatProblems("contract-example.yml", err))
	}
	m := c.Mentors[0]
	if m.Login != "octocat" || m.Zone().String() != "America/Los_Angeles" || m.Capacity != 3 ||
		m.AwayUntil != (Date{2026, time.December, 24}) || !reflect.DeepEqual(m.Areas, []string{"docs"}) {
		t.Errorf("mentor = %+v", m)
	}
	if got := c.Areas["docs"]; !reflect.DeepEqual(got, Area{Labels: []string{"area/docs"}, Paths: []string{"docs/**", "**/*.md"}}) {
		t.Errorf("areas.docs = %+v", got)
	}
	if !strings.HasPrefix(c.FirstTimers.WelcomePR, "Welcome @{{.Author}}! ...") || c.FirstTimers.WelcomeIssue != "...\n" {
		t.Errorf("templates = %q, %q", c.FirstTimers.WelcomePR, c.FirstTimers.WelcomeIssue)
	}
	o := c.OfficeHours
	if !o.Enabled() || o.Repository != "community" || o.RecapCategory != "Recaps" || o.Day() != time.Thursday ||
		!reflect.DeepEqual(o.StartTimes(), []TimeOfDay{{9, 0}, {17, 0}, {1, 0}}) || o.Duration() != time.Hour {
		t.Errorf("office hours = %+v", o)
	}
	if !c.Assignment.RequestReview || c.Assignment.MentorWantedLabel != DefaultMentorWantedLabel {
		t.Errorf("assignment = %+v", c.Assignment)
	}
}

func TestParseKeepsExplicitValues(t *testing.T) {
	src := `
first_timers:
  label: ""
assignment:
  request_review: false
  mentor_wanted_label: ""
good_first_issues:
  labels: []
  guide: ""
office_hours:
  announce_days_before: 0
  recap_category: ""
  agenda: []
`
	c, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(FormatProblems("f", err))
	}
	if c.FirstTimers.Label != "" || c.Assignment.RequestReview || c.Assignment.MentorWantedLabel != "" ||
		c.GoodFirstIssues.Enabled() || c.GoodFirstIssues.Guide != "" || c.OfficeHours.AnnounceDaysBefore != 0 ||
		len(c.OfficeHours.Agenda) != 0 {
		t.Errorf("explicit values lost: %+v", c)
	}
	if c.FirstTimers.WelcomePR != defaultWelcomePR || c.OfficeHours.DurationMinutes != 60 {
		t.Error("absent keys did not get defaults")
	}
	if got, err := c.RenderGuide(GuideData{}); got != "" || err != nil {
		t.Errorf("empty guide rendered %q, %v", got, err)
	}
}

func TestParseNullMeansAbsent(t *testing.T) {
	c, err := Parse([]byte("first_timers:\n  label:\nmentors:\n  - login: a\n    capacity: ~\n"))
	if err != nil {
		t.Fatal(FormatProblems("f", err))
	}
	if c.FirstTimers.Label != DefaultFirstTimerLabel || c.Mentors[0].Capacity != DefaultCapacity {
		t.Errorf("null did not mean absent: %+v", c)
	}
}

func TestParseNormalises(t *testing.T) {
	c, err := Parse([]byte("office_hours:\n  cadence: Monthly\n  weekday: FRI\nmentors:\n  - login: a\n"))
	if err != nil {
		t.Fatal(FormatProblems("f", err))
	}
	if c.OfficeHours.Cadence != schedule.Monthly || c.OfficeHours.Weekday != "friday" || c.OfficeHours.Day() != time.Friday {
		t.Errorf("office hours = %+v", c.OfficeHours)
	}
	if c.Mentors[0].Timezone != "UTC" || c.Mentors[0].Location != time.UTC {
		t.Errorf("mentor zone = %q %v", c.Mentors[0].Timezone, c.Mentors[0].Location)
	}
}

func TestParseStrict(t *testing.T) {
	tests := []struct {
		name, src string
		key       string
		line, col int
		msg, hint string
	}{
		{"unknown top-level typo", "mentor:\n  - login: a\n", "mentor", 1, 1, "unknown key `mentor`", "did you mean `mentors`?"},
		{"unknown dash for underscore", "office-hours: {}\n", "office-hours", 1, 1, "unknown key", "did you mean `office_hours`?"},
		{"unknown case", "Version: 1\n", "Version", 1, 1, "unknown key", "did you mean `version`?"},
		{"unknown prefix", "good_first_issues:\n  max_claims: 1\n", "good_first_issues.max_claims", 2, 3, "unknown key", "`max_claims_per_contributor`"},
		{"unknown suffix", "office_hours:\n  day: friday\n", "office_hours.day", 2, 3, "unknown key", "`weekday`"},
		{"key in wrong section", "first_timers:\n  first_response_hours: 4\n", "first_timers.first_response_hours", 2, 3, "unknown key", "belongs under `assignment`"},
		{"key of mentors at top", "timezone: UTC\n", "timezone", 1, 1, "unknown key", "belongs under each entry of `mentors`"},
		{"unknown lists keys", "areas:\n  docs:\n    labels: [d]\n    owners: [a]\n", "areas.docs.owners", 4, 5, "unknown key `owners`", "`areas_from_codeowners` belongs under the top level"},
		{"unknown mentor key", "mentors:\n  - login: a\n    name: A\n", "mentors[0].name", 3, 5, "unknown key `name`", "login, timezone"},
		{"unknown odd key", "\"we@ird\": 1\n", `["we@ird"]`, 1, 1, "unknown key", ""},
		{"duplicate top-level", "version: 1\nversion: 1\n", "version", 2, 1, "duplicate key `version` (first on line 1)", "merge"},
		{"duplicate nested", "assignment:\n  request_review: true\n  request_review: false\n", "assignment.request_review", 3, 3, "duplicate key", ""},
		{"duplicate area", "areas:\n  docs: {labels: [a]}\n  docs: {labels: [b]}\n", "areas.docs", 3, 3, "duplicate key `docs`", ""},
		{"merge key", "assignment:\n  <<: {request_review: true}\n", "assignment", 2, 3, "merge keys", ""},
		{"complex key", "? [a]\n: 1\n", "", 1, 3, "a key must be a plain name", ""},
		{"root list", "- a\n", "", 1, 1, "expected a mapping of keys, found a list", "`version: 1`"},
		{"root scalar", "hello\n", "", 1, 1, "found the text `hello`", ""},
		{"int as text", "version: \"1\"\n", "version", 1, 10, "expected a whole number, found the text `1`", "`version: 1`"},
		{"int as float", "assignment:\n  first_response_hours: 1.5\n", "assignment.first_response_hours", 2, 25, "found the number `1.5`", ""},
		{"int overflow", "assignment:\n  first_response_hours: 99999999999\n", "assignment.first_response_hours", 2, 25, "out of range", ""},
		{"bool as yes", "assignment:\n  request_review: yes\n", "assignment.request_review", 2, 19, "expected true or false", "`request_review: true`"},
		{"string as list", "first_timers:\n  label: [a]\n", "first_timers.label", 2, 10, "expected text, found a list", ""},
		{"template as mapping", "first_timers:\n  welcome_pr:\n    a: b\n", "first_timers.welcome_pr", 3, 5, "expected text, found a mapping", "`welcome_pr: |`"},
		{"list as text", "good_first_issues:\n  labels: good first issue\n", "good_first_issues.labels", 2, 11, "expected a list of text values", `["good first issue"]`},
		{"list item mapping", "good_first_issues:\n  labels: [area: docs]\n", "good_first_issues.labels[0]", 2, 12, "found a mapping", "quotes"},
		{"mentors as mapping", "mentors:\n  login: a\n", "mentors", 2, 3, "expected a list of entries, found a mapping", "`- login: octocat`"},
		{"mentor as text", "mentors: [octocat]\n", "mentors[0]", 1, 11, "expected a mapping of keys, found the text `octocat`", "`- login: octocat`"},
		{"areas as list", "areas: [docs]\n", "areas", 1, 8, "expected a mapping of names to entries", "`docs:`"},
		{"section as text", "office_hours: yes\n", "office_hours", 1, 15, "expected a mapping of keys", "indent its keys"},
		{"date as number", "mentors:\n  - login: a\n    away_until: 20261224\n", "mentors[0].away_until", 3, 17, "not a date", ""},
		{"second document", "version: 1\n---\nversion: 1\n", "", 2, 1, "more than one YAML document", "`---`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := parseProblems(t, tt.src)
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1:\n%s", len(ps), FormatProblems("f", ps))
			}
			p := ps[0]
			if p.Key != tt.key || p.Line != tt.line || p.Column != tt.col || !strings.Contains(p.Message, tt.msg) || !strings.Contains(p.Hint, tt.hint) || p.Hint == "" {
				t.Errorf("got %s\nwant %d:%d: %s: ~%q (hint: ~%q)", p, tt.line, tt.col, tt.key, tt.msg, tt.hint)
			}
		})
	}
}

func TestParseSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg, hint string
	}{
		{"at sign", "mentors:\n  - login: @octocat\n", 2, 12, "cannot start any token", "without it"},
		{"tab", "mentors:\n\t- login: a\n", 2, 1, "cannot start any token", "tabs"},
		{"unclosed list", "mentors:\n  - login: a\n    areas: [docs\n  - login: b\n", 3, 0, "did not find expected ',' or ']'", "close the list"},
		{"unclosed quote", "first_timers:\n  label: \"abc\n  welcome_pr: x\n", 2, 0, "end of stream", "close the quotes"},
		{"bad indentation", "mentors:\n  - login: a\n   timezone: UTC\n", 3, 0, "did not find expected", "indentation"},
		{"colon in value", "first_timers:\n  label: a: b\n", 2, 0, "mapping values are not allowed", "quotes"},
		{"unknown alias", "version: *v\n", 1, 0, "unknown anchor", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := parseProblems(t, tt.src)
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(ps), ps)
			}
			p := ps[0]
			if p.Line != tt.line || p.Column != tt.col || !strings.Contains(p.Message, tt.msg) || !strings.Contains(p.Hint, tt.hint) || p.Hint == "" {
				t.Errorf("got %s\nwant %d:%d ~%q (hint ~%q)", p, tt.line, tt.col, tt.msg, tt.hint)
			}
		})
	}
}

func TestParseReportsAllProblemsAtOnce(t *testing.T) {
	src := `version: 2
mentor: []
mentors:
  - login: "@a"
    timezone: Nowhere/City
    capacity: -1
  - login: b
    areas: [missing]
first_timers:
  welcome_pr: "{{.Nope}}"
assignment:
  first_response_hours: many
office_hours:
  cadence: yearly
  times: ["25:00"]
`
	ps := parseProblems(t, src)
	wantKeys := []string{
		"version", "mentor", "mentors[0].login", "mentors[0].timezone", "mentors[0].capacity",
		"mentors[1].areas[0]", "first_timers.welcome_pr", "assignment.first_response_hours",
		"office_hours.cadence", "office_hours.times[0]",
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Key)
	}
	if !reflect.DeepEqual(got, wantKeys) {
		t.Errorf("problems in order:\n%v\nwant\n%v\n%s", got, wantKeys, FormatProblems("f", ps))
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Line < ps[i-1].Line {
			t.Errorf("problems not ordered by line: %v", ps)
		}
	}
}

func TestParseTypeErrorIsReportedOnce(t *testing.T) {
	// A value that fails to decode must not also fail the rule checks.
	ps := parseProblems(t, "mentors:\n  - login: a\n    capacity: three\n  - b\n")
	if len(ps) != 2 {
		t.Errorf("got %d problems, want 2:\n%s", len(ps), FormatProblems("f", ps))
	}
}

func TestParseLimits(t *testing.T) {
	big := "# " + strings.Repeat("x", MaxFileSize) + "\n"
	if ps := parseProblems(t, big); len(ps) != 1 || !strings.Contains(ps[0].Message, "larger than") {
		t.Errorf("oversized file: %v", ps)
	}

	// Aliases multiply: 1,000 mentors each sharing a 1,000-item area list.
	items := strings.TrimSuffix(strings.Repeat("x, ", 1000), ", ")
	refs := strings.TrimSuffix(strings.Repeat("*m, ", 1000), ", ")
	bomb := "areas:\n  x:\n    labels: &l [" + items + "]\n  y:\n    labels: [m]\n    paths: &m {login: a, areas: *l}\nmentors: [" + refs + "]\n"
	start := time.Now()
	ps := parseProblems(t, bomb)
	if !strings.Contains(FormatProblems("f", ps), "too complex") {
		t.Errorf("alias bomb not stopped:\n%s", FormatProblems("f", ps))
	}
	if len(ps) > maxProblems+1 {
		t.Errorf("alias bomb gave %d problems, want at most %d", len(ps), maxProblems+1)
	}
	t.Logf("alias bomb checked in %v", time.Since(start))

	var many strings.Builder
	many.WriteString("mentors:\n")
	for i := 0; i < 500; i++ {
		many.WriteString("  - login: \"-\"\n")
	}
	ps = parseProblems(t, many.String())
	if len(ps) != maxProblems+1 || ps[maxProblems].Message != "300 more problems not shown" || ps[maxProblems].Line != ps[maxProblems-1].Line {
		t.Errorf("500 bad mentors gave %d problems, last %v", len(ps), ps[len(ps)-1])
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/contract-example.yml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse(out)
	if err != nil {
		t.Fatalf("re-parse of marshalled config:\n%s\n%s", FormatProblems("out", err), out)
	}
	if !reflect.DeepEqual(c, again) {
		t.Errorf("round trip changed the config:\n%+v\n%+v", c, again)
	}
}
