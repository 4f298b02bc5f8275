package ghemu

import (
	"slices"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestPullRequests(t *testing.T) {
	f := newFixture(t, Options{})
	var files []PullFile
	for i := range 5 {
		files = append(files, PullFile{Filename: "docs/page" + string(rune('a'+i)) + ".md", Status: "modified", Additions: i + 1, Deletions: 1})
	}
	n := f.emu.OpenPullRequest(testOrg, testRepo, "alice", PullOptions{Title: "Docs", Body: "b", Files: files, Draft: true, Head: "fix-docs"})
	pr, _, err := f.gh.PullRequests.Get(ctx, testOrg, testRepo, n)
	if err != nil {
		t.Fatal(err)
	}
	if pr.GetHead().GetRef() != "fix-docs" || pr.GetBase().GetRef() != "main" || !pr.GetDraft() ||
		pr.GetChangedFiles() != 5 || pr.GetAdditions() != 15 || pr.GetAuthorAssociation() != "FIRST_TIMER" {
		t.Errorf("pull %+v", pr)
	}
	page1, resp, err := f.gh.PullRequests.ListFiles(ctx, testOrg, testRepo, n, &github.ListOptions{PerPage: 2})
	if err != nil || len(page1) != 2 || resp.NextPage != 2 || resp.LastPage != 3 {
		t.Fatalf("files page 1: %d files, next %d last %d, %v", len(page1), resp.NextPage, resp.LastPage, err)
	}
	page3, resp, _ := f.gh.PullRequests.ListFiles(ctx, testOrg, testRepo, n, &github.ListOptions{PerPage: 2, Page: 3})
	if len(page3) != 1 || page3[0].GetFilename() != "docs/pagee.md" || resp.NextPage != 0 || resp.PrevPage != 2 {
		t.Errorf("files page 3: %v next %d", page3, resp.NextPage)
	}

	if _, _, err := f.gh.PullRequests.RequestReviewers(ctx, testOrg, testRepo, n, github.ReviewersRequest{Reviewers: []string{"alice"}}); statusOf(err) != 422 {
		t.Errorf("author as reviewer: %v", err)
	}
	if _, _, err := f.gh.PullRequests.RequestReviewers(ctx, testOrg, testRepo, n, github.ReviewersRequest{Reviewers: []string{"bob"}}); statusOf(err) != 422 {
		t.Errorf("non-collaborator as reviewer: %v", err)
	}
	if _, resp, err := f.gh.PullRequests.RequestReviewers(ctx, testOrg, testRepo, n, github.ReviewersRequest{Reviewers: []string{"carol", "maria"}}); err != nil || resp.StatusCode != 201 {
		t.Fatalf("request: %v", err)
	}
	if _, err := f.gh.PullRequests.RemoveReviewers(ctx, testOrg, testRepo, n, github.ReviewersRequest{Reviewers: []string{"maria"}}); err != nil {
		t.Fatal(err)
	}
	rv, _, err := f.gh.PullRequests.ListReviewers(ctx, testOrg, testRepo, n, nil)
	if err != nil || len(rv.Users) != 1 || rv.Users[0].GetLogin() != "carol" {
		t.Errorf("requested reviewers %v %v", rv, err)
	}
	f.emu.Review(testOrg, testRepo, n, "carol", "APPROVED", "LGTM")
	reviews, _, err := f.gh.PullRequests.ListReviews(ctx, testOrg, testRepo, n, nil)
	if err != nil || len(reviews) != 1 || reviews[0].GetState() != "APPROVED" || reviews[0].GetAuthorAssociation() != "COLLABORATOR" {
		t.Errorf("reviews %v %v", reviews, err)
	}
	if got := f.emu.RequestedReviewers(testOrg, testRepo, n); len(got) != 0 {
		t.Errorf("a review ends the request: %v", got)
	}

	issue := f.emu.OpenIssue(testOrg, testRepo, "bob", IssueOptions{Title: "x"})
	if _, _, err := f.gh.PullRequests.Get(ctx, testOrg, testRepo, issue); statusOf(err) != 404 {
		t.Errorf("an issue is no pull request: %v", err)
	}
}

func TestMergeClosesLinkedIssues(t *testing.T) {
	f := newFixture(t, Options{})
	a := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "a"})
	b := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "b"})
	n := f.emu.OpenPullRequest(testOrg, testRepo, "bob", PullOptions{Title: "fix", Body: "Fixes #1, see #2"})
	f.emu.MergePullRequest(testOrg, testRepo, n, "carol")
	pr, _, err := f.gh.PullRequests.Get(ctx, testOrg, testRepo, n)
	if err != nil || !pr.GetMerged() || pr.GetMergedBy().GetLogin() != "carol" || pr.GetState() != "closed" || pr.MergedAt == nil {
		t.Fatalf("merged pull %+v %v", pr, err)
	}
	if got := f.emu.Issue(testOrg, testRepo, a); got.State != "closed" || got.StateReason != "completed" {
		t.Errorf("fixed issue %+v", got)
	}
	if got := f.emu.Issue(testOrg, testRepo, b); got.State != "open" {
		t.Errorf("mentioned issue closed")
	}
	is, _, _ := f.gh.Issues.Get(ctx, testOrg, testRepo, n)
	if is.GetPullRequestLinks().MergedAt == nil {
		t.Error("issue view of a merged pull has pull_request.merged_at")
	}
}

func TestAuthorAssociation(t *testing.T) {
	f := newFixture(t, Options{})
	e := f.emu
	e.AddRepo("alice", "tools", RepoOptions{})
	e.AddRepo(testOrg, "other", RepoOptions{})
	merged := e.OpenPullRequest(testOrg, "other", "dave", PullOptions{Title: "x"})
	e.MergePullRequest(testOrg, "other", merged, "maria")
	e.OpenPullRequest(testOrg, testRepo, "dave", PullOptions{Title: "first here"})
	e.OpenPullRequest(testOrg, testRepo, "erin", PullOptions{Title: "first anywhere"})
	contrib := e.OpenPullRequest(testOrg, testRepo, "frank", PullOptions{Title: "one"})
	e.MergePullRequest(testOrg, testRepo, contrib, "maria")
	cases := []struct {
		repo, login, want string
	}{
		{testRepo, "maria", "MEMBER"},
		{testRepo, "carol", "COLLABORATOR"},
		{testRepo, "dave", "FIRST_TIME_CONTRIBUTOR"},
		{testRepo, "erin", "FIRST_TIMER"},
		{testRepo, "frank", "CONTRIBUTOR"},
		{testRepo, "bob", "NONE"},
		{"other", "dave", "CONTRIBUTOR"},
	}
	for _, tc := range cases {
		e.mu.Lock()
		got := e.association(e.st.repo(testOrg, tc.repo), tc.login)
		e.mu.Unlock()
		if got != tc.want {
			t.Errorf("%s in %s: %s, want %s", tc.login, tc.repo, got, tc.want)
		}
	}
	e.mu.Lock()
	owner := e.association(e.st.repo("alice", "tools"), "alice")
	e.mu.Unlock()
	if owner != "OWNER" {
		t.Errorf("owner of a user repository: %s", owner)
	}
	list, _, _ := f.gh.Issues.ListByRepo(ctx, testOrg, testRepo, &github.IssueListByRepoOptions{State: "all", Direction: "asc"})
	var got []string
	for _, is := range list {
		got = append(got, is.GetAuthorAssociation())
	}
	if !slices.Equal(got, []string{"FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "CONTRIBUTOR"}) {
		t.Errorf("REST associations %v", got)
	}
}
