package repoconfig

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// hostileCost bounds what refusing a hostile template may take; the real
// cost is a few milliseconds, this leaves room for -race on a busy machine.
// hangGuard only catches a refusal that never comes; how fast refusals are
// is measured by BenchmarkRefuseHostile, not asserted here.
const hangGuard = 30 * time.Second

// welcomeFile writes a mentorship.yml whose welcome_pr is the block
// scalar body, starting on line 4.
func welcomeFile(body string) string {
	return "version: 1\nfirst_timers:\n  welcome_pr: |\n    " + strings.ReplaceAll(body, "\n", "\n    ") + "\n"
}

func TestTemplateLimitsRefuse(t *testing.T) {
	long := strings.Repeat("x", MaxTemplateLength)
	tests := []struct {
		name, body string
		line       int // of the problem in the file; the body starts on line 4, 3 is the key
		msg        string
	}{
		{"integer range", "Hi\n{{range 1000000000000000}}{{end}}", 5, "ranges over a number"},
		{"integer range with variable", "{{range $i := 1000000000}}{{$i}}{{end}}", 4, "ranges over a number"},
		{"function result range", "{{range slice .Checklist 0}}{{end}}", 4, "the result of `slice`"},
		{"variable range", "{{$l := .Checklist}}\n{{range $l}}{{end}}", 5, "a variable (`$l`)"},
		{"dot range", "{{with .Checklist}}{{range .}}{{end}}{{end}}", 4, "ranges over `.`"},
		{"parenthesised range", "{{range (.Checklist)}}{{end}}", 4, "ranges over a computed value"},
		{"range inside range", "{{range .Checklist}}\n{{range $.Checklist}}{{end}}{{end}}", 5, "a `range` inside a `range`"},
		{"reassignment in a loop", "{{$s := \"ab\"}}\n{{range .Checklist}}{{$s = print $s $s}}{{end}}{{len $s}}", 5, "assigned inside a `range`"},
		{"reassignment in parentheses in a loop", "{{$s := 1}}{{range .Checklist}}{{print ($s = 2)}}{{end}}", 4, "assigned inside a `range`"},
		{"nested template", "{{define \"x\"}}{{template \"x\"}}{{end}}{{template \"x\"}}", 3, "uses `define`"},
		{"block", "{{block \"x\" .}}a{{end}}", 3, "uses `define`"},
		{"template call", "a\n{{template \"welcome_pr\"}}", 5, "another template"},
		{"call", "{{call .Author}}", 4, "calls `call`"},
		{"oversized output", "{{$s := printf \"%01000d\" 1}}" + strings.Repeat("{{$s}}", 61), 3, "renders to more than 60000"},
		{"doubling without a loop", "{{$s := printf \"%01000d\" 1}}" + strings.Repeat("\n{{$s = print $s $s}}", 40), 10, "more than 60000 characters"},
		{"escape explosion", "{{printf \"%c%c%c%c%c%c%c%c\" 92 92 92 92 92 92 92 92" + strings.Repeat(" | js", 14) + "}}", 4, "more than 60000 characters"},
		{"text hoarded in variables", "{{$a := printf \"%01000d\" 1}}\n{{$b := print" + strings.Repeat(" $a", 50) + "}}" + strings.Repeat("\n{{$c := print $b}}", 25), 25, "more than 1048576 characters in all"},
		{"printf star width", "{{printf \"%*d\" 1000000 1}}", 4, "may not use * or [n]"},
		{"printf argument index", "{{printf \"%[1]s%[1]s\" .Author}}", 4, "may not use * or [n]"},
		{"printf wide", "{{printf \"%0999999d\" 1}}", 4, "at most 1000"},
		{"printf many verbs", "{{printf \"" + strings.Repeat("%01000d", 1000) + "\"}}", 4, "more than 60000 characters"},
		{"deep block nesting", strings.Repeat("{{if .Author}}", 11) + strings.Repeat("{{end}}", 11), 4, "nest more than 10 deep"},
		{"deep parentheses", "{{len " + strings.Repeat("(print ", 11) + "1" + strings.Repeat(")", 11) + "}}", 4, "nest more than 10 deep"},
		{"source too long", long + "x", 3, "longer than 20000 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			ps := parseProblems(t, welcomeFile(tt.body))
			t.Logf("refused in %v", time.Since(start))
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1:\n%s", len(ps), FormatProblems("f", ps))
			}
			p := ps[0]
			if p.Key != "first_timers.welcome_pr" || p.Line != tt.line || !strings.Contains(p.Message, tt.msg) || p.Hint == "" {
				t.Errorf("got %s\nwant line %d, message ~%q and a hint", p, tt.line, tt.msg)
			}
		})
	}
}

