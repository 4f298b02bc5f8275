package schedule

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestFAQBodyGroupsByAreaAndLinksEachAnswer(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	body := FAQBody([]FAQItem{
		{Question: "Where do we chat?", Answer: "In #newcomers.", Author: "bo", URL: "https://x/2", SavedAt: t0.Add(time.Hour)},
		{Area: "docs", Question: "How do I build the docs?", Answer: "make docs", Author: "ana", URL: "https://x/1", SavedAt: t0},
		{Area: "ci", Answer: "Re-run the job.", Author: "cy", URL: "https://x/3", SavedAt: t0.Add(2 * time.Hour)},
	}, "<!-- m -->")
	for _, want := range []string{
		"## ci\n\n- Re-run the job. ([answer](https://x/3) by cy)",
		"## docs\n\n- **How do I build the docs?** — make docs ([answer](https://x/1) by ana)",
		"## General\n\n- **Where do we chat?** — In #newcomers. ([answer](https://x/2) by bo)",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Index(body, "## ci") > strings.Index(body, "## docs") || strings.Index(body, "## docs") > strings.Index(body, "## General") ||
		!strings.HasSuffix(body, "\n\n<!-- m -->") {
		t.Errorf("areas out of order or marker not last:\n%s", body)
	}
	if empty := FAQBody(nil, "<!-- m -->"); !strings.Contains(empty, "No answers yet.") {
		t.Errorf("empty FAQ:\n%s", empty)
	}
}

func TestFAQBodyStaysWithinGitHubsLimit(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var items []FAQItem
	for i := range 1000 {
		area := []string{"docs", "", "ci"}[i%3]
		items = append(items, FAQItem{Area: area, Question: fmt.Sprintf("Question %04d?", i), Answer: strings.Repeat("é", 150),
			Author: "ana", URL: fmt.Sprintf("https://x/%d", i), SavedAt: t0.Add(time.Duration(i) * time.Hour)})
	}
	body := FAQBody(items, "<!-- m -->")
	if n := utf8.RuneCountInString(body); n > MaxFAQBody || n < MaxFAQBody-2000 {
		t.Fatalf("%d characters, want at most %d and not far below", n, MaxFAQBody)
	}
	if !strings.Contains(body, "Question 0999?") || strings.Contains(body, "Question 0000?") {
		t.Error("the newest answers were cut instead of the oldest")
	}
	if !strings.Contains(body, "oldest answers are left out to keep this page within GitHub's size limit (") ||
		!strings.Contains(body, " in docs") || !strings.Contains(body, " in General") {
		t.Errorf("no note on what was cut:\n%s", body[len(body)-600:])
	}
	if !strings.HasSuffix(body, "<!-- m -->") {
		t.Error("the marker is not last")
	}
}
