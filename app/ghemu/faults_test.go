package ghemu

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
)

func TestFaultServerErrorsThenSuccess(t *testing.T) {
	f := newFixture(t, Options{})
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "q"})
	f.emu.InjectFault(Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", Status: 502, Times: 2})
	for i := range 2 {
		_, _, err := f.gh.Issues.CreateComment(ctx, testOrg, testRepo, n, &github.IssueComment{Body: ptr("hi")})
		if statusOf(err) != 502 {
			t.Fatalf("try %d: %v", i, err)
		}
	}
	if len(f.emu.Comments(testOrg, testRepo, n)) != 0 {
		t.Fatal("a faulted call changed state")
	}
	if _, _, err := f.gh.Issues.CreateComment(ctx, testOrg, testRepo, n, &github.IssueComment{Body: ptr("hi")}); err != nil {
		t.Fatalf("third try: %v", err)
	}
	var statuses []int
	for _, c := range f.emu.Calls() {
		if c.Method == "POST" && c.Path == "/repos/acme/widgets/issues/1/comments" {
			statuses = append(statuses, c.Status)
		}
	}
	if len(statuses) != 3 || statuses[0] != 502 || statuses[2] != 201 {
		t.Errorf("recorded statuses %v", statuses)
	}
}

func TestFaultSecondaryRateLimit(t *testing.T) {
	f := newFixture(t, Options{})
	remove := f.emu.InjectFault(Fault{Path: "/repos/acme/widgets", SecondaryRateLimit: true, RetryAfter: 30 * time.Second})
	_, _, err := f.gh.Repositories.Get(ctx, testOrg, testRepo)
	var abuse *github.AbuseRateLimitError
	if !errors.As(err, &abuse) || abuse.GetRetryAfter() != 30*time.Second {
		t.Fatalf("want a secondary rate limit with Retry-After 30s: %v", err)
	}
	remove()
	resp, _ := f.do(t, "GET", "/repos/acme/widgets", "token "+f.token(t), nil)
	if resp.StatusCode != 200 {
		t.Errorf("after remove: %d", resp.StatusCode)
	}
}

func TestFaultPrimaryRateLimit(t *testing.T) {
	f := newFixture(t, Options{})
	f.emu.InjectFault(Fault{Method: "GET", Path: "/repos/*/*", RateLimitReset: true, RetryAfter: time.Minute, Times: 1})
	_, _, err := f.gh.Repositories.Get(ctx, testOrg, testRepo)
	var rl *github.RateLimitError
	if !errors.As(err, &rl) || rl.Rate.Remaining != 0 || time.Until(rl.Rate.Reset.Time) > 2*time.Minute {
		t.Fatalf("want a primary rate limit: %v", err)
	}
}

func TestFaultNotFoundAndSlow(t *testing.T) {
	f := newFixture(t, Options{})
	f.emu.PutFile(testOrg, testRepo, ".github/mentorship.yml", []byte("version: 1"))
	f.emu.InjectFault(Fault{Path: "/repos/acme/widgets/contents/*/*", Status: 404, Times: 1})
	if _, _, _, err := f.gh.Repositories.GetContents(ctx, testOrg, testRepo, ".github/mentorship.yml", nil); statusOf(err) != 404 {
		t.Errorf("404 fault: %v", err)
	}
	f.emu.InjectFault(Fault{Path: "/repos/acme/widgets", Delay: 5 * time.Second})
	impatient := &http.Client{Transport: &bearer{f.token(t)}, Timeout: 50 * time.Millisecond}
	short, _ := github.NewClient(impatient).WithEnterpriseURLs(f.srv.URL+"/api/v3/", f.srv.URL+"/api/uploads/")
	if _, _, err := short.Repositories.Get(ctx, testOrg, testRepo); err == nil {
		t.Error("a slow answer must outlast a short client timeout")
	}
	if _, _, _, err := f.gh.Repositories.GetContents(ctx, testOrg, testRepo, ".github/mentorship.yml", nil); err != nil {
		t.Errorf("other paths are not slowed or faulted once used up: %v", err)
	}
}
