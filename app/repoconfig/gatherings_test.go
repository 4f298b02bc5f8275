package repoconfig

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
)

const withRepo = "office_hours:\n  repository: community\n"

func TestGatheringsRejects(t *testing.T) {
	g := func(body string) string { return withRepo + "gatherings:\n  - kind: social\n" + body }
	tests := []struct {
		name, src, key string
		line           int
		msg, hint      string
	}{
		{"unknown kind", withRepo + "gatherings:\n  - kind: socail\n", "gatherings[0].kind", 4, "unknown kind `socail`", "did you mean `social`?"},
		{"office_hours of another kind", "office_hours:\n  kind: social\n", "office_hours.kind", 2, "always of kind", "gatherings:"},
		{"no repository anywhere", "gatherings:\n  - kind: social\n", "gatherings[0]", 2, "no repository", "repository: community"},
		{"repository with owner", g("    repository: acme/community\n"), "gatherings[0].repository", 5, "names an owner", "repository: community"},
		{"empty repository", g("    repository: \"\"\n"), "gatherings[0].repository", 5, "repository is empty", "turn social off"},
		{"empty category", g("    category: \"\"\n"), "gatherings[0].category", 5, "category is empty", "`Socials`"},
		{"bad cadence", g("    cadence: fortnightly\n"), "gatherings[0].cadence", 5, "unknown cadence", "weekly, biweekly or monthly"},
		{"bad weekday", g("    weekday: Fri.\n"), "gatherings[0].weekday", 5, "not a day of the week", ""},
		{"bad time", g("    times: [\"3pm\"]\n"), "gatherings[0].times[0]", 5, "HH:MM", ""},
		{"week_of_month on weekly", g("    cadence: weekly\n    week_of_month: 2\n"), "gatherings[0].week_of_month", 6, "only to monthly", "cadence: monthly"},
		{"week_of_month 5", g("    cadence: monthly\n    week_of_month: 5\n"), "gatherings[0].week_of_month", 6, "does not exist in every month", "-1 for the last"},
		{"week_of_month 0", g("    cadence: monthly\n    week_of_month: 0\n"), "gatherings[0].week_of_month", 6, "there is no week 0", "1 to 4"},
		{"week_of_month -2", g("    cadence: monthly\n    week_of_month: -2\n"), "gatherings[0].week_of_month", 6, "there is no week -2", "-1 for the last"},
		{"week_of_month text", g("    cadence: monthly\n    week_of_month: last\n"), "gatherings[0].week_of_month", 6, "", ""},
		{"skip not a date", g("    skip: [christmas]\n"), "gatherings[0].skip[0]", 5, "not a date", "YYYY-MM-DD"},
		{"skip wrong weekday", g("    weekday: friday\n    skip: [2026-12-24]\n"), "gatherings[0].skip[0]", 6, "is a thursday, and sessions are on fridays", "`2026-12-25`"},
		{"skip twice", g("    weekday: friday\n    skip: [2026-12-25, 2026-12-25]\n"), "gatherings[0].skip[1]", 6, "listed twice", ""},
		{"join_url http", g("    join_url: http://meet.example.org/x\n"), "gatherings[0].join_url", 5, "not an https link", "`https://meet.example.org/x`"},
		{"join_url relative", g("    join_url: meet.example.org/x\n"), "gatherings[0].join_url", 5, "not a web link", "https://"},
		{"join_url javascript", g("    join_url: \"javascript:alert(1)\"\n"), "gatherings[0].join_url", 5, "not a web link", ""},
		{"join_url empty", g("    join_url: \"\"\n"), "gatherings[0].join_url", 5, "link is empty", ""},
		{"chat_url on office_hours", withRepo + "  chat_url: ftp://chat.example.org\n", "office_hours.chat_url", 3, "not a web link", ""},
		{"join_url on office_hours", withRepo + "  join_url: http://meet.example.org\n", "office_hours.join_url", 3, "not an https link", ""},
		{"waking one time", g("    waking_hours: [\"08:00\"]\n"), "gatherings[0].waking_hours", 5, "1 times given", "waking_hours"},
		{"waking bad time", g("    waking_hours: [\"8am\", \"22:00\"]\n"), "gatherings[0].waking_hours[0]", 5, "HH:MM", "08:00"},
		{"waking too short", g("    duration_minutes: 90\n    waking_hours: [\"08:00\", \"09:00\"]\n"), "gatherings[0].waking_hours", 6, "shorter than a 90-minute session", ""},
		{"unknown key", g("    location: zoom\n"), "gatherings[0].location", 5, "", ""},
		{"role twice", g("    roles: [host, Host]\n"), "gatherings[0].roles[1]", 5, "listed twice", ""},
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
			if p.Hint == "" || p.Column == 0 {
				t.Errorf("problem lacks a hint or column: %s", p)
			}
		})
	}
}

