package gh

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v60/github"
	"github.com/shurcooL/githubv4"

	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/program"
)

const (
	testOrg  = "acme"
	testRepo = "community"
	testInst = 7
)

// recorder keeps the GraphQL documents the client sends.
type recorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	docs []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil && strings.HasSuffix(req.URL.Path, "/graphql") {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(b))
		var in struct{ Query string }
		if err := json.Unmarshal(b, &in); err != nil {
			return nil, err
		}
		r.mu.Lock()
		r.docs = append(r.docs, in.Query)
		r.mu.Unlock()
	}
	return r.next.RoundTrip(req)
}

type fixture struct {
	emu *ghemu.Emulator
	v3  *github.Client
	d   *Discussions
	rec *recorder
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	emu.SetBaseURL(srv.URL)
	emu.AddOrg(testOrg)
	emu.AddRepo(testOrg, testRepo, ghemu.RepoOptions{})
	emu.AddRepo(testOrg, "quiet", ghemu.RepoOptions{})
	emu.AddInstallation(testInst, testOrg, testRepo, "quiet")
	emu.SetDiscussions(testOrg, testRepo, true)
	emu.AddDiscussionCategory(testOrg, testRepo, "Office Hours")

	tr, err := ghinstallation.New(http.DefaultTransport, 1, testInst, emu.PrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	tr.BaseURL = srv.URL + "/api/v3"
	rec := &recorder{next: tr}
	hc := &http.Client{Transport: rec}
	v3, err := github.NewClient(hc).WithEnterpriseURLs(srv.URL+"/api/v3/", srv.URL+"/api/uploads/")
	if err != nil {
		t.Fatal(err)
	}
	v4 := githubv4.NewEnterpriseClient(srv.URL+"/api/graphql", hc)
	return &fixture{emu: emu, v3: v3, d: NewDiscussions(v3, v4), rec: rec}
}

// TestDiscussionDocumentsAreValid runs every GraphQL call against the
// emulator and checks each document sent against GitHub's public schema
// (the emulator's embedded copy of octokit/graphql-schema).
func TestDiscussionDocumentsAreValid(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.d

	repo, err := d.DiscussionRepository(ctx, testOrg, testRepo)
	if err != nil {
		t.Fatal(err)
	}
	var cat gatherings.Category
	for _, c := range repo.Categories {
		if c.Name == "Office Hours" {
			cat = c
		}
	}
	if repo.ID == "" || !repo.DiscussionsEnabled || cat.ID == "" || len(repo.Categories) != 7 {
		t.Fatalf("repository %+v", repo)
	}
	if _, err := d.DiscussionRepository(ctx, testOrg, "missing"); !errors.Is(err, gatherings.ErrUnreachable) {
		t.Fatalf("missing repository: %v", err)
	}
	quiet, err := d.DiscussionRepository(ctx, testOrg, "quiet")
	if err != nil || quiet.DiscussionsEnabled || len(quiet.Categories) != 0 {
		t.Fatalf("repository without discussions: %+v %v", quiet, err)
	}

	post, err := d.CreateDiscussion(ctx, repo.ID, cat.ID, "Office hours", "Agenda\n\n<!-- marker:1 -->")
	if err != nil || post.ID == "" || post.Number == 0 || post.URL == "" {
		t.Fatalf("create: %+v %v", post, err)
	}
	if err := d.UpdateDiscussion(ctx, post.ID, "Office hours (moved)", "New agenda\n\n<!-- marker:1 -->"); err != nil {
		t.Fatal(err)
	}
	found, ok, err := d.FindDiscussion(ctx, testOrg, testRepo, cat.ID, "<!-- marker:1 -->")
	if err != nil || !ok || found.ID != post.ID {
		t.Fatalf("find discussion: %+v %v %v", found, ok, err)
	}
	if _, ok, _ := d.FindDiscussion(ctx, testOrg, testRepo, cat.ID, "<!-- marker:2 -->"); ok {
		t.Fatal("found a marker nobody wrote")
	}

	top := f.emu.CommentOnDiscussion(testOrg, testRepo, post.Number, "newbie", "- [ ] write docs\n/action fix CI")
	f.emu.ReplyToDiscussionComment(testOrg, testRepo, post.Number, top, "ana", "Thanks!")
	f.emu.ReactToDiscussion(testOrg, testRepo, post.Number, "newbie", "THUMBS_UP")
	f.emu.ReactToDiscussion(testOrg, testRepo, post.Number, "ana", "+1")
	f.emu.ReactToDiscussion(testOrg, testRepo, post.Number, "bo", "CONFUSED")

	reply, err := d.AddDiscussionComment(ctx, post.ID, top, "Noted.\n\n<!-- reply:1 -->")
	if err != nil || reply.ID == "" {
		t.Fatalf("reply: %+v %v", reply, err)
	}
	comment, err := d.AddDiscussionComment(ctx, post.ID, "", "Recap\n\n<!-- recap:1 -->")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.UpdateDiscussionComment(ctx, comment.ID, "Recap, edited\n\n<!-- recap:1 -->"); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := d.FindDiscussionComment(ctx, post.ID, "<!-- recap:1 -->"); err != nil || !ok || got.ID != comment.ID {
		t.Fatalf("find comment: %+v %v %v", got, ok, err)
	}
	if got, ok, err := d.FindDiscussionComment(ctx, top, "<!-- reply:1 -->"); err != nil || !ok || got.ID != reply.ID {
		t.Fatalf("find reply: %+v %v %v", got, ok, err)
	}
	if thread, err := d.ThreadOf(ctx, reply.ID); err != nil || thread != top {
		t.Fatalf("thread of a reply: %q %v", thread, err)
	}
	if thread, err := d.ThreadOf(ctx, top); err != nil || thread != top {
		t.Fatalf("thread of a top comment: %q %v", thread, err)
	}

	act, err := d.DiscussionActivity(ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	if act.Attending != 2 || act.Maybe != 1 || len(act.Comments) != 4 {
		t.Fatalf("activity %+v", act)
	}
	if c := act.Comments[0]; c.Author != "newbie" || c.IsBot || !strings.Contains(c.Body, "/action fix CI") || c.CreatedAt.IsZero() {
		t.Fatalf("first comment %+v", c)
	}
	if c := act.Comments[1]; c.Author != "ana" {
		t.Fatalf("reply comes after its comment: %+v", act.Comments)
	}
	if !act.Comments[2].IsBot || !act.Comments[3].IsBot {
		t.Fatalf("the app's own comments are not marked: %+v", act.Comments)
	}

	f.emu.ReactToDiscussionComment(testOrg, testRepo, post.Number, comment.ID, "newbie", "THUMBS_UP")
	f.emu.ReactToDiscussionComment(testOrg, testRepo, post.Number, comment.ID, "bo", "THUMBS_DOWN")
	if up, down, err := d.Pulse(ctx, comment.ID); err != nil || up != 1 || down != 1 {
		t.Fatalf("pulse of a comment: %d %d %v", up, down, err)
	}
	if up, down, err := d.Pulse(ctx, post.ID); err != nil || up != 2 || down != 0 {
		t.Fatalf("pulse of a discussion: %d %d %v", up, down, err)
	}

	if testing.Verbose() {
		for _, doc := range f.rec.docs {
			t.Log(doc)
		}
	}
	seen := map[string]bool{}
	for _, doc := range f.rec.docs {
		if err := ghemu.ValidateDocument(doc); err != nil {
			t.Errorf("document does not validate against GitHub's schema:\n%s\n%v", doc, err)
		}
		seen[operation(doc)] = true
	}
	for _, op := range []string{
		"repository.discussionCategories", "createDiscussion", "updateDiscussion", "repository.discussions",
		"addDiscussionComment", "updateDiscussionComment", "node.comments", "node.replyTo", "node.attending", "node.up",
	} {
		if !seen[op] {
			t.Errorf("no document for %s was sent; sent: %v", op, keys(seen))
		}
	}
}

// operation names a document by its first fields, e.g.
// "repository.discussionCategories" or "createDiscussion".
func operation(doc string) string {
	for _, m := range []string{"createDiscussion", "updateDiscussionComment", "updateDiscussion", "addDiscussionComment"} {
		if strings.Contains(doc, m+"(") {
			return m
		}
	}
	for _, f := range []string{"discussionCategories", "discussions(", "attending:", "up:", "replyTo", "comments("} {
		if strings.Contains(doc, f) {
			root := "node."
			if strings.Contains(doc, "repository(") {
				root = "repository."
			}
			return root + strings.TrimSuffix(strings.TrimSuffix(f, "("), ":")
		}
	}
	return doc
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestIssueNotices(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := program.Repo{Owner: testOrg, Name: testRepo}
	n, err := f.d.CreateIssue(ctx, r, "Office hours: a problem", "What to fix")
	if err != nil || n == 0 {
		t.Fatalf("create issue: %d %v", n, err)
	}
	if err := f.d.CloseIssue(ctx, r, n, "Fixed."); err != nil {
		t.Fatal(err)
	}
	is := f.emu.Issue(testOrg, testRepo, n)
	if is.State != "closed" || len(f.emu.Comments(testOrg, testRepo, n)) != 1 {
		t.Fatalf("issue %+v", is)
	}
}
