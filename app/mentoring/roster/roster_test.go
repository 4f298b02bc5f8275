package roster

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/repoconfig"
)

func TestGlobs(t *testing.T) {
	tests := map[string][]string{
		"*":               {"**"},
		"*.js":            {"**/*.js", "**/*.js/**"},
		"/docs/":          {"docs/**"},
		"docs/":           {"**/docs/**"},
		"docs/*":          {"docs/*"},
		"/build/logs":     {"build/logs", "build/logs/**"},
		"Makefile":        {"**/Makefile", "**/Makefile/**"},
		"**/logs":         {"**/logs", "**/logs/**"},
		"/apps/github/**": {"apps/github/**"},
	}
	for pattern, want := range tests {
		if got := (Rule{Pattern: pattern}).Globs(); !reflect.DeepEqual(got, want) {
			t.Errorf("Globs(%q) = %q, want %q", pattern, got, want)
		}
	}
}

func TestParseCodeOwners(t *testing.T) {
	data := "# owners\n\n*       @global-owner1 @global-owner2\n*.js    @js-owner #This is an inline comment.\n" +
		"/docs/  @ada docs@example.com @acme/docs-team\n/build/logs/ @doctocat\napps/ @octocat\n/empty/\n"
	want := []Rule{
		{"*", []string{"global-owner1", "global-owner2"}, nil},
		{"*.js", []string{"js-owner"}, nil},
		{"/docs/", []string{"ada"}, []string{"acme/docs-team"}},
		{"/build/logs/", []string{"doctocat"}, nil},
		{"apps/", []string{"octocat"}, nil},
		{"/empty/", nil, nil},
	}
	if got := ParseCodeOwners([]byte(data)); !reflect.DeepEqual(got, want) {
		t.Errorf("ParseCodeOwners =\n%q\nwant\n%q", got, want)
	}
}

func TestMerge(t *testing.T) {
	base := func() *repoconfig.Config {
		c, err := repoconfig.Parse([]byte("areas:\n  docs:\n    paths: [\"docs/**\"]\nmentors:\n  - login: Ada\n    timezone: Europe/Berlin\n    capacity: 1\n    areas: [docs]\n    hours: [\"07:00\", \"15:00\"]\n"))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	type mentor struct {
		login    string
		capacity int
		zone     string
		areas    string
	}
	tests := []struct {
		name   string
		teams  [][]string
		owners []Rule
		want   []mentor
		areas  []string // area names expected besides docs
	}{
		{"listed only", nil, nil, []mentor{{"Ada", 1, "Europe/Berlin", "docs"}}, nil},
		{"team members after the listed, listed settings win", [][]string{{"bob", "ada", "cy"}},
			nil, []mentor{{"Ada", 1, "Europe/Berlin", "docs"}, {"bob", 3, "UTC", ""}, {"cy", 3, "UTC", ""}}, nil},
		{"two teams, a member of both once", [][]string{{"bob"}, {"dee", "BOB"}},
			nil, []mentor{{"Ada", 1, "Europe/Berlin", "docs"}, {"bob", 3, "UTC", ""}, {"dee", 3, "UTC", ""}}, nil},
		{"code owners get areas, listed and team members included", [][]string{{"bob"}},
			[]Rule{{"*.go", []string{"bob", "ada"}, nil}, {"/web/", []string{"eve"}, nil}, {"/none/", nil, nil}},
			[]mentor{{"Ada", 1, "Europe/Berlin", "docs,*.go"}, {"bob", 3, "UTC", "*.go"}, {"eve", 3, "UTC", "/web/"}},
			[]string{"*.go", "/web/"}},
		{"a pattern named like a defined area keeps the definition", nil,
			[]Rule{{"docs", []string{"fay"}, nil}},
			[]mentor{{"Ada", 1, "Europe/Berlin", "docs"}, {"fay", 3, "UTC", "docs"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := base()
			got := Merge(cfg, tt.teams, tt.owners)
			var ms []mentor
			for _, m := range got.Mentors {
				ms = append(ms, mentor{m.Login, m.Capacity, m.Timezone, strings.Join(m.Areas, ",")})
				if s, e := m.WorkingHours(); m.Login != "Ada" && (s.String() != "09:00" || e.String() != "18:00") {
					t.Errorf("%s works %v–%v, want the default hours", m.Login, s, e)
				}
			}
			if !reflect.DeepEqual(ms, tt.want) {
				t.Errorf("mentors = %v\nwant %v", ms, tt.want)
			}
			if len(got.Areas) != 1+len(tt.areas) || got.Areas["docs"].Paths[0] != "docs/**" {
				t.Errorf("areas = %v, want docs and %v", got.Areas, tt.areas)
			}
			for _, a := range tt.areas {
				if len(got.Areas[a].Paths) == 0 {
					t.Errorf("area %q has no paths: %v", a, got.Areas)
				}
			}
			if again := base(); !reflect.DeepEqual(cfg, again) {
				t.Errorf("Merge changed its input")
			}
		})
	}
}