func TestGatheringsAccepts(t *testing.T) {
	tests := []struct{ name, src string }{
		{"office hours with links", withRepo + "  join_url: https://meet.example.org/acme\n  chat_url: https://chat.example.org/#newcomers\n"},
		{"monthly last week", withRepo + "  cadence: monthly\n  week_of_month: -1\n"},
		{"skip on the weekday", withRepo + "  weekday: thursday\n  skip: [2026-12-24, 2026-12-31]\n"},
		{"night owls", withRepo + "  waking_hours: [\"20:00\", \"04:00\"]\n"},
		{"whole day", withRepo + "  waking_hours: [\"00:00\", \"00:00\"]\n"},
		{"three kinds", withRepo + "gatherings:\n  - kind: social\n  - kind: mentorship_circle\n  - kind: office_hours\n    repository: other\n"},
		{"null gatherings", "gatherings:\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ps := parseProblems(t, tt.src); ps != nil {
				t.Errorf("unexpected problems:\n%s", FormatProblems("f", ps))
			}
		})
	}
}

func TestGatheringsDefaultsPerKind(t *testing.T) {
	c, err := Parse([]byte(withRepo + "gatherings:\n  - kind: social\n  - kind: mentorship_circle\n    repository: circles\n    agenda: [Mine]\n"))
	if err != nil {
		t.Fatal(FormatProblems("f", err))
	}
	social, circle := c.Gatherings[0], c.Gatherings[1]
	sd, _ := schedule.DefaultsFor(schedule.KindSocial)
	if social.Repository != "community" || social.Category != "Socials" || social.Cadence != schedule.Biweekly ||
		!slices.Equal(social.Agenda, sd.Agenda) || !slices.Equal(social.Roles, []string{"host"}) || social.Name() != "social" {
		t.Errorf("social %+v", social)
	}
	if circle.Repository != "circles" || circle.Category != "Mentorship Circles" || circle.Cadence != schedule.Monthly ||
		!slices.Equal(circle.Agenda, []string{"Mine"}) || circle.Noun() != "mentorship circle" {
		t.Errorf("circle %+v", circle)
	}
	if slices.Equal(social.GroundRules, circle.GroundRules) || slices.Equal(social.Agenda, c.OfficeHours.Agenda) {
		t.Error("kinds share their defaults")
	}
	if got := len(c.Series()); got != 3 {
		t.Errorf("%d series on, want 3", got)
	}
	if w := social.Waking(); w != schedule.DefaultWaking {
		t.Errorf("waking %v", w)
	}
}

func TestContractExampleGatherings(t *testing.T) {
	data, err := os.ReadFile("testdata/contract-example.yml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatal(FormatProblems("contract-example.yml", err))
	}
	if c.OfficeHours.JoinURL != "https://meet.example.org/acme" || c.OfficeHours.Kind != schedule.KindOfficeHours {
		t.Errorf("office_hours %+v", c.OfficeHours)
	}
	if len(c.Gatherings) != 2 {
		t.Fatalf("%d gatherings", len(c.Gatherings))
	}
	circle := c.Gatherings[1]
	if circle.Repository != "community" || circle.Name() != "acme mentorship circle" || circle.WeekOfMonth != 1 {
		t.Errorf("circle %+v", circle)
	}
	p := circle.Plan()
	if len(p.Skip) != 1 || !p.Skip[0].Equal(time.Date(2026, 12, 29, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("skip %v", p.Skip)
	}
	// The first Tuesday of January 2027 is the 5th.
	if s := p.Sessions(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), 1); s[0].Key != "2027-01-05T16:00Z" {
		t.Errorf("next circle %s", s[0].Key)
	}
}
