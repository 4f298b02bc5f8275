package ghemu

import (
	"net/url"
	"slices"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestIssueLifecycle(t *testing.T) {
	f := newFixture(t, Options{AppSlug: "mentorbot"})
	is, resp, err := f.gh.Issues.Create(ctx, testOrg, testRepo, &github.IssueRequest{
		Title: ptr("Docs typo"), Body: ptr("see README"), Labels: &[]string{"docs"},
	})
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("create: %v", err)
	}
	if is.GetUser().GetLogin() != "mentorbot[bot]" || is.GetUser().GetType() != "Bot" || is.GetNumber() != 1 {
		t.Errorf("created by %q (%q), number %d", is.GetUser().GetLogin(), is.GetUser().GetType(), is.GetNumber())
	}
	if resp.Header.Get("Location") == "" || len(is.Labels) != 1 || is.Labels[0].GetColor() != "ededed" {
		t.Errorf("location %q labels %v", resp.Header.Get("Location"), is.Labels)
	}
	if _, _, err := f.gh.Issues.Create(ctx, testOrg, testRepo, &github.IssueRequest{Body: ptr("x")}); statusOf(err) != 422 {
		t.Errorf("missing title: %v", err)
	} else if e := err.(*github.ErrorResponse); e.Errors[0].Code != "missing_field" || e.Errors[0].Field != "title" {
		t.Errorf("422 errors %+v", e.Errors)
	}

	got, _, err := f.gh.Issues.Get(ctx, testOrg, testRepo, 1)
	if err != nil || got.GetTitle() != "Docs typo" || got.GetState() != "open" {
		t.Fatalf("get: %v %v", got, err)
	}
	up, _, err := f.gh.Issues.Edit(ctx, testOrg, testRepo, 1, &github.IssueRequest{
		Title: ptr("Docs typos"), State: ptr("closed"), StateReason: ptr("not_planned"),
	})
	if err != nil || up.GetState() != "closed" || up.GetStateReason() != "not_planned" || up.ClosedAt == nil ||
		up.GetClosedBy().GetLogin() != "mentorbot[bot]" || up.GetTitle() != "Docs typos" {
		t.Errorf("edit: %+v %v", up, err)
	}
	if _, _, err := f.gh.Issues.Edit(ctx, testOrg, testRepo, 1, &github.IssueRequest{State: ptr("gone")}); statusOf(err) != 422 {
		t.Errorf("bad state: %v", err)
	}
	if _, _, err := f.gh.Issues.Edit(ctx, testOrg, testRepo, 1, &github.IssueRequest{Assignees: &[]string{"alice"}}); statusOf(err) != 422 {
		t.Errorf("PATCH with an unassignable login: %v", err)
	}
	if _, _, err := f.gh.Issues.Get(ctx, testOrg, testRepo, 99); statusOf(err) != 404 {
		t.Errorf("missing issue: %v", err)
	}
	if f.emu.Issue(testOrg, testRepo, 1).StateReason != "not_planned" {
		t.Error("state not kept")
	}
}

