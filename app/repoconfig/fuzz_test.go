package repoconfig

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{"", "version: 1", "mentors: [{login: a, areas: [x]}]", "a: &a [*a]", "first_timers: {welcome_pr: '{{.X}}'}", "\t", "? [a]\n: b"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err == nil {
			checkInvariants(t, c)
			return
		}
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 || c != nil {
			t.Fatalf("Parse error %T %v with config %v", err, err, c)
		}
		for _, p := range ps {
			if p.Message == "" || p.Hint == "" || p.Line < 0 {
				t.Fatalf("incomplete problem %+v", p)
			}
		}
		if out := FormatProblems("f", err); strings.Count(out, "\n") != len(ps) {
			t.Fatalf("FormatProblems is not one line per problem:\n%s", out)
		}
		if md := MarkdownProblems(err); mentionOutsideCode(md) {
			t.Fatalf("MarkdownProblems may mention someone:\n%s", md)
		}
	})
}

// checkInvariants holds for every Config that Parse accepts.
func checkInvariants(t *testing.T, c *Config) {
	t.Helper()
	if c.Version != Version || c.Areas == nil || c.Assignment.FirstResponseHours < 1 {
		t.Fatalf("accepted config breaks invariants: %+v", c)
	}
	for _, m := range c.Mentors {
		if m.Capacity < 1 || m.Location == nil || !validLogin(m.Login) {
			t.Fatalf("accepted mentor breaks invariants: %+v", m)
		}
	}
	if len(c.OfficeHours.StartTimes()) != len(c.OfficeHours.Times) || len(c.OfficeHours.Times) == 0 {
		t.Fatalf("accepted times %v", c.OfficeHours.Times)
	}
	for _, render := range []func() (string, error){
		func() (string, error) { return c.RenderWelcomePR(WelcomeData{Author: "a"}) },
		func() (string, error) { return c.RenderWelcomeIssue(WelcomeData{Author: "a", Mentor: "m"}) },
		func() (string, error) { return c.RenderGuide(GuideData{}) },
	} {
		if _, err := render(); err != nil {
			t.Fatalf("accepted template fails to render: %v", err)
		}
	}
}
