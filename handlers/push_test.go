package handlers

import (
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestPushConfigPaths(t *testing.T) {
	commit := func(added, modified, removed []string) *github.HeadCommit {
		return &github.HeadCommit{Added: added, Modified: modified, Removed: removed}
	}
	many := make([]*github.HeadCommit, pushCommitsListed)
	for i := range many {
		many[i] = commit(nil, []string{"README.md"}, nil)
	}
	cases := []struct {
		name           string
		repo           string
		commits        []*github.HeadCommit
		own, ownerWide bool
	}{
		{"unrelated", "widgets", []*github.HeadCommit{commit(nil, []string{"main.go"}, nil)}, false, false},
		{"own file changed", "widgets", []*github.HeadCommit{commit(nil, []string{".github/mentorship.yml"}, nil)}, true, false},
		{"own file added", "widgets", []*github.HeadCommit{commit([]string{".github/mentorship.yml"}, nil, nil)}, true, false},
		{"own file removed", "widgets", []*github.HeadCommit{commit(nil, nil, []string{".github/mentorship.yml"})}, true, false},
		{"a mentorship.yml elsewhere", "widgets", []*github.HeadCommit{commit(nil, []string{"mentorship.yml", "docs/.github/mentorship.yml"}, nil)}, false, false},
		{"owner-wide default", ".github", []*github.HeadCommit{commit(nil, []string{"mentorship.yml"}, nil)}, false, true},
		{"the .github repository's own file", ".github", []*github.HeadCommit{commit(nil, []string{".github/mentorship.yml"}, nil)}, true, false},
		{"owner's .github, any case", ".GitHub", []*github.HeadCommit{commit(nil, []string{"mentorship.yml"}, nil)}, false, true},
		{"longer than the payload shows", "widgets", many, true, false},
		{"longer than the payload shows, .github", ".github", many, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			own, ownerWide := configPaths(&github.PushEvent{Commits: c.commits}, c.repo)
			if own != c.own || ownerWide != c.ownerWide {
				t.Fatalf("own %v, owner-wide %v; want %v, %v", own, ownerWide, c.own, c.ownerWide)
			}
		})
	}
}
