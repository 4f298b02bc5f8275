package repoconfig

import (
	"errors"
	"strings"
	"testing"
)

// parseProblems parses src and returns its problems (nil when valid).
func parseProblems(t *testing.T, src string) Problems {
	t.Helper()
	c, err := Parse([]byte(src))
	if err == nil {
		if c == nil {
			t.Fatal("Parse returned nil config and nil error")
		}
		return nil
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Parse error %T is not Problems: %v", err, err)
	}
	if c != nil {
		t.Fatal("Parse returned a config with problems")
	}
	return ps
}

func TestValidationRejects(t *testing.T) {
	tests := []struct {
		name, src string
		key       string
		line      int
		msg, hint string
	}{
		{"version 2", "version: 2\n", "version", 1, "unsupported version 2", "version: 1"},
		{"version 0", "\nversion: 0\n", "version", 2, "unsupported version 0", ""},
		{"login missing", "mentors:\n  - timezone: UTC\n", "mentors[0]", 2, "has no `login`", "login:"},
		{"login empty", "mentors:\n  - login: \"\"\n", "mentors[0].login", 2, "login is empty", ""},
		{"login with @", "mentors:\n  - login: \"@octocat\"\n", "mentors[0].login", 2, "starts with @", "`login: octocat`"},
		{"login team", "mentors:\n  - login: org/team\n", "mentors[0].login", 2, "looks like a team", "each member"},
		{"login spaces", "mentors:\n  - login: octo cat\n", "mentors[0].login", 2, "not a valid GitHub login", "39 characters"},
		{"login leading hyphen", "mentors:\n  - login: -octo\n", "mentors[0].login", 2, "not a valid GitHub login", ""},
		{"login too long", "mentors:\n  - login: " + strings.Repeat("a", 40) + "\n", "mentors[0].login", 2, "not a valid GitHub login", ""},
		{"login duplicate", "mentors:\n  - login: octocat\n  - login: OctoCat\n", "mentors[1].login", 3, "listed twice (also mentors[0])", "not case-sensitive"},
		{"timezone unknown", "mentors:\n  - login: a\n    timezone: Mars/Olympus\n", "mentors[0].timezone", 3, "unknown time zone `Mars/Olympus`", "IANA"},
		{"timezone spaces", "mentors:\n  - login: a\n    timezone: America/New York\n", "mentors[0].timezone", 3, "unknown time zone", "`America/New_York`"},
		{"timezone case", "mentors:\n  - login: a\n    timezone: asia/tokyo\n", "mentors[0].timezone", 3, "unknown time zone", "`Asia/Tokyo`"},
		{"timezone abbreviation", "mentors:\n  - login: a\n    timezone: IST\n", "mentors[0].timezone", 3, "unknown time zone", "`Asia/Kolkata`"},
		{"timezone offset", "mentors:\n  - login: a\n    timezone: UTC+2\n", "mentors[0].timezone", 3, "unknown time zone", "Etc/GMT-2"},
		{"timezone empty", "mentors:\n  - login: a\n    timezone: \"\"\n", "mentors[0].timezone", 3, "time zone is empty", "UTC"},
		{"timezone Local", "mentors:\n  - login: a\n    timezone: Local\n", "mentors[0].timezone", 3, "server's zone", ""},
		{"area undefined", "mentors:\n  - login: a\n    areas: [docs]\n", "mentors[0].areas[0]", 3, "area `docs` is not defined", "define it under `areas:`"},
		{"area typo", "areas:\n  docs:\n    labels: [d]\nmentors:\n  - login: a\n    areas: [doc]\n", "mentors[0].areas[0]", 6, "not defined", "did you mean `docs`?"},
		{"area twice", "areas:\n  docs:\n    labels: [d]\nmentors:\n  - login: a\n    areas: [docs, docs]\n", "mentors[0].areas[1]", 6, "listed twice", ""},
		{"capacity zero", "mentors:\n  - login: a\n    capacity: 0\n", "mentors[0].capacity", 3, "capacity is 0", "away_until"},
		{"capacity negative", "mentors:\n  - login: a\n    capacity: -1\n", "mentors[0].capacity", 3, "negative", "at least 1"},
		{"away_until not a date", "mentors:\n  - login: a\n    away_until: 2026-02-30\n", "mentors[0].away_until", 3, "`2026-02-30` is not a date", "YYYY-MM-DD"},
		{"away_until timestamp", "mentors:\n  - login: a\n    away_until: 2026-12-24T10:00:00Z\n", "mentors[0].away_until", 3, "not a date", ""},
		{"hours one time", "mentors:\n  - login: a\n    hours: [\"09:00\"]\n", "mentors[0].hours", 3, "need a start and an end, not 1", `hours: ["09:00", "18:00"]`},
		{"hours bad end", "mentors:\n  - login: a\n    hours:\n      - \"09:00\"\n      - 6pm\n", "mentors[0].hours[1]", 5, "`6pm` is not a 24-hour HH:MM time", "`18:00`"},
		{"hours short hour", "mentors:\n  - login: a\n    hours: [\"9:00\", \"17:00\"]\n", "mentors[0].hours[0]", 3, "not a 24-hour HH:MM time", "`09:00`"},
		{"hours equal", "mentors:\n  - login: a\n    hours: [\"09:00\", \"09:00\"]\n", "mentors[0].hours[1]", 3, "start and end at `09:00`", "spans midnight"},
		{"team without org", "mentor_teams: [mentors]\n", "mentor_teams[0]", 1, "`mentors` is not a team", "`acme/mentors`"},
		{"team with @", "mentor_teams:\n  - \"@acme/mentors\"\n", "mentor_teams[0]", 2, "starts with @", "`acme/mentors`"},
		{"team name not slug", "mentor_teams:\n  - acme/Core Team\n", "mentor_teams[0]", 2, "`Core Team` is not a team slug", "`acme/core-team`"},
		{"team twice", "mentor_teams: [acme/a, Acme/a]\n", "mentor_teams[1]", 1, "listed twice", ""},
		{"area without matchers", "areas:\n  docs: {}\n", "areas.docs", 2, "no labels and no paths", "labels:"},
		{"area null", "areas:\n  docs:\n", "areas.docs", 2, "no labels and no paths", ""},
		{"area empty label", "areas:\n  docs:\n    labels: [\"\"]\n", "areas.docs.labels[0]", 3, "label is empty", ""},
		{"area label twice", "areas:\n  docs:\n    labels: [a, A]\n", "areas.docs.labels[1]", 3, "listed twice", ""},
		{"area absolute path", "areas:\n  docs:\n    paths: [\"/docs/**\"]\n", "areas.docs.paths[0]", 3, "relative to the repository root", "`docs/**`"},
		{"area bad glob", "areas:\n  docs:\n    paths: [\"docs/{a,b\"]\n", "areas.docs.paths[0]", 3, "not a valid pattern", "close every"},
		{"area empty glob", "areas:\n  docs:\n    paths: [\"\"]\n", "areas.docs.paths[0]", 3, "pattern is empty", ""},
		{"label spaces", "first_timers:\n  label: \" newcomer\"\n", "first_timers.label", 2, "starts or ends with spaces", "`newcomer`"},
		{"welcome unknown field", "first_timers:\n  welcome_pr: \"Hi {{.Name}}\"\n", "first_timers.welcome_pr", 2, "unknown field `.Name`", ".Author"},
		{"welcome typo field", "first_timers:\n  welcome_issue: |\n    Hi\n    {{.Mentr}}\n", "first_timers.welcome_issue", 4, "unknown field `.Mentr`", "did you mean `.Mentor`?"},
		{"welcome field in unused branch", "first_timers:\n  welcome_pr: \"{{if not .Mentor}}{{.Nobody}}{{end}}\"\n", "first_timers.welcome_pr", 2, "unknown field `.Nobody`", ""},
		{"welcome syntax", "first_timers:\n  welcome_pr: |\n    {{if .Mentor}}\n", "first_timers.welcome_pr", 2, "ends inside a block", "{{end}}"},
		{"welcome unknown function", "first_timers:\n  welcome_pr: \"{{upper .Author}}\"\n", "first_timers.welcome_pr", 2, "unknown function `upper`", "plural"},
		{"welcome define", "first_timers:\n  welcome_pr: '{{define \"x\"}}a{{end}}{{template \"x\"}}'\n", "first_timers.welcome_pr", 2, "uses `define`", ""},
		{"welcome recursion", "first_timers:\n  welcome_pr: '{{template \"welcome_pr\"}}'\n", "first_timers.welcome_pr", 2, "another template", ""},
		{"welcome too long", "first_timers:\n  welcome_pr: '{{$s := printf \"%01000d\" 1}}" + strings.Repeat("{{$s}}", 61) + "'\n", "first_timers.welcome_pr", 2, "renders to more than", "shorten"},
		{"guide unknown field", "good_first_issues:\n  guide: \"{{.Author}}\"\n", "good_first_issues.guide", 2, "unknown field `.Author`", ""},
		{"first_response_hours zero", "assignment:\n  first_response_hours: 0\n", "assignment.first_response_hours", 2, "too few", "at least 1"},
		{"label too long for GitHub", "first_timers:\n  label: \"" + strings.Repeat("n", 51) + "\"\n", "first_timers.label", 2, "51 characters long; GitHub refuses labels longer than 50", "at most 50"},
		{"mentor_wanted_label too long", "assignment:\n  mentor_wanted_label: \"" + strings.Repeat("é", 51) + "\"\n", "assignment.mentor_wanted_label", 2, "GitHub refuses", ""},
		{"good first issue label too long", "good_first_issues:\n  labels: [\"" + strings.Repeat("g", 60) + "\"]\n", "good_first_issues.labels[0]", 2, "60 characters", ""},
		{"mentor_wanted_label spaces", "assignment:\n  mentor_wanted_label: \"x \"\n", "assignment.mentor_wanted_label", 2, "spaces", ""},
		{"gfi empty label", "good_first_issues:\n  labels: [\"\"]\n", "good_first_issues.labels[0]", 2, "label is empty", ""},
		{"gfi label twice", "good_first_issues:\n  next_step_labels: [a, a]\n", "good_first_issues.next_step_labels[1]", 2, "listed twice", ""},
		{"gfi overlap", "good_first_issues:\n  labels: [easy]\n  next_step_labels: [Easy]\n", "good_first_issues.next_step_labels[0]", 3, "both a good-first-issue label and a next-step label", ""},
		{"max claims zero", "good_first_issues:\n  max_claims_per_contributor: 0\n", "good_first_issues.max_claims_per_contributor", 2, "too few", "`max_claims_per_contributor: 2`"},
		{"claim expiry negative", "good_first_issues:\n  claim_expiry_days: -3\n", "good_first_issues.claim_expiry_days", 2, "too few", ""},
		{"repository with owner", "office_hours:\n  repository: org/community\n", "office_hours.repository", 2, "names an owner", "`repository: community`"},
		{"repository empty", "office_hours:\n  repository: \"\"\n", "office_hours.repository", 2, "repository is empty", "turn office hours off"},
		{"repository invalid", "office_hours:\n  repository: \"my repo\"\n", "office_hours.repository", 2, "not a valid repository name", ""},
		{"category empty", "office_hours:\n  category: \"\"\n", "office_hours.category", 2, "category is empty", "Office Hours"},
		{"cadence unknown", "office_hours:\n  cadence: daily\n", "office_hours.cadence", 2, "unknown cadence `daily`", "weekly, biweekly or monthly"},
		{"cadence typo", "office_hours:\n  cadence: montly\n", "office_hours.cadence", 2, "unknown cadence", "did you mean `monthly`?"},
		{"weekday unknown", "office_hours:\n  weekday: someday\n", "office_hours.weekday", 2, "not a day of the week", ""},
		{"weekday number", "office_hours:\n  weekday: 4\n", "office_hours.weekday", 2, "not a day of the week", ""},
		{"times empty", "office_hours:\n  times: []\n", "office_hours.times", 2, "no start times", ""},
		{"time short hour", "office_hours:\n  times: [\"9:30\"]\n", "office_hours.times[0]", 2, "not a 24-hour HH:MM time", "`09:30`"},
		{"time out of range", "office_hours:\n  times: [\"24:00\"]\n", "office_hours.times[0]", 2, "not a 24-hour HH:MM time", ""},
		{"time with zone", "office_hours:\n  times: [\"17:00Z\"]\n", "office_hours.times[0]", 2, "HH:MM", "always UTC"},
		{"time twice", "office_hours:\n  times: [\"17:00\", \"17:00\"]\n", "office_hours.times[1]", 2, "listed twice", ""},
		{"duration short", "office_hours:\n  duration_minutes: 10\n", "office_hours.duration_minutes", 2, "out of range", "15 to 480"},
		{"duration long", "office_hours:\n  duration_minutes: 481\n", "office_hours.duration_minutes", 2, "out of range", ""},
		{"announce negative", "office_hours:\n  announce_days_before: -1\n", "office_hours.announce_days_before", 2, "out of range", "0 to 30"},
		{"announce too far", "office_hours:\n  announce_days_before: 31\n", "office_hours.announce_days_before", 2, "out of range", ""},
		{"announce beyond cadence", "office_hours:\n  cadence: weekly\n  announce_days_before: 7\n", "office_hours.announce_days_before", 3, "before the previous one", "at most 6"},
		{"agenda empty item", "office_hours:\n  agenda: [\"Check-in\", \"\"]\n", "office_hours.agenda[1]", 2, "agenda item is empty", ""},
		{"ground rule empty", "office_hours:\n  ground_rules: [\" \"]\n", "office_hours.ground_rules[0]", 2, "ground rule is empty", ""},
		{"role twice", "office_hours:\n  roles: [host, Host]\n", "office_hours.roles[1]", 2, "listed twice", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := parseProblems(t, tt.src)
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1:\n%s", len(ps), FormatProblems("f", ps))
			}
			p := ps[0]
			if p.Key != tt.key || p.Line != tt.line || !strings.Contains(p.Message, tt.msg) || !strings.Contains(p.Hint, tt.hint) {
				t.Errorf("got %s\nwant key %q line %d message ~%q hint ~%q", p, tt.key, tt.line, tt.msg, tt.hint)
			}
			if p.Hint == "" || p.Column == 0 && !strings.HasPrefix(p.Key, "first_timers.welcome") {
				t.Errorf("problem lacks a hint or column: %s", p)
			}
		})
	}
}

