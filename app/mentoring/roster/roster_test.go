package roster

import (
	"context"
	"errors"
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

type fakeSource struct {
	teams map[string][]string
	files map[string]string
	calls []string
	err   error
}

func (f *fakeSource) TeamMembers(_ context.Context, org, slug string) ([]string, error) {
	f.calls = append(f.calls, "team "+org+"/"+slug)
	return f.teams[org+"/"+slug], f.err
}

func (f *fakeSource) File(_ context.Context, owner, repo, path string) ([]byte, bool, error) {
	f.calls = append(f.calls, "file "+path)
	s, ok := f.files[path]
	return []byte(s), ok, f.err
}

func TestResolve(t *testing.T) {
	cfg, err := repoconfig.Parse([]byte("mentor_teams: [acme/mentors]\nareas_from_codeowners: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := &fakeSource{teams: map[string][]string{"acme/mentors": {"ada", "bob"}},
		files: map[string]string{"CODEOWNERS": "/web/ @cy\n", "docs/CODEOWNERS": "* @nobody\n"}}
	got, err := Resolve(context.Background(), src, "acme", "widgets", cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"team acme/mentors", "file .github/CODEOWNERS", "file CODEOWNERS"}; !reflect.DeepEqual(src.calls, want) {
		t.Errorf("calls = %q, want %q", src.calls, want)
	}
	if n := len(got.Mentors); n != 3 || got.Mentors[2].Login != "cy" || got.Mentors[2].Areas[0] != "/web/" {
		t.Errorf("mentors = %+v", got.Mentors)
	}
	plain, _ := repoconfig.Parse([]byte("mentors: [{login: a}]\n"))
	if got, _ := Resolve(context.Background(), &fakeSource{err: errors.New("unused")}, "acme", "w", plain); got != plain {
		t.Errorf("a config without teams or CODEOWNERS was copied")
	}
	if _, err := Resolve(context.Background(), &fakeSource{err: errors.New("boom")}, "acme", "w", cfg); err == nil {
		t.Errorf("a failed team call was not an error")
	}
}

// A team that owns a path in CODEOWNERS counts as its members, each a
// mentor of that area; its listing is read once however often it appears,
// and Describe says where each mentor comes from.
func TestCodeOwnerTeamsAndDescribe(t *testing.T) {
	cfg, err := repoconfig.Parse([]byte("mentors:\n  - login: ada\n    timezone: Europe/Berlin\nmentor_teams: [acme/mentors]\nareas_from_codeowners: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := &fakeSource{teams: map[string][]string{"acme/mentors": {"ada", "bob"}, "acme/docs": {"dee", "ADA"}},
		files: map[string]string{".github/CODEOWNERS": "/docs/ @acme/docs @eve\n*.md @acme/docs\n/web/ @acme/mentors\n"}}
	got, origins, err := Describe(context.Background(), src, "acme", "widgets", cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"team acme/mentors", "file .github/CODEOWNERS", "team acme/docs"}; !reflect.DeepEqual(src.calls, want) {
		t.Errorf("calls = %q, want %q", src.calls, want)
	}
	areas := map[string]string{}
	for _, m := range got.Mentors {
		areas[m.Login] = strings.Join(m.Areas, ",")
	}
	want := map[string]string{"ada": "/docs/,*.md,/web/", "bob": "/web/", "dee": "/docs/,*.md", "eve": "/docs/"}
	if !reflect.DeepEqual(areas, want) {
		t.Errorf("areas = %v, want %v", areas, want)
	}
	from := map[string]string{}
	for _, o := range origins {
		from[o.Login] = strings.Join(o.From, "; ")
	}
	wantFrom := map[string]string{
		"ada": "listed in mentorship.yml; team acme/mentors; .github/CODEOWNERS /docs/ (team acme/docs); .github/CODEOWNERS *.md (team acme/docs); .github/CODEOWNERS /web/ (team acme/mentors)",
		"bob": "team acme/mentors; .github/CODEOWNERS /web/ (team acme/mentors)",
		"dee": ".github/CODEOWNERS /docs/ (team acme/docs); .github/CODEOWNERS *.md (team acme/docs)",
		"eve": ".github/CODEOWNERS /docs/",
	}
	if !reflect.DeepEqual(from, wantFrom) {
		t.Errorf("origins =\n%v\nwant\n%v", from, wantFrom)
	}
}
