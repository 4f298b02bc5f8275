package gatherings

import (
	"slices"
	"testing"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
)

func TestSeriesKeysAreStableAndUnique(t *testing.T) {
	cfg, err := repoconfig.Parse([]byte(`office_hours:
  repository: community
gatherings:
  - kind: social
    title: "Friday Social!"
  - kind: social
    title: "friday social"
  - kind: mentorship_circle
    repository: circles
  - kind: social
    repository: ""
`))
	if err == nil {
		t.Fatal("an empty repository was accepted")
	}
	cfg, err = repoconfig.Parse([]byte(`office_hours:
  repository: community
gatherings:
  - kind: social
    title: "Friday Social!"
  - kind: social
    title: "friday social"
  - kind: mentorship_circle
    repository: circles
`))
	if err != nil {
		t.Fatal(repoconfig.FormatProblems("f", err))
	}
	p := Program{Repo: program.Repo{Owner: "acme", Name: "widgets"}, Config: cfg}
	var got []string
	for _, s := range p.Series() {
		got = append(got, s.Key+" "+s.StoreTarget+" "+s.Title())
	}
	want := []string{
		"office-hours acme/community acme office hours",
		"social-friday-social acme/community#social-friday-social Friday Social!",
		"social-friday-social-2 acme/community#social-friday-social-2 friday social",
		"mentorship-circle acme/circles#mentorship-circle acme mentorship circle",
	}
	if !slices.Equal(got, want) {
		t.Errorf("series\n got %q\nwant %q", got, want)
	}
}

func TestSplitTargetOfASeries(t *testing.T) {
	for in, want := range map[string][2]string{
		"acme/community":                      {"acme", "community"},
		"acme/community#social-friday-social": {"acme", "community"},
	} {
		if o, n := splitTarget(in); o != want[0] || n != want[1] {
			t.Errorf("splitTarget(%q) = %s, %s", in, o, n)
		}
	}
}
func TestByTargetPrefersTheTargetsOwnConfiguration(t *testing.T) {
	t.Parallel()
	c, err := repoconfig.Parse([]byte("version: 1\noffice_hours:\n  repository: community\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := func(repo string) Program {
		return Program{InstallationID: 1, Repo: program.Repo{Owner: "acme", Name: repo}, Config: c}
	}
	got := byTarget([]Program{cfg("widgets"), cfg("community"), cfg("apps")})
	if len(got) != 1 || got[0].Repo.Name != "community" {
		t.Fatalf("kept %+v", got)
	}
	got = byTarget([]Program{cfg("widgets"), cfg("apps")})
	if len(got) != 1 || got[0].Repo.Name != "apps" {
		t.Fatalf("kept %+v", got)
	}
}