func TestValidationAccepts(t *testing.T) {
	tests := []struct{ name, src string }{
		{"version 1", "version: 1\n"},
		{"login digits", "mentors:\n  - login: \"1234\"\n"},
		{"login unquoted number", "mentors:\n  - login: 1234\n"},
		{"login hyphens", "mentors:\n  - login: octo-cat-2\n"},
		{"login 39", "mentors:\n  - login: " + strings.Repeat("a", 39) + "\n"},
		{"login managed user", "mentors:\n  - login: octocat_acme\n"},
		{"timezones", "mentors:\n  - login: a\n    timezone: Asia/Kolkata\n  - login: b\n    timezone: Etc/GMT-2\n  - login: c\n    timezone: UTC\n"},
		{"away_until", "mentors:\n  - login: a\n    away_until: 2026-12-24\n"},
		{"away_until quoted", "mentors:\n  - login: a\n    away_until: \"2026-12-24\"\n"},
		{"capacity large", "mentors:\n  - login: a\n    capacity: 12\n"},
		{"area with labels only", "areas:\n  docs:\n    labels: [docs]\n"},
		{"area with paths only", "areas:\n  docs:\n    paths: [\"**/*.md\", \"docs/{a,b}/*\", \"src/[ab]*.go\"]\n"},
		{"area name with space", "areas:\n  user docs:\n    labels: [docs]\nmentors:\n  - login: a\n    areas: [user docs]\n"},
		{"label none", "first_timers:\n  label: \"\"\n"},
		{"welcome none", "first_timers:\n  welcome_pr: \"\"\n  welcome_issue: \"\"\n"},
		{"custom welcome", "first_timers:\n  welcome_pr: |\n    Hi {{.Author}}{{with .Mentor}}, meet @{{.}}{{end}}! {{plural .FirstResponseHours \"hour\" \"hours\"}}\n    {{range .Checklist}}- {{.}}\n    {{end}}\n"},
		{"custom guide", "good_first_issues:\n  guide: \"Comment /claim on #{{.Number}} ({{.Label}}), {{.ClaimExpiryDays}} days\"\n"},
		{"request review off", "assignment:\n  request_review: false\n"},
		{"claims off", "good_first_issues:\n  labels: []\n  next_step_labels: []\n"},
		{"announce same day", "office_hours:\n  announce_days_before: 0\n"},
		{"monthly long announce", "office_hours:\n  cadence: monthly\n  announce_days_before: 27\n"},
		{"weekday abbreviation", "office_hours:\n  weekday: Tue\n"},
		{"cadence capitals", "office_hours:\n  cadence: Weekly\n"},
		{"duration bounds", "office_hours:\n  duration_minutes: 15\n"},
		{"duration upper bound", "office_hours:\n  duration_minutes: 480\n"},
		{"times midnight", "office_hours:\n  times: [\"00:00\", \"23:59\"]\n"},
		{"no roles", "office_hours:\n  roles: []\n"},
		{"null sections", "mentors:\nareas:\nfirst_timers:\nassignment:\ngood_first_issues:\noffice_hours:\n"},
		{"leading document marker", "---\nversion: 1\n"},
		{"alias", "areas:\n  docs:\n    labels: &l [docs]\n  guides:\n    labels: *l\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ps := parseProblems(t, tt.src); ps != nil {
				t.Errorf("unexpected problems:\n%s", FormatProblems("f", ps))
			}
		})
	}
}

func TestMentorWorkingHours(t *testing.T) {
	c, err := Parse([]byte("mentors:\n  - login: a\n  - login: b\n    hours: [\"22:00\", \"06:30\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s, e := c.Mentors[0].WorkingHours(); s.String() != "09:00" || e.String() != "18:00" {
		t.Errorf("default hours = %v–%v", s, e)
	}
	if s, e := c.Mentors[1].WorkingHours(); s.String() != "22:00" || e.String() != "06:30" {
		t.Errorf("hours = %v–%v", s, e)
	}
}
