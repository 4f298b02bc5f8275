package ghemu

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

// A write that lands and is then answered 502: state changed, webhooks
// sent, and the caller told it failed.
func TestFaultAfterWrite(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	f.emu.InjectFault(Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", AfterWrite: true, Times: 1})
	f.emu.InjectFault(Fault{Method: "POST", Path: "/repos/*/*/issues/*/labels", AfterWrite: true, Times: 1})
	f.emu.InjectFault(Fault{Path: "/api/graphql", Mutation: "createDiscussion", AfterWrite: true, Times: 1})

	if _, _, err := f.gh.Issues.CreateComment(ctx, testOrg, testRepo, n, &github.IssueComment{Body: ptr("hi")}); statusOf(err) != http.StatusBadGateway {
		t.Fatalf("CreateComment() error = %v, want a 502", err)
	}
	if got := len(f.emu.Comments(testOrg, testRepo, n)); got != 1 {
		t.Errorf("comments after a landed 502 = %d, want 1", got)
	}
	if _, _, err := f.gh.Issues.AddLabelsToIssue(ctx, testOrg, testRepo, n, []string{"first-timer"}); statusOf(err) != http.StatusBadGateway {
		t.Fatalf("AddLabelsToIssue() error = %v, want a 502", err)
	}
	if _, _, err := f.gh.Issues.CreateComment(ctx, testOrg, testRepo, n, &github.IssueComment{Body: ptr("again")}); err != nil {
		t.Errorf("second CreateComment() error = %v, want the fault used up", err)
	}
	labels, _, err := f.gh.Issues.ListLabelsByIssue(ctx, testOrg, testRepo, n, nil)
	if err != nil || len(labels) != 1 || labels[0].GetName() != "first-timer" {
		t.Errorf("labels after a landed 502 = %v, %v; want [first-timer]", labels, err)
	}

	_, ids := f.gql(t, "", `{repository(owner:"acme",name:"community"){id discussionCategories(first:10){nodes{id name}}}}`, nil, "")
	repoID, _ := ids.at("repository", "id").(string)
	catID, _ := ids.at("repository", "discussionCategories", "nodes", 0, "id").(string)
	if repoID == "" || catID == "" {
		t.Fatalf("a query was faulted or found nothing: %s", ids.raw)
	}
	res, _ := f.gql(t, "", `mutation($input: CreateDiscussionInput!){createDiscussion(input:$input){discussion{id}}}`,
		map[string]any{"input": map[string]any{"repositoryId": repoID, "categoryId": catID, "title": "Office hours", "body": "Agenda"}}, "")
	if res.StatusCode != http.StatusBadGateway {
		t.Errorf("createDiscussion status = %d, want 502", res.StatusCode)
	}
	if got := len(f.emu.Discussions(testOrg, communityRepo)); got != 1 {
		t.Errorf("discussions after a landed 502 = %d, want 1", got)
	}
}

func TestBodyAndLabelLimits(t *testing.T) {
	f := newFixture(t, Options{})
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	auth := "token " + f.token(t)
	path := "/repos/acme/widgets/issues/" + itoa(n)

	if res, _ := f.do(t, "POST", path+"/comments", auth, map[string]string{"body": strings.Repeat("é", MaxBodyChars)}); res.StatusCode != http.StatusCreated {
		t.Errorf("a body of %d characters: status %d, want 201", MaxBodyChars, res.StatusCode)
	}
	res, b := f.do(t, "POST", path+"/comments", auth, map[string]string{"body": strings.Repeat("a", MaxBodyChars+1)})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), `"message":"Body is too long (maximum is 65536 characters)"`) ||
		!strings.Contains(string(b), `"resource":"IssueComment"`) || message(t, b) != "Validation Failed" {
		t.Errorf("a body of %d characters: %d %s", MaxBodyChars+1, res.StatusCode, b)
	}
	if res, _ := f.do(t, "POST", path+"/labels", auth, map[string][]string{"labels": {strings.Repeat("x", MaxLabelChars)}}); res.StatusCode != http.StatusOK {
		t.Errorf("a label of %d characters: status %d, want 200", MaxLabelChars, res.StatusCode)
	}
	res, b = f.do(t, "POST", path+"/labels", auth, map[string][]string{"labels": {strings.Repeat("x", MaxLabelChars+1)}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), `"resource":"Label"`) {
		t.Errorf("a label of %d characters: %d %s", MaxLabelChars+1, res.StatusCode, b)
	}
	if got := len(f.emu.Comments(testOrg, testRepo, n)); got != 1 {
		t.Errorf("comments = %d, want 1", got)
	}
}

