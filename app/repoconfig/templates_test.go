package repoconfig

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var anyMention = regexp.MustCompile(`@[A-Za-z0-9]`)

func fullWelcome() WelcomeData {
	return WelcomeData{
		Author: "new-person", Mentor: "kind-mentor", MentorReason: "knows docs", Repository: "acme/widgets", Number: 7,
		ContributingURL: "https://git.example.org/acme/widgets/blob/HEAD/CONTRIBUTING.md",
		OfficeHours:     "Thursday 12 March, 17:00 UTC", Checklist: []string{"Sign the CLA"},
	}
}

func TestDefaultWelcomes(t *testing.T) {
	c := Default()
	render := map[string]func(WelcomeData) (string, error){"pr": c.RenderWelcomePR, "issue": c.RenderWelcomeIssue}
	for name, fn := range render {
		t.Run(name+" with mentor", func(t *testing.T) {
			got, err := fn(fullWelcome())
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(got, "@kind-mentor"); n != 1 {
				t.Errorf("mentor mentioned %d times, want 1:\n%s", n, got)
			}
			if n := len(anyMention.FindAllString(got, -1)); n != 1 {
				t.Errorf("%d mentions, want only the mentor's:\n%s", n, got)
			}
			for _, want := range []string{
				"Welcome, new-person", "acme/widgets", "within 48 hours",
				"[contributing guide](https://git.example.org/acme/widgets/blob/HEAD/CONTRIBUTING.md)",
				"run the tests", "right here in a comment", "office hours: Thursday 12 March, 17:00 UTC", "- Sign the CLA",
			} {
				if !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
					t.Errorf("welcome lacks %q:\n%s", want, got)
				}
			}
			if strings.Contains(got, "knows docs") || strings.Contains(strings.ToLower(got), "why this mentor") {
				t.Errorf("default welcome explains the choice; the caller appends that:\n%s", got)
			}
			if strings.Contains(got, "\n\n\n") || got != strings.TrimSpace(got) {
				t.Errorf("stray blank lines:\n%q", got)
			}
		})
		t.Run(name+" without mentor", func(t *testing.T) {
			got, err := fn(WelcomeData{Author: "new-person", Repository: "acme/widgets", Number: 7})
			if err != nil {
				t.Fatal(err)
			}
			if anyMention.MatchString(got) {
				t.Errorf("mentions someone with no mentor:\n%s", got)
			}
			for _, want := range []string{"as soon as one frees up", "README"} {
				if !strings.Contains(got, want) {
					t.Errorf("welcome lacks %q:\n%s", want, got)
				}
			}
			for _, unwanted := range []string{"office hours", "contributing guide", "hours."} {
				if strings.Contains(got, unwanted) {
					t.Errorf("welcome mentions %q without data for it:\n%s", unwanted, got)
				}
			}
		})
	}
}

func TestDefaultWelcomeKindsDiffer(t *testing.T) {
	c := Default()
	pr, _ := c.RenderWelcomePR(fullWelcome())
	issue, _ := c.RenderWelcomeIssue(fullWelcome())
	if !strings.Contains(pr, "first pull request") || !strings.Contains(issue, "first issue") || pr == issue {
		t.Errorf("pr:\n%s\nissue:\n%s", pr, issue)
	}
}

func TestRenderUsesConfiguredHours(t *testing.T) {
	c := Default()
	c.Assignment.FirstResponseHours = 1
	got, err := c.RenderWelcomePR(fullWelcome())
	if err != nil || !strings.Contains(got, "within 1 hour.") && !strings.Contains(got, "within 1 hour ") {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestDefaultGuide(t *testing.T) {
	c := Default()
	got, err := c.RenderGuide(GuideData{Repository: "acme/widgets", Number: 3, Label: "good first issue", OfficeHours: "Thursday"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"`/claim`", "`/unclaim`", "14 days", "up to 2 claims", "acme/widgets", "office hours: Thursday"} {
		if !strings.Contains(got, want) {
			t.Errorf("guide lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "@") {
		t.Errorf("guide contains @:\n%s", got)
	}
	c.GoodFirstIssues.MaxClaimsPerContributor, c.GoodFirstIssues.ClaimExpiryDays = 1, 1
	got, _ = c.RenderGuide(GuideData{Repository: "acme/widgets"})
	if !strings.Contains(got, "after 1 day,") || !strings.Contains(got, "up to 1 claim at") {
		t.Errorf("singular forms:\n%s", got)
	}
}

func TestRenderCustomTemplate(t *testing.T) {
	c, err := Parse([]byte("first_timers:\n  welcome_pr: |\n    Hi {{.Author}} ({{.Kind}} #{{.Number}}){{with .Mentor}}, meet @{{.}}{{end}}.\n"))
	if err != nil {
		t.Fatal(FormatProblems("f", err))
	}
	got, err := c.RenderWelcomePR(WelcomeData{Author: "a", Mentor: "m", Number: 5})
	if err != nil || got != "Hi a (pull request #5), meet @m." {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestRenderRejectsBadTemplateFromLiteralConfig(t *testing.T) {
	c := Default()
	c.FirstTimers.WelcomeIssue = "{{.Missing}}"
	if _, err := c.RenderWelcomeIssue(fullWelcome()); err == nil || !strings.Contains(err.Error(), "render welcome_issue template") {
		t.Errorf("err = %v", err)
	}
	c.FirstTimers.WelcomeIssue = `{{define "a"}}{{template "a"}}{{end}}{{template "a"}}`
	if _, err := c.RenderWelcomeIssue(fullWelcome()); err == nil || !strings.Contains(err.Error(), "parse welcome_issue template") {
		t.Errorf("err = %v", err)
	}
}

func TestTemplateFieldsMarkdown(t *testing.T) {
	md := TemplateFieldsMarkdown()
	for typ, docs := range map[reflect.Type][]fieldDoc{
		reflect.TypeOf(WelcomeData{}): welcomeFields,
		reflect.TypeOf(GuideData{}):   guideFields,
	} {
		var documented []string
		for _, d := range docs {
			documented = append(documented, d.name)
		}
		if got := fieldNames(typ); !reflect.DeepEqual(got, documented) {
			t.Errorf("%s fields %v, documented %v", typ, got, documented)
		}
	}
	for _, want := range []string{"| `.Author` | text |", "| `.ClaimExpiryDays` | number |", "`first_timers.welcome_pr`", "`good_first_issues.guide`", "plural"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 hours", 1: "1 hour", 2: "2 hours", 48: "48 hours"} {
		if got := plural(n, "hour", "hours"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTemplatePositionPlainScalar(t *testing.T) {
	ps := parseProblems(t, "first_timers:\n  welcome_pr: \"Hello {{.Autor}}\"\n")
	if len(ps) != 1 || ps[0].Line != 2 || ps[0].Column != 24 {
		t.Errorf("got %v, want 2:24 (the field in the quoted string)", ps)
	}
	ps = parseProblems(t, "first_timers:\n  welcome_pr: |\n    Hello\n      {{.Autor}}\n")
	if len(ps) != 1 || ps[0].Line != 4 || ps[0].Column != 9 {
		t.Errorf("got %v, want 4:9 (the field in the block)", ps)
	}
}

// The README's template section is TemplateFieldsMarkdown, word for word,
// so the fields and limits it documents are the ones the code has.
func TestREADMEDocumentsTemplates(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), strings.TrimSpace(TemplateFieldsMarkdown())) {
		t.Fatal("README.md's template section differs from TemplateFieldsMarkdown(); copy it in")
	}
}
