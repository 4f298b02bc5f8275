package ghemu

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-github/v60/github"
)

const testSecret = "s3cret"

func TestDeliverSignsLikeGitHub(t *testing.T) {
	f := newFixture(t, Options{})
	sink := newHookSink(t)
	f.emu.SetWebhookTarget(sink.srv.URL, testSecret)
	d, err := f.emu.Deliver("ping", map[string]any{"zen": "Keep it logically awesome.", "hook_id": 1})
	if err != nil || d.StatusCode != 200 || d.Status != "OK" || d.GUID == "" {
		t.Fatalf("deliver: %+v %v", d, err)
	}
	h := sink.hooks()[0]
	req, _ := http.NewRequest("POST", "/", bytes.NewReader(h.body))
	req.Header = h.header
	if _, err := github.ValidatePayload(req, []byte(testSecret)); err != nil {
		t.Errorf("sha256 signature: %v", err)
	}
	req, _ = http.NewRequest("POST", "/", bytes.NewReader(h.body))
	req.Header = h.header.Clone()
	req.Header.Del("X-Hub-Signature-256")
	if _, err := github.ValidatePayload(req, []byte(testSecret)); err != nil {
		t.Errorf("sha1 signature: %v", err)
	}
	req, _ = http.NewRequest("POST", "/", bytes.NewReader(h.body))
	req.Header = h.header
	if _, err := github.ValidatePayload(req, []byte("wrong")); err == nil {
		t.Error("a wrong secret must not validate")
	}
	want := map[string]string{
		"X-Github-Event": "ping", "X-Github-Delivery": d.GUID, "Content-Type": "application/json",
		"X-Github-Hook-Installation-Target-Type": "integration",
		"X-Github-Hook-Installation-Target-Id":   strconv.Itoa(testAppID),
		"X-Github-Hook-Id":                       strconv.FormatInt(f.emu.hookID(), 10),
		"User-Agent":                             hookUserAgent,
	}
	for k, v := range want {
		if h.header.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.header.Get(k), v)
		}
	}
	again, err := f.emu.Redeliver(d.ID)
	if err != nil || again.GUID != d.GUID || !again.Redelivery || again.ID == d.ID {
		t.Errorf("redeliver: %+v %v", again, err)
	}
	if got := sink.hooks(); len(got) != 2 || got[1].header.Get("X-GitHub-Delivery") != d.GUID {
		t.Errorf("redelivery must reuse the delivery ID")
	}
}

func TestDeliverToDownTarget(t *testing.T) {
	f := newFixture(t, Options{})
	sink := newHookSink(t)
	url := sink.srv.URL
	sink.srv.Close()
	f.emu.SetWebhookTarget(url, testSecret)
	d, err := f.emu.Deliver("ping", map[string]any{})
	if err == nil || d.StatusCode != 0 || d.Err == "" {
		t.Errorf("down target: %+v %v", d, err)
	}
	if got := f.emu.Deliveries(); len(got) != 1 || got[0].Status != "failed to connect to host" {
		t.Errorf("log %+v", got)
	}
	f.emu.SetWebhookTarget("", "")
	if _, err := f.emu.Deliver("ping", map[string]any{}); err == nil {
		t.Error("no target must be an error")
	}
}

func TestEmitWebhooksForSeedsAndAppWrites(t *testing.T) {
	f := newFixture(t, Options{EmitWebhooks: true})
	sink := newHookSink(t)
	f.emu.SetWebhookTarget(sink.srv.URL, testSecret)
	e := f.emu
	n := e.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q", Labels: []string{"bug"}})
	e.LabelIssue(testOrg, testRepo, n, "carol", "good first issue")
	e.UnlabelIssue(testOrg, testRepo, n, "carol", "bug")
	e.Comment(testOrg, testRepo, n, "alice", "/claim")
	e.AssignIssue(testOrg, testRepo, n, "carol", "alice")
	pr := e.OpenPullRequest(testOrg, testRepo, "bob", PullOptions{Title: "fix", Body: "Fixes #1"})
	e.Review(testOrg, testRepo, pr, "carol", "APPROVED", "")
	e.MergePullRequest(testOrg, testRepo, pr, "carol")
	e.OpenIssue(testOrg, "secret", "alice", IssueOptions{Title: "not installed: no webhook"})
	c, _, err := f.gh.Issues.CreateComment(ctx, testOrg, testRepo, n, &github.IssueComment{Body: ptr("Welcome!")})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.gh.Issues.EditComment(ctx, testOrg, testRepo, c.GetID(), &github.IssueComment{Body: ptr("Welcome!!")}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.gh.Issues.Edit(ctx, testOrg, testRepo, n, &github.IssueRequest{State: ptr("open")}); err != nil {
		t.Fatal(err)
	}
	e.WaitIdle()
	want := []string{
		"issues.opened", "issues.labeled", "issues.labeled", "issues.unlabeled", "issue_comment.created",
		"issues.assigned", "pull_request.opened", "pull_request_review.submitted", "pull_request.closed",
		"issues.closed", "issue_comment.created", "issue_comment.edited", "issues.reopened",
	}
	if got := sink.events(); !slices.Equal(got, want) {
		t.Fatalf("events\n got %v\nwant %v", got, want)
	}
	hooks := sink.hooks()
	botComment := hooks[10].payload
	sender := botComment["sender"].(map[string]any)
	if sender["login"] != "mentorbot[bot]" || sender["type"] != "Bot" {
		t.Errorf("the app's own comment comes from its bot: %v", sender)
	}
	inst := botComment["installation"].(map[string]any)
	if inst["id"] != float64(testInstID) || botComment["organization"] == nil {
		t.Errorf("installation %v organization %v", inst, botComment["organization"])
	}
	merged := hooks[8].payload["pull_request"].(map[string]any)
	if merged["merged"] != true {
		t.Errorf("closed by merge: %v", merged["merged"])
	}
	if label := hooks[2].payload["label"].(map[string]any); label["name"] != "good first issue" {
		t.Errorf("labeled payload label %v", label)
	}
	for _, h := range hooks {
		req, _ := http.NewRequest("POST", "/", bytes.NewReader(h.body))
		req.Header = h.header
		if _, err := github.ValidatePayload(req, []byte(testSecret)); err != nil {
			t.Errorf("%s: %v", h.event, err)
		}
		if _, err := github.ParseWebHook(h.event, h.body); err != nil {
			t.Errorf("go-github cannot parse %s: %v", h.event, err)
		}
	}
	if got := len(f.emu.Deliveries()); got != len(want) {
		t.Errorf("delivery log has %d entries", got)
	}
}

func TestNoWebhooksWithoutEmit(t *testing.T) {
	f := newFixture(t, Options{})
	sink := newHookSink(t)
	f.emu.SetWebhookTarget(sink.srv.URL, testSecret)
	f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	f.emu.WaitIdle()
	if got := sink.hooks(); len(got) != 0 {
		t.Errorf("EmitWebhooks off sent %d webhooks", len(got))
	}
}