func TestTemplateLimitsAccept(t *testing.T) {
	for _, body := range []string{
		"{{range $i, $c := .Checklist}}{{$i}}. {{$c}}\n{{else}}nothing{{end}}",
		"{{range .Checklist}}{{if eq . \"x\"}}{{continue}}{{end}}{{$n := len .}}{{$n}}{{break}}{{end}}",
		"{{range $.Checklist}}{{$.Author}}{{end}}",
		"{{$g := \"Hi\"}}{{if .Mentor}}{{$g = \"Hello\"}}{{end}}{{with .Mentor}}{{$g = print $g \" \" .}}{{end}}{{$g}}",
		"{{if eq .Kind \"issue\"}}a{{else if .Mentor}}b" + strings.Repeat("{{else if .Author}}c", 20) + "{{else}}d{{end}}",
		"{{printf \"%-20s|%5d|%.2f|%q|%v\" .Author .Number 1.5 .Repository .Checklist}}",
		"{{printf \"%%\"}} {{println .Author}} {{html .OfficeHours}} {{js .Author}} {{urlquery .Repository}}",
		"{{len .Author}} {{index .Repository 0}} {{slice .Repository 0 3}} {{not (and .Mentor (or .Author .Kind))}}",
		"{{plural .FirstResponseHours \"hour\" \"hours\"}}{{/* a comment */}}",
		strings.Repeat("{{if .Author}}", 10) + "deep" + strings.Repeat("{{end}}", 10),
		"{{len " + strings.Repeat("(print ", 9) + "1" + strings.Repeat(")", 9) + "}}",
	} {
		if ps := parseProblems(t, welcomeFile(body)); len(ps) > 0 {
			t.Errorf("refused %q:\n%s", body, FormatProblems("f", ps))
		}
	}
}

// TestDefaultTemplatesWithinLimits: the embedded defaults and the example
// file of the README pass the checker and render.
func TestDefaultTemplatesWithinLimits(t *testing.T) {
	c := Default()
	for name, tc := range map[string]struct {
		text    string
		samples []any
	}{
		"welcome_pr":    {c.FirstTimers.WelcomePR, welcomeSamples(KindPullRequest, 48)},
		"welcome_issue": {c.FirstTimers.WelcomeIssue, welcomeSamples(KindIssue, 48)},
		"guide":         {c.GoodFirstIssues.Guide, guideSamples(c.GoodFirstIssues)},
	} {
		if te := checkTemplate(name, tc.text, tc.samples); te != nil {
			t.Errorf("default %s refused: %+v", name, te)
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("README has no yaml example")
	}
	for _, b := range blocks {
		c, err := Parse(b[1])
		if err != nil {
			t.Fatalf("README example refused:\n%s", FormatProblems("README.md", err))
		}
		if _, err := c.RenderWelcomePR(fullWelcome()); err != nil {
			t.Errorf("README example does not render: %v", err)
		}
	}
}

// slowData has a method that blocks until released: execution must give
// up at the deadline even when a step never returns.
type slowData struct{ release chan struct{} }

func (d slowData) Slow() string { <-d.release; return "late" }

func TestExecuteDeadline(t *testing.T) {
	tmpl, err := parseTemplate("slow", "{{.Slow}}")
	if err != nil {
		t.Fatal(err)
	}
	d := slowData{release: make(chan struct{})}
	defer close(d.release)
	start := time.Now()
	_, err = execute(tmpl, d)
	if elapsed := time.Since(start); err == nil || elapsed > hangGuard {
		t.Fatalf("execute = %v after %v, want errTooSlow at %v", err, elapsed, templateDeadline)
	}
	if te := describeTemplateError(err, reflect.TypeOf(WelcomeData{})); !strings.Contains(te.msg, "takes longer than") {
		t.Errorf("described as %+v", te)
	}
}

func TestBudgetCountsCalls(t *testing.T) {
	b := newBudget()
	for range maxFuncCalls {
		if err := b.step(); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.step(); err != errTooManyCalls {
		t.Errorf("call %d: %v, want errTooManyCalls", maxFuncCalls+1, err)
	}
	b = newBudget()
	b.stopped.Store(true)
	if err := b.step(); err != errTooSlow {
		t.Errorf("stopped budget: %v, want errTooSlow", err)
	}
}

// TestRenderIsBounded: rendering at send time applies the same checks, so
// a template set in a Config literal cannot run away either.
func TestRenderIsBounded(t *testing.T) {
	c := Default()
	c.FirstTimers.WelcomePR = "{{range 1000000000000000}}{{end}}"
	if _, err := c.RenderWelcomePR(fullWelcome()); err == nil || !strings.Contains(err.Error(), "parse welcome_pr template") {
		t.Errorf("endless range: %v", err)
	}
	c.FirstTimers.WelcomePR = "{{$s := printf \"%01000d\" 1}}" + strings.Repeat("{{$s = print $s $s}}", 40)
	if _, err := c.RenderWelcomePR(fullWelcome()); err == nil || !strings.Contains(err.Error(), "render welcome_pr template") {
		t.Errorf("doubling: %v", err)
	}
}
