package ghemu

import (
	"reflect"
	"testing"
	"time"
)

func TestParseSearch(t *testing.T) {
	cases := []struct {
		q    string
		want searchQuery
	}{
		{"is:pr author:alice repo:acme/widgets", searchQuery{kind: "pr", authors: []string{"alice"}, repos: []string{"acme/widgets"}}},
		{"type:issue state:closed org:acme", searchQuery{kind: "issue", state: "closed", orgs: []string{"acme"}}},
		{`label:"good first issue" label:docs`, searchQuery{labels: []string{"good first issue", "docs"}}},
		{"is:merged user:acme", searchQuery{kind: "pr", merged: "merged", orgs: []string{"acme"}}},
		{"-label:claimed no:assignee is:open", searchQuery{notLabels: []string{"claimed"}, noAssignee: true, state: "open"}},
		{"Typo  README sort:x", searchQuery{terms: []string{"typo", "readme", "sort:x"}}},
		{"is:pr+author:bob", searchQuery{kind: "pr", authors: []string{"bob"}}},
		{`"exact phrase" assignee:carol`, searchQuery{terms: []string{"exact phrase"}, assignees: []string{"carol"}}},
		{"is:unknown", searchQuery{terms: []string{"is:unknown"}}},
	}
	for _, tc := range cases {
		if got := parseSearch(tc.q); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseSearch(%q) = %+v, want %+v", tc.q, got, tc.want)
		}
	}
}

func TestSearchMatches(t *testing.T) {
	open := &Issue{Title: "Fix typo", Body: "in README", Author: "alice", State: "open", Labels: []string{"Good First Issue"},
		CreatedAt: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)}
	pr := &Issue{Title: "Docs", Author: "bob", State: "closed", Pull: &PullRequest{Merged: true}, Assignees: []string{"carol"}}
	cases := []struct {
		q    string
		is   *Issue
		want bool
	}{
		{"is:issue", open, true},
		{"is:pr", open, false},
		{"type:pr is:merged", pr, true},
		{"is:unmerged", pr, false},
		{`label:"good first issue"`, open, true},
		{"-label:\"good first issue\"", open, false},
		{"author:ALICE repo:acme/widgets", open, true},
		{"repo:acme/other", open, false},
		{"org:acme", open, true},
		{"user:someone", open, false},
		{"state:open typo readme", open, true},
		{"missing", open, false},
		{"assignee:carol", pr, true},
		{"no:assignee", pr, false},
		{"no:label", pr, true},
		{"created:<2026-03-04T10:00:01Z", open, true},
		{"created:<2026-03-04T10:00:00Z", open, false},
		{"created:<=2026-03-04T10:00:00Z", open, true},
		{"created:>2026-03-01", open, true},
		{"created:>=2026-03-05", open, false},
		{"created:2026-03-04", open, true},
		{"created:2026-03-01..2026-03-03", open, false},
		{"author:alice created:<2026-03-04T09:00:00Z", open, false},
	}
	for _, tc := range cases {
		if got := parseSearch(tc.q).matches("acme", "acme/widgets", tc.is); got != tc.want {
			t.Errorf("%q on %q: %v, want %v", tc.q, tc.is.Title, got, tc.want)
		}
	}
}
