package ghemu

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
)

func TestPagination(t *testing.T) {
	f := newFixture(t, Options{})
	for i := range 7 {
		f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "issue " + strconv.Itoa(i+1)})
	}
	var seen []int
	opt := &github.IssueListByRepoOptions{ListOptions: github.ListOptions{PerPage: 3}}
	for pages := 0; ; pages++ {
		list, resp, err := f.gh.Issues.ListByRepo(ctx, testOrg, testRepo, opt)
		if err != nil {
			t.Fatal(err)
		}
		if pages == 0 && (resp.LastPage != 3 || resp.FirstPage != 0) {
			t.Errorf("first page links: last %d first %d", resp.LastPage, resp.FirstPage)
		}
		if pages == 1 && (resp.PrevPage != 1 || resp.FirstPage != 1 || resp.NextPage != 3) {
			t.Errorf("middle page links: %q", resp.Header.Get("Link"))
		}
		for _, is := range list {
			seen = append(seen, is.GetNumber())
		}
		if resp.NextPage == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	if len(seen) != 7 || seen[0] != 7 || seen[6] != 1 {
		t.Errorf("pages gave %v", seen)
	}
	resp, body := f.do(t, "GET", "/repos/acme/widgets/issues?per_page=3&page=9", "token "+f.token(t), nil)
	if resp.StatusCode != 200 || string(body) != "[]" {
		t.Errorf("past the end: %d %s", resp.StatusCode, body)
	}
}

func TestConditionalRequestsAreFree(t *testing.T) {
	f := newFixture(t, Options{})
	tok := "token " + f.token(t)
	resp, _ := f.do(t, "GET", "/repos/acme/widgets", tok, nil)
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Cache-Control") != "private, max-age=60, s-maxage=60" {
		t.Fatalf("headers %v", resp.Header)
	}
	remaining := resp.Header.Get("X-RateLimit-Remaining")
	again, body := f.do(t, "GET", "/repos/acme/widgets", tok, nil, "If-None-Match", etag)
	if again.StatusCode != 304 || len(body) != 0 || again.Header.Get("X-RateLimit-Remaining") != remaining {
		t.Errorf("conditional: %d, remaining %s then %s", again.StatusCode, remaining, again.Header.Get("X-RateLimit-Remaining"))
	}
	f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "changes the repository"})
	changed, _ := f.do(t, "GET", "/repos/acme/widgets", tok, nil, "If-None-Match", etag)
	if changed.StatusCode != 200 || changed.Header.Get("X-RateLimit-Remaining") == remaining {
		t.Errorf("changed resource: %d", changed.StatusCode)
	}
	calls := f.emu.Calls()
	if c := calls[len(calls)-2]; !c.Conditional || c.Status != 304 || c.InstallationID != testInstID || c.Auth != AuthToken {
		t.Errorf("recorded %+v", c)
	}
}

func TestCommonHeadersAndErrors(t *testing.T) {
	f := newFixture(t, Options{})
	tok := "token " + f.token(t)
	resp, body := f.do(t, "GET", "/repos/acme/widgets/nonsense", tok, nil)
	if resp.StatusCode != 404 || message(t, body) != "Not Found" || !strings.Contains(string(body), "documentation_url") {
		t.Errorf("unknown route: %d %s", resp.StatusCode, body)
	}
	for _, h := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Used", "X-RateLimit-Resource", "X-GitHub-Request-Id"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
	if resp.Header.Get("X-RateLimit-Limit") != "5000" || resp.Header.Get("X-RateLimit-Resource") != "core" {
		t.Errorf("rate headers %v", resp.Header)
	}
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/v3/repos/acme/widgets/issues", strings.NewReader("{not json"))
	req.Header.Set("Authorization", tok)
	bad, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	bad.Body.Close()
	if bad.StatusCode != 400 {
		t.Errorf("broken JSON: %d", bad.StatusCode)
	}
}

func TestRateLimitBudget(t *testing.T) {
	f := newFixture(t, Options{RateLimit: 3})
	for range 3 {
		if _, _, err := f.gh.Repositories.Get(ctx, testOrg, testRepo); err != nil {
			t.Fatal(err)
		}
	}
	limits, _, err := f.gh.RateLimit.Get(ctx)
	if err != nil || limits.Core.Remaining != 0 || limits.Core.Limit != 3 || limits.Search.Limit != 30 {
		t.Fatalf("rate_limit %+v %v", limits, err)
	}
	_, _, err = f.gh.Repositories.Get(ctx, testOrg, testRepo)
	var rl *github.RateLimitError
	if !errors.As(err, &rl) {
		t.Errorf("go-github must see the spent budget: %v", err)
	}
	resp, body := f.do(t, "GET", "/repos/acme/widgets", "token "+f.token(t), nil)
	if resp.StatusCode != 403 || resp.Header.Get("X-RateLimit-Remaining") != "0" ||
		message(t, body) != "API rate limit exceeded for installation ID 7." {
		t.Errorf("spent budget: %d %s", resp.StatusCode, body)
	}
}

func TestGraphQLRoute(t *testing.T) {
	f := newFixture(t, Options{})
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/graphql", strings.NewReader(`{"query":"{viewer{login}}"}`))
	req.Header.Set("Authorization", "bearer "+f.token(t))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("X-RateLimit-Resource") != "graphql" {
		t.Errorf("graphql: %d %v", resp.StatusCode, resp.Header)
	}
	calls := f.emu.Calls()
	if c := calls[len(calls)-1]; c.Kind != "graphql" || c.Path != "/api/graphql" || string(c.Body) != `{"query":"{viewer{login}}"}` {
		t.Errorf("recorded %+v", c)
	}
	anon, _ := http.Post(f.srv.URL+"/api/graphql", "application/json", strings.NewReader(`{}`))
	anon.Body.Close()
	if anon.StatusCode != 401 {
		t.Errorf("graphql without a token: %d", anon.StatusCode)
	}
}
