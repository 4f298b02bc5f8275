package ghemu

import (
	"slices"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestSearchIssues(t *testing.T) {
	f := newFixture(t, Options{})
	e := f.emu
	e.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "Sesame one", Labels: []string{"good first issue"}})
	e.OpenPullRequest(testOrg, testRepo, "alice", PullOptions{Title: "Sesame two"})
	e.OpenPullRequest(testOrg, testRepo, "bob", PullOptions{Title: "other"})
	e.OpenIssue(testOrg, "secret", "alice", IssueOptions{Title: "Sesame hidden"})
	cases := []struct {
		q    string
		want []int
	}{
		{"sesame repo:acme/widgets", []int{2, 1}},
		{"is:pr author:alice org:acme", []int{2}},
		{"type:pr repo:acme/widgets", []int{3, 2}},
		{`label:"good first issue" state:open`, []int{1}},
		{"is:issue user:acme", []int{1}},
		{"is:closed", nil},
	}
	for _, tc := range cases {
		res, resp, err := f.gh.Search.Issues(ctx, tc.q, nil)
		if err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		var got []int
		for _, is := range res.Issues {
			got = append(got, is.GetNumber())
		}
		if !slices.Equal(got, tc.want) || res.GetTotal() != len(tc.want) || res.GetIncompleteResults() {
			t.Errorf("%q: %v (total %d), want %v", tc.q, got, res.GetTotal(), tc.want)
		}
		if resp.Header.Get("X-RateLimit-Resource") != "search" || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("search headers %v", resp.Header)
		}
	}
	if _, _, err := f.gh.Search.Issues(ctx, "repo:acme/secret", nil); statusOf(err) != 422 {
		t.Errorf("repository outside the installation: %v", err)
	}
	if _, _, err := f.gh.Search.Issues(ctx, "", nil); statusOf(err) != 422 {
		t.Errorf("empty query: %v", err)
	}
	res, resp, err := f.gh.Search.Issues(ctx, "repo:acme/widgets", &github.SearchOptions{Sort: "created", Order: "asc", ListOptions: github.ListOptions{PerPage: 2}})
	if err != nil || len(res.Issues) != 2 || res.GetTotal() != 3 || resp.NextPage != 2 || res.Issues[0].GetNumber() != 1 {
		t.Errorf("paged search: %v next %d %v", res, resp.NextPage, err)
	}
}