func TestContentCreationLimits(t *testing.T) {
	c := &clock{t: time.Now()}
	f := newFixture(t, Options{Now: c.Now})
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	auth := "token " + f.token(t)
	path := "/repos/acme/widgets/issues/" + itoa(n) + "/comments"
	write := func() *http.Response {
		res, _ := f.do(t, "POST", path, auth, map[string]string{"body": "hi"})
		return res
	}
	limited := func(what string, res *http.Response, b []byte) {
		t.Helper()
		if res.StatusCode != http.StatusForbidden || res.Header.Get("Retry-After") == "" || !strings.Contains(message(t, b), "secondary rate limit") {
			t.Errorf("%s: %d Retry-After %q %s, want GitHub's secondary rate limit", what, res.StatusCode, res.Header.Get("Retry-After"), b)
		}
	}

	for i := range DefaultContentPerMinute {
		if res := write(); res.StatusCode != http.StatusCreated {
			t.Fatalf("write %d: status %d", i+1, res.StatusCode)
		}
		c.Advance(100 * time.Millisecond)
	}
	res, b := f.do(t, "POST", path, auth, map[string]string{"body": "hi"})
	limited("write 81 within a minute", res, b)
	if res.Header.Get("Retry-After") != "52" { // 80 writes over 8 s: the first leaves the window 52 s later
		t.Errorf("Retry-After = %q, want 52", res.Header.Get("Retry-After"))
	}
	if res, _ := f.do(t, "GET", path, auth, nil); res.StatusCode != http.StatusOK {
		t.Errorf("a read while writes are limited: status %d, want 200", res.StatusCode)
	}
	written := DefaultContentPerMinute
	for written < DefaultContentPerHour {
		c.Advance(time.Minute)
		for range min(DefaultContentPerMinute, DefaultContentPerHour-written) {
			if res := write(); res.StatusCode != http.StatusCreated {
				t.Fatalf("write %d: status %d", written+1, res.StatusCode)
			}
			written++
		}
	}
	c.Advance(time.Minute)
	res, b = f.do(t, "POST", path, auth, map[string]string{"body": "hi"})
	limited("write 501 within an hour", res, b)
	if got := len(f.emu.Comments(testOrg, testRepo, n)); got != DefaultContentPerHour {
		t.Errorf("comments = %d, want %d", got, DefaultContentPerHour)
	}
}

func TestDiscussionBodyLimit(t *testing.T) {
	f := newDiscussionsFixture(t, Options{})
	_, ids := f.gql(t, "", `{repository(owner:"acme",name:"community"){id discussionCategories(first:1){nodes{id}}}}`, nil, "")
	create := `mutation($input: CreateDiscussionInput!){createDiscussion(input:$input){discussion{id}}}`
	input := func(body string) map[string]any {
		return map[string]any{"input": map[string]any{"title": "Office hours", "body": body,
			"repositoryId": ids.at("repository", "id"), "categoryId": ids.at("repository", "discussionCategories", "nodes", 0, "id")}}
	}
	if _, res := f.gql(t, "", create, input(strings.Repeat("a", MaxBodyChars)), ""); len(res.Errors) != 0 {
		t.Errorf("a body of %d characters: %s", MaxBodyChars, res.errorText())
	}
	_, res := f.gql(t, "", create, input(strings.Repeat("a", MaxBodyChars+1)), "")
	if res.errorText() != "Body is too long (maximum is 65536 characters)" {
		t.Errorf("a body of %d characters: errors %q", MaxBodyChars+1, res.errorText())
	}
	if got := len(f.emu.Discussions(testOrg, communityRepo)); got != 1 {
		t.Errorf("discussions = %d, want 1", got)
	}
}
