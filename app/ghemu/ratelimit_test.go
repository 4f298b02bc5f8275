package ghemu

import (
	"strconv"
	"testing"
	"time"
)

// An installation's budget can be set low; it then goes down call by call
// as GitHub's does, refuses calls once spent, and opens a full window at
// its reset. Conditional requests answered 304 cost nothing.
func TestSetRateLimitRunsOutAndResets(t *testing.T) {
	clk := &clock{t: time.Now().Truncate(time.Second)}
	f := newFixture(t, Options{Now: clk.Now})
	tok := "token " + f.token(t)
	reset := clk.Now().Add(10 * time.Minute)
	f.emu.SetRateLimit(testInstID, ResourceCore, 2, reset)
	if limit, left, at := f.emu.RateLimit(testInstID, ResourceCore); limit != 5000 || left != 2 || !at.Equal(reset) {
		t.Fatalf("RateLimit = %d, %d, %s", limit, left, at)
	}
	first, _ := f.do(t, "GET", "/repos/acme/widgets", tok, nil)
	etag := first.Header.Get("ETag")
	if got := first.Header.Get("X-RateLimit-Remaining"); got != "1" || first.Header.Get("X-RateLimit-Reset") != strconv.FormatInt(reset.Unix(), 10) {
		t.Fatalf("after one call: remaining %s, reset %s", got, first.Header.Get("X-RateLimit-Reset"))
	}
	// A 304 is free: it does not spend the last call.
	for range 3 {
		if again, _ := f.do(t, "GET", "/repos/acme/widgets", tok, nil, "If-None-Match", etag); again.StatusCode != 304 ||
			again.Header.Get("X-RateLimit-Remaining") != "1" {
			t.Fatalf("conditional: %d, remaining %s", again.StatusCode, again.Header.Get("X-RateLimit-Remaining"))
		}
	}
	if last, _ := f.do(t, "GET", "/repos/acme/widgets/issues", tok, nil); last.StatusCode != 200 || last.Header.Get("X-RateLimit-Remaining") != "0" {
		t.Fatalf("last call: %d, remaining %s", last.StatusCode, last.Header.Get("X-RateLimit-Remaining"))
	}
	if over, body := f.do(t, "GET", "/repos/acme/widgets/issues", tok, nil); over.StatusCode != 403 || message(t, body) != "API rate limit exceeded for installation ID "+itoa64(testInstID)+"." {
		t.Fatalf("over the limit: %d %s", over.StatusCode, body)
	}
	clk.Advance(10 * time.Minute)
	if after, _ := f.do(t, "GET", "/repos/acme/widgets/issues", tok, nil); after.StatusCode != 200 || after.Header.Get("X-RateLimit-Remaining") != "4999" {
		t.Fatalf("after the reset: %d, remaining %s", after.StatusCode, after.Header.Get("X-RateLimit-Remaining"))
	}

}

// Every repeated REST read the service makes (an issue and its comments,
// labels, team members, CODEOWNERS and mentorship.yml, a pull request's
// files, a collaborator's permission) carries an ETag, and asked again
// with If-None-Match answers a 304 that the rate limit does not count.
// (Discussions are read through GraphQL, which has no conditional
// requests; searches are never cached, as on GitHub.)
func TestRepeatedReadsAnswer304ForFree(t *testing.T) {
	f := newFixture(t, Options{})
	f.emu.AddTeam(testOrg, "mentors", "maria")
	f.emu.PutFile(testOrg, testRepo, ".github/CODEOWNERS", []byte("* @acme/mentors\n"))
	f.emu.PutFile(testOrg, testRepo, ".github/mentorship.yml", []byte("version: 1\n"))
	n := f.emu.OpenIssue(testOrg, testRepo, "alice", IssueOptions{Title: "Hello", Labels: []string{"bug"}})
	f.emu.Comment(testOrg, testRepo, n, "bob", "Me too")
	pr := f.emu.OpenPullRequest(testOrg, testRepo, "alice", PullOptions{Title: "Fix", Files: []PullFile{{Filename: "a.go", Status: "modified", Additions: 1}}})
	tok := "token " + f.token(t)
	for _, path := range []string{
		"/repos/acme/widgets/issues/" + itoa(n),
		"/repos/acme/widgets/issues/" + itoa(n) + "/comments?per_page=100",
		"/repos/acme/widgets/issues?labels=bug&state=open",
		"/repos/acme/widgets/labels",
		"/repos/acme/widgets/issues/" + itoa(n) + "/labels",
		"/orgs/acme/teams/mentors/members?per_page=100",
		"/repos/acme/widgets/contents/.github/CODEOWNERS",
		"/repos/acme/widgets/contents/.github/mentorship.yml",
		"/repos/acme/widgets/pulls/" + itoa(pr) + "/files?per_page=100",
		"/repos/acme/widgets/collaborators/carol/permission",
	} {
		first, _ := f.do(t, "GET", path, tok, nil)
		etag := first.Header.Get("ETag")
		if first.StatusCode != 200 || etag == "" {
			t.Errorf("GET %s: %d, ETag %q", path, first.StatusCode, etag)
			continue
		}
		again, body := f.do(t, "GET", path, tok, nil, "If-None-Match", etag)
		if again.StatusCode != 304 || len(body) != 0 || again.Header.Get("X-RateLimit-Remaining") != first.Header.Get("X-RateLimit-Remaining") {
			t.Errorf("GET %s again: %d, remaining %s then %s", path, again.StatusCode,
				first.Header.Get("X-RateLimit-Remaining"), again.Header.Get("X-RateLimit-Remaining"))
		}
	}
}