func TestListIssuesFilters(t *testing.T) {
	f := newFixture(t, Options{})
	e := f.emu
	e.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "one", Labels: []string{"good first issue"}})
	e.OpenIssue(testOrg, testRepo, "bob", IssueOptions{Title: "two", Labels: []string{"good first issue", "docs"}, Assignees: []string{"carol"}})
	e.OpenPullRequest(testOrg, testRepo, "alice", PullOptions{Title: "three"})
	n := e.OpenIssue(testOrg, testRepo, "bob", IssueOptions{Title: "four"})
	e.CloseIssue(testOrg, testRepo, n, "carol", "")

	cases := []struct {
		name string
		opt  github.IssueListByRepoOptions
		want []int
	}{
		{"default open, newest first", github.IssueListByRepoOptions{}, []int{3, 2, 1}},
		{"closed", github.IssueListByRepoOptions{State: "closed"}, []int{4}},
		{"all ascending", github.IssueListByRepoOptions{State: "all", Direction: "asc"}, []int{1, 2, 3, 4}},
		{"labels are ANDed, case-insensitive", github.IssueListByRepoOptions{Labels: []string{"Good First Issue", "docs"}}, []int{2}},
		{"assignee", github.IssueListByRepoOptions{Assignee: "carol"}, []int{2}},
		{"no assignee", github.IssueListByRepoOptions{Assignee: "none"}, []int{3, 1}},
		{"creator", github.IssueListByRepoOptions{Creator: "alice"}, []int{3, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			list, _, err := f.gh.Issues.ListByRepo(ctx, testOrg, testRepo, &tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, is := range list {
				got = append(got, is.GetNumber())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	list, _, _ := f.gh.Issues.ListByRepo(ctx, testOrg, testRepo, nil)
	if !list[0].IsPullRequest() || list[1].IsPullRequest() {
		t.Error("pull requests must carry a pull_request key and issues none")
	}
}

func TestComments(t *testing.T) {
	f := newFixture(t, Options{})
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	f.emu.Comment(testOrg, testRepo, n, "alice", "first")
	c, _, err := f.gh.Issues.CreateComment(ctx, testOrg, testRepo, n, &github.IssueComment{Body: ptr("Welcome!")})
	if err != nil {
		t.Fatal(err)
	}
	if c.GetUser().GetLogin() != "mentorbot[bot]" || c.GetAuthorAssociation() != "NONE" {
		t.Errorf("comment by %q as %q", c.GetUser().GetLogin(), c.GetAuthorAssociation())
	}
	list, _, err := f.gh.Issues.ListComments(ctx, testOrg, testRepo, n, nil)
	if err != nil || len(list) != 2 || list[0].GetBody() != "first" {
		t.Fatalf("list: %v %v", list, err)
	}
	if _, _, err := f.gh.Issues.EditComment(ctx, testOrg, testRepo, c.GetID(), &github.IssueComment{Body: ptr("Welcome again!")}); err != nil {
		t.Fatal(err)
	}
	got, _, err := f.gh.Issues.GetComment(ctx, testOrg, testRepo, c.GetID())
	if err != nil || got.GetBody() != "Welcome again!" {
		t.Errorf("get after edit: %v %v", got, err)
	}
	if _, _, err := f.gh.Issues.CreateComment(ctx, testOrg, testRepo, n, &github.IssueComment{}); statusOf(err) != 422 {
		t.Errorf("empty body: %v", err)
	}
	if _, err := f.gh.Issues.DeleteComment(ctx, testOrg, testRepo, c.GetID()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.gh.Issues.GetComment(ctx, testOrg, testRepo, c.GetID()); statusOf(err) != 404 {
		t.Errorf("deleted comment: %v", err)
	}
	if got := f.emu.Comments(testOrg, testRepo, n); len(got) != 1 {
		t.Errorf("comments left: %v", got)
	}
}

func TestLabels(t *testing.T) {
	f := newFixture(t, Options{})
	f.emu.CreateLabel(testOrg, testRepo, "good first issue", "7057ff", "Good for newcomers")
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	labels, _, err := f.gh.Issues.AddLabelsToIssue(ctx, testOrg, testRepo, n, []string{"Good First Issue", "area/docs"})
	if err != nil || len(labels) != 2 || labels[0].GetName() != "good first issue" || labels[0].GetColor() != "7057ff" {
		t.Fatalf("add: %v %v", labels, err)
	}
	// go-github v60 does not escape label names: a slash must be escaped
	// by the caller, as GitHub routes an unescaped one as a path separator.
	l, _, err := f.gh.Issues.GetLabel(ctx, testOrg, testRepo, url.PathEscape("area/docs"))
	if err != nil || l.GetName() != "area/docs" {
		t.Errorf("get label with a slash: %v %v", l, err)
	}
	if _, _, err := f.gh.Issues.GetLabel(ctx, testOrg, testRepo, "area/docs"); statusOf(err) != 404 {
		t.Errorf("unescaped slash: %v", err)
	}
	if _, err := f.gh.Issues.RemoveLabelForIssue(ctx, testOrg, testRepo, n, "good first issue"); err != nil {
		t.Error(err)
	}
	if _, err := f.gh.Issues.RemoveLabelForIssue(ctx, testOrg, testRepo, n, "nope"); statusOf(err) != 404 {
		t.Errorf("removing an absent label: %v", err)
	}
	if _, _, err := f.gh.Issues.ReplaceLabelsForIssue(ctx, testOrg, testRepo, n, []string{"claimed"}); err != nil {
		t.Error(err)
	}
	if got := f.emu.Labels(testOrg, testRepo, n); !slices.Equal(got, []string{"claimed"}) {
		t.Errorf("labels %v", got)
	}
	on, _, err := f.gh.Issues.ListLabelsByIssue(ctx, testOrg, testRepo, n, nil)
	if err != nil || len(on) != 1 {
		t.Errorf("list on issue: %v %v", on, err)
	}

	created, _, err := f.gh.Issues.CreateLabel(ctx, testOrg, testRepo, &github.Label{Name: ptr("help wanted"), Color: ptr("008672")})
	if err != nil || created.GetColor() != "008672" {
		t.Errorf("create: %v %v", created, err)
	}
	_, _, err = f.gh.Issues.CreateLabel(ctx, testOrg, testRepo, &github.Label{Name: ptr("foo"), Color: ptr("invalid")})
	e, isErr := err.(*github.ErrorResponse)
	if !isErr || e.Response.StatusCode != 422 || e.Message != "Validation Failed" ||
		e.Errors[0] != (github.Error{Resource: "Label", Code: "invalid", Field: "color"}) {
		t.Errorf("invalid color must answer like GitHub's fixture: %v", err)
	}
	if _, _, err := f.gh.Issues.CreateLabel(ctx, testOrg, testRepo, &github.Label{Name: ptr("HELP WANTED")}); statusOf(err) != 422 {
		t.Errorf("duplicate label: %v", err)
	}
}

func TestAssignees(t *testing.T) {
	f := newFixture(t, Options{})
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	is, _, err := f.gh.Issues.AddAssignees(ctx, testOrg, testRepo, n, []string{"carol", "bob", "maria", "ghost"})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.emu.Assignees(testOrg, testRepo, n); !slices.Equal(got, []string{"carol", "maria"}) {
		t.Errorf("assignees %v (bob has not commented, ghost does not exist)", got)
	}
	if len(is.Assignees) != 2 || is.GetAssignee().GetLogin() != "carol" {
		t.Errorf("answer %v", is.Assignees)
	}
	f.emu.Comment(testOrg, testRepo, n, "bob", "/claim")
	if _, _, err := f.gh.Issues.AddAssignees(ctx, testOrg, testRepo, n, []string{"bob"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.gh.Issues.RemoveAssignees(ctx, testOrg, testRepo, n, []string{"carol"}); err != nil {
		t.Fatal(err)
	}
	if got := f.emu.Assignees(testOrg, testRepo, n); !slices.Equal(got, []string{"maria", "bob"}) {
		t.Errorf("assignees %v", got)
	}
	for login, want := range map[string]bool{"carol": true, "maria": true, "bob": false, "ghost": false} {
		if got, _, err := f.gh.Issues.IsAssignee(ctx, testOrg, testRepo, login); err != nil || got != want {
			t.Errorf("IsAssignee(%s) = %v, %v", login, got, err)
		}
	}
}

func TestTimelineAndReactions(t *testing.T) {
	f := newFixture(t, Options{})
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "bug"})
	f.emu.OpenPullRequest(testOrg, testRepo, "bob", PullOptions{Title: "fix", Body: "Fixes #1"})
	f.emu.OpenPullRequest(testOrg, testRepo, "bob", PullOptions{Title: "see", Body: "related to #1"})
	pr := f.emu.OpenPullRequest(testOrg, testRepo, "carol", PullOptions{Title: "other", Body: "resolves acme/widgets#1"})
	events, _, err := f.gh.Issues.ListIssueTimeline(ctx, testOrg, testRepo, n, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sources []int
	for _, ev := range events {
		if ev.GetEvent() != "cross-referenced" || ev.GetSource().GetIssue().GetRepository().GetFullName() != "acme/widgets" {
			t.Errorf("event %+v", ev)
		}
		sources = append(sources, ev.GetSource().GetIssue().GetNumber())
	}
	if !slices.Equal(sources, []int{2, pr}) {
		t.Errorf("cross references from %v", sources)
	}

	f.emu.AddReaction(testOrg, testRepo, n, "bob", "+1")
	r, resp, err := f.gh.Reactions.CreateIssueReaction(ctx, testOrg, testRepo, n, "eyes")
	if err != nil || resp.StatusCode != 201 || r.GetUser().GetLogin() != "mentorbot[bot]" {
		t.Fatalf("react: %v %v", r, err)
	}
	if _, resp, _ := f.gh.Reactions.CreateIssueReaction(ctx, testOrg, testRepo, n, "eyes"); resp.StatusCode != 200 {
		t.Errorf("same reaction again: %d, want 200", resp.StatusCode)
	}
	list, _, err := f.gh.Reactions.ListIssueReactions(ctx, testOrg, testRepo, n, nil)
	if err != nil || len(list) != 2 || list[0].GetUser().GetLogin() != "bob" {
		t.Errorf("reactions %v %v", list, err)
	}
	raw, body := f.do(t, "GET", "/repos/acme/widgets/issues/1/reactions?content=eyes", "token "+f.token(t), nil)
	if raw.StatusCode != 200 || len(decodeList(t, body)) != 1 {
		t.Errorf("content filter: %d %s", raw.StatusCode, body)
	}
	is, _, _ := f.gh.Issues.Get(ctx, testOrg, testRepo, n)
	if is.GetReactions().GetTotalCount() != 2 || is.GetReactions().GetPlusOne() != 1 {
		t.Errorf("rollup %+v", is.GetReactions())
	}
	c := f.emu.Comment(testOrg, testRepo, n, "alice", "thanks")
	f.emu.AddCommentReaction(testOrg, testRepo, c, "carol", "heart")
	cl, _, err := f.gh.Reactions.ListIssueCommentReactions(ctx, testOrg, testRepo, c, nil)
	if err != nil || len(cl) != 1 || cl[0].GetContent() != "heart" {
		t.Errorf("comment reactions %v %v", cl, err)
	}
	if _, _, err := f.gh.Reactions.CreateIssueReaction(ctx, testOrg, testRepo, n, "party"); statusOf(err) != 422 {
		t.Errorf("unknown reaction: %v", err)
	}
}
