package selection

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

func at(login string) string { return "@" + login }

var codeSpan = regexp.MustCompile("`[^`]*`")

// TestExplainMentionsOnlyTheMentor: whatever decided, the chosen mentor is
// mentioned once through the callback and every other login appears only in
// code spans, which notify nobody.
func TestExplainMentionsOnlyTheMentor(t *testing.T) {
	base := []Candidate{
		{Login: "mentor-ada", Areas: []string{"docs"}, Capacity: 3, Order: 0, Active: 1},
		{Login: "mentor-bob", Areas: []string{"docs"}, Capacity: 3, Order: 1},
		{Login: "mentor-cy", Capacity: 3, Order: 2, LastAssigned: ago(time.Hour)},
		{Login: "mentor-dee", Capacity: 3, Order: 3, Away: true},
		{Login: "newbie-fox", Capacity: 3, Order: 4},
	}
	reqs := []Request{
		{Author: "newbie-fox", Now: now},
		{Author: "newbie-fox", Areas: []string{"docs"}, Now: now},
		{Author: "newbie-fox", Areas: []string{"docs"}, Previous: "mentor-bob", Now: now},
		{Author: "newbie-fox", Previous: "mentor-bob", Exclude: []string{"mentor-ada"}, Now: now},
		{Author: "mentor-bob", Areas: []string{"ci"}, Now: now},
	}
	for i, req := range reqs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			d := Select(base, req)
			if d.Mentor == "" {
				t.Fatalf("no mentor for %+v", req)
			}
			calls := 0
			out := d.Explain(func(l string) string { calls++; return "@" + l })
			if calls != 1 {
				t.Errorf("mention called %d times, want 1", calls)
			}
			if n := strings.Count(out, "@"); n != 1 || !strings.Contains(out, "@"+d.Mentor+",") {
				t.Errorf("want exactly one mention, of %s; got %d:\n%s", d.Mentor, n, out)
			}
			plain := codeSpan.ReplaceAllString(out, "")
			for _, c := range base {
				n := strings.Count(plain, c.Login)
				if c.Login == d.Mentor && n != 1 || c.Login != d.Mentor && n != 0 {
					t.Errorf("%s appears %d times outside code spans:\n%s", c.Login, n, out)
				}
			}
			if !strings.HasPrefix(out, "<details>\n<summary>Why this mentor?</summary>\n\n") || !strings.HasSuffix(out, "\n</details>\n") {
				t.Errorf("not a details block:\n%s", out)
			}
		})
	}
}

func TestExplainWithoutMention(t *testing.T) {
	d := Select(roster("mentor-ada"), Request{Author: "newbie-fox", Now: now})
	for name, mention := range map[string]func(string) string{
		"nil":          nil,
		"empty result": func(string) string { return "" },
	} {
		out := d.Explain(mention)
		if strings.Contains(out, "@") || !strings.Contains(out, "Chosen: `mentor-ada`,") {
			t.Errorf("%s mention: want the mentor in code and no @:\n%s", name, out)
		}
	}
}

// TestExplainNeutralisesOddText: logins and area names come from the config
// file, not from the author, but they still cannot break out of code spans.
func TestExplainNeutralisesOddText(t *testing.T) {
	cands := []Candidate{
		{Login: "mentor-ada", Capacity: 3, Areas: []string{"x` @org/team `y"}},
		{Login: "evil`\n@org/all", Capacity: 3, Away: true},
		{Login: "", Capacity: 3, Away: true},
	}
	d := Select(cands, Request{Author: "newbie-fox", Areas: []string{"x` @org/team `y"}, Now: now})
	out := d.Explain(at)
	plain := codeSpan.ReplaceAllString(out, "")
	if strings.Contains(plain, "@org") || strings.Count(out, "`")%2 != 0 {
		t.Errorf("text escaped a code span:\n%s", out)
	}
	if !strings.Contains(out, "- `evil@org/all`: unavailable") || !strings.Contains(out, "- (empty): unavailable") {
		t.Errorf("odd logins not neutralised:\n%s", out)
	}
}

func TestExplainLongListsAreCut(t *testing.T) {
	var cands []Candidate
	for i := range 100 {
		cands = append(cands, Candidate{Login: fmt.Sprintf("m%03d", i), Capacity: 1, Active: i % 2, Order: i})
	}
	d := Select(cands, Request{Author: "newbie-fox", Now: now})
	out := d.Explain(at)
	for _, want := range []string{
		"**Eligible** (50 of 100 mentors): ",
		"`m048` and 25 more\n",
		"- `m049`: at capacity (1/1)\n- … and 25 more\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "`m099`") || strings.Contains(out, "`m098`") {
		t.Errorf("list not cut:\n%s", out)
	}
}

func TestCodeList(t *testing.T) {
	tests := map[string][]string{
		"":                       nil,
		"`a`":                    {"a"},
		"`a` or `b`":             {"a", "b"},
		"`a`, `b` or `c`":        {"a", "b", "c"},
		"`a`, `b`, `c` or `(d)`": {"a", "b", "c", "(d)"},
	}
	for want, in := range tests {
		if got := codeList(in); got != want {
			t.Errorf("codeList(%q) = %q, want %q", in, got, want)
		}
	}
}
