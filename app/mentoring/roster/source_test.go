package roster_test

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/ghemu/ghemutest"
	"github.com/mentorbot/mentorbot/app/mentoring/roster"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

// Resolve and Describe read teams and CODEOWNERS from the GitHub emulator
// through the real adapter (package gh): there is one fake GitHub.

// source is the emulator holding acme/widgets, app 1 installed on acme,
// and the adapter that reads it as roster.Source.
type source struct {
	emu *ghemu.Emulator
	gh  *gh.Client
}

func newSource(t *testing.T) *source {
	t.Helper()
	emu := ghemutest.Installed(t, 1, "acme", "widgets")
	return &source{emu: emu, gh: gh.New(ghemutest.REST(t, emu, 1))}
}

// calls are the reads that reached GitHub, in order: "team org/slug" or
// "file path".
func (s *source) calls() []string {
	var out []string
	for _, c := range s.emu.Calls() {
		if c.Method != http.MethodGet || c.Kind != "rest" {
			continue
		}
		if org, rest, ok := strings.Cut(strings.TrimPrefix(c.Path, "/orgs/"), "/teams/"); ok && strings.HasPrefix(c.Path, "/orgs/") {
			out = append(out, "team "+org+"/"+strings.TrimSuffix(rest, "/members"))
		} else if _, path, ok := strings.Cut(c.Path, "/contents/"); ok {
			out = append(out, "file "+path)
		}
	}
	return out
}

func TestResolve(t *testing.T) {
	cfg, err := repoconfig.Parse([]byte("mentor_teams: [acme/mentors]\nareas_from_codeowners: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	src := newSource(t)
	src.emu.AddTeam("acme", "mentors", "ada", "bob")
	src.emu.PutFile("acme", "widgets", "CODEOWNERS", []byte("/web/ @cy\n"))
	src.emu.PutFile("acme", "widgets", "docs/CODEOWNERS", []byte("* @nobody\n"))
	got, err := roster.Resolve(context.Background(), src.gh, "acme", "widgets", cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"team acme/mentors", "file .github/CODEOWNERS", "file CODEOWNERS"}; !reflect.DeepEqual(src.calls(), want) {
		t.Errorf("calls = %q, want %q", src.calls(), want)
	}
	if n := len(got.Mentors); n != 3 || got.Mentors[2].Login != "cy" || got.Mentors[2].Areas[0] != "/web/" {
		t.Errorf("mentors = %+v", got.Mentors)
	}

	plain, _ := repoconfig.Parse([]byte("mentors: [{login: a}]\n"))
	src.emu.ResetCalls()
	if got, _ := roster.Resolve(context.Background(), src.gh, "acme", "w", plain); got != plain {
		t.Errorf("a config without teams or CODEOWNERS was copied")
	}
	if calls := src.emu.Calls(); len(calls) != 0 {
		t.Errorf("a config without teams or CODEOWNERS made %d GitHub calls", len(calls))
	}
	src.emu.InjectFault(ghemu.Fault{Method: "GET", Path: "/orgs/*/teams/*/members", Status: 502})
	if _, err := roster.Resolve(context.Background(), src.gh, "acme", "widgets", cfg); err == nil {
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
	src := newSource(t)
	src.emu.AddTeam("acme", "docs", "dee", "ADA") // GitHub spells the login ADA in both teams; mentorship.yml says ada
	src.emu.AddTeam("acme", "mentors", "ada", "bob")
	src.emu.PutFile("acme", "widgets", ".github/CODEOWNERS", []byte("/docs/ @acme/docs @eve\n*.md @acme/docs\n/web/ @acme/mentors\n"))
	got, origins, err := roster.Describe(context.Background(), src.gh, "acme", "widgets", cfg)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"team acme/mentors", "file .github/CODEOWNERS", "team acme/docs"}; !reflect.DeepEqual(src.calls(), want) {
		t.Errorf("calls = %q, want %q", src.calls(), want)
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
