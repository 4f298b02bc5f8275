package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/gregjones/httpcache"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
	"github.com/shurcooL/githubv4"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/ghemu/ghemutest"
)

// harness is a go-githubapp client creator with this package's middleware,
// pointed at the GitHub emulator (app/ghemu), whose clock is the
// throttle's: a call's recorded time is when the throttle let it go.
// Installation 42 is on o/r, installation 7 on p/q; each holds issue 1
// and discussion 2.
type harness struct {
	emu           *ghemu.Emulator
	creator       githubapp.ClientCreator
	reg           *prometheus.Registry
	retryClock    *fakeClock
	throttleClock *fakeClock
	log           *bytes.Buffer
	ctx           context.Context
}

func newHarness(t *testing.T, opts ...func(*ghemu.Options)) *harness {
	t.Helper()
	h := &harness{reg: prometheus.NewPedanticRegistry(), retryClock: newFakeClock(), throttleClock: newFakeClock(), log: &bytes.Buffer{}}
	// Credentials are checked on the wall clock, as go-githubapp signs them.
	emu := ghemutest.New(t, func(o *ghemu.Options) {
		o.Now, o.CredentialsNow = h.throttleClock.Now, time.Now
		for _, f := range opts {
			f(o)
		}
	})
	for _, in := range []struct {
		id          int64
		owner, repo string
	}{{42, "o", "r"}, {7, "p", "q"}} {
		emu.AddOrg(in.owner)
		emu.AddRepo(in.owner, in.repo, ghemu.RepoOptions{})
		emu.AddInstallation(in.id, in.owner, in.repo)
		emu.OpenIssue(in.owner, in.repo, "newcomer", ghemu.IssueOptions{Title: "Fix the docs"})
		emu.SetDiscussions(in.owner, in.repo, true)
		emu.OpenDiscussion(in.owner, in.repo, "General", "newcomer", "Hello", "Where do I start?")
	}
	h.emu = emu
	graphqlURL := emu.URL() + "/api/graphql"
	stack := Stack(h.reg,
		RetryOptions{Clock: h.retryClock, Jitter: noJitter, GraphQLURL: graphqlURL},
		ThrottleOptions{Clock: h.throttleClock, GraphQLURL: graphqlURL})
	h.creator = githubapp.NewClientCreator(emu.URL()+"/api/v3/", graphqlURL, 1, emu.PrivateKeyPEM(),
		githubapp.WithClientUserAgent("mentorbot-test/1.0"),
		githubapp.WithClientCaching(true, func() httpcache.Cache { return httpcache.NewMemoryCache() }),
		githubapp.WithClientMiddleware(stack...),
	)
	h.ctx = zerolog.New(h.log).Level(zerolog.DebugLevel).WithContext(context.Background())
	return h
}

// calls are the API calls that reached the emulator with method and path.
func (h *harness) calls(method, path string) []ghemu.Call {
	var out []ghemu.Call
	for _, c := range h.emu.Calls() {
		if c.Method == method && c.Path == path {
			out = append(out, c)
		}
	}
	return out
}

// A write that GitHub answers with 502 may have landed: it reaches the
// caller after one attempt, and the caller's own retry is another write.
func TestEndToEndRESTWriteIsNotRetried(t *testing.T) {
	h := newHarness(t)
	client, err := h.creator.NewInstallationClient(42)
	if err != nil {
		t.Fatal(err)
	}
	// GitHub takes the comment, then answers 502.
	h.emu.InjectFault(ghemu.Fault{Method: http.MethodPost, Path: "/repos/o/r/issues/1/comments", AfterWrite: true, Times: 1})
	_, res, err := client.Issues.CreateComment(h.ctx, "o", "r", 1, &github.IssueComment{Body: github.String("Welcome!")})
	if err == nil || res == nil || res.StatusCode != http.StatusBadGateway {
		t.Fatalf("first CreateComment() = %v, %v; want the 502", res, err)
	}
	if posts := h.calls(http.MethodPost, "/repos/o/r/issues/1/comments"); len(posts) != 1 {
		t.Fatalf("comment POSTs after a 502 = %d, want 1", len(posts))
	}
	comment, _, err := client.Issues.CreateComment(h.ctx, "o", "r", 1, &github.IssueComment{Body: github.String("Welcome!")})
	if err != nil {
		t.Fatalf("second CreateComment() error = %v", err)
	}
	// The caller's retry is a second write: the first had landed.
	landed := h.emu.Comments("o", "r", 1)
	if len(landed) != 2 || comment.GetID() != landed[1].ID {
		t.Fatalf("comments on GitHub = %+v; want the landed one and the retry's (ID %d)", landed, comment.GetID())
	}
	posts := h.calls(http.MethodPost, "/repos/o/r/issues/1/comments")
	if len(posts) != 2 {
		t.Fatalf("comment POSTs = %d, want 2", len(posts))
	}
	for i, c := range posts {
		if string(c.Body) != string(posts[0].Body) || !strings.Contains(string(c.Body), "Welcome!") {
			t.Errorf("attempt %d body = %q, want the same comment each time", i+1, c.Body)
		}
		if c.Auth != ghemu.AuthToken || c.InstallationID != 42 {
			t.Errorf("attempt %d authenticated as %s of installation %d, want installation 42's token", i+1, c.Auth, c.InstallationID)
		}
	}
	if len(h.retryClock.Sleeps()) != 0 {
		t.Errorf("retry waits = %v, want none", h.retryClock.Sleeps())
	}
	// The second write waits for installation 42's next slot.
	if want := []time.Duration{time.Second}; !slices.Equal(h.throttleClock.Sleeps(), want) {
		t.Errorf("throttle waits = %v, want %v", h.throttleClock.Sleeps(), want)
	}
	want := `
# HELP mentorbot_github_requests_total GitHub API requests by method and status code ("error" when no answer came).
# TYPE mentorbot_github_requests_total counter
mentorbot_github_requests_total{method="POST",status="201"} 1
mentorbot_github_requests_total{method="POST",status="502"} 1
`
	if err := testutil.GatherAndCompare(h.reg, strings.NewReader(want), "mentorbot_github_requests_total"); err != nil {
		t.Error(err)
	}
	if strings.Contains(h.log.String(), "ghs_") || strings.Count(h.log.String(), "\n") != 2 {
		t.Errorf("log should have two lines and no token:\n%s", h.log)
	}
}

func TestEndToEndConditionalRequestCountsAsCached(t *testing.T) {
	h := newHarness(t)
	client, err := h.creator.NewInstallationClient(42)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		issue, _, err := client.Issues.Get(h.ctx, "o", "r", 1)
		if err != nil {
			t.Fatalf("Get() #%d error = %v", i+1, err)
		}
		if issue.GetTitle() != "Fix the docs" {
			t.Errorf("Get() #%d title = %q", i+1, issue.GetTitle())
		}
	}
	gets := h.calls(http.MethodGet, "/repos/o/r/issues/1")
	if len(gets) != 2 || !gets[1].Conditional || gets[1].Status != http.StatusNotModified {
		t.Fatalf("GitHub saw %d GETs, want 2, the second conditional and answered 304: %+v", len(gets), gets)
	}
	// httpcache turns the 304 into the stored 200 below the middleware.
	want := `
# HELP mentorbot_github_cached_responses_total GitHub API answers served from the HTTP cache, revalidated or not.
# TYPE mentorbot_github_cached_responses_total counter
mentorbot_github_cached_responses_total 1
# HELP mentorbot_github_rate_limit_remaining Requests left in the current GitHub rate-limit window, by resource.
# TYPE mentorbot_github_rate_limit_remaining gauge
mentorbot_github_rate_limit_remaining{resource="core"} 4999
# HELP mentorbot_github_requests_total GitHub API requests by method and status code ("error" when no answer came).
# TYPE mentorbot_github_requests_total counter
mentorbot_github_requests_total{method="GET",status="200"} 2
`
	if err := testutil.GatherAndCompare(h.reg, strings.NewReader(want),
		"mentorbot_github_cached_responses_total", "mentorbot_github_rate_limit_remaining", "mentorbot_github_requests_total"); err != nil {
		t.Error(err)
	}
}

// An installation that spent its hourly budget gets GitHub's primary
// rate-limit answer, which reaches the caller at once.
func TestEndToEndRateLimitReachesTheCaller(t *testing.T) {
	h := newHarness(t, func(o *ghemu.Options) { o.RateLimit = 1 })
	client, err := h.creator.NewInstallationClient(42)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := client.Issues.Get(h.ctx, "o", "r", 1); err != nil {
		t.Fatalf("the budget's one call: %v", err)
	}
	_, _, err = client.Repositories.Get(h.ctx, "o", "r")
	var limit *RateLimitError
	if !errors.As(err, &limit) {
		t.Fatalf("Get() error = %v, want a *RateLimitError", err)
	}
	if want := epoch.Add(time.Hour); !limit.Until.Equal(want) || limit.Secondary {
		t.Errorf("RateLimitError = %+v, want a primary limit until %v", limit, want)
	}
	if until, ok := RateLimitedUntil(err, epoch); !ok || !until.Equal(limit.Until) {
		t.Errorf("RateLimitedUntil() = %v, %v", until, ok)
	}
	if len(h.retryClock.Sleeps()) != 0 {
		t.Errorf("waited %v in-process, want no wait beyond MaxWait", h.retryClock.Sleeps())
	}
}

func TestEndToEndGraphQLMutationsThrottledPerInstallation(t *testing.T) {
	h := newHarness(t)
	v4 := map[int64]*githubv4.Client{}
	for _, id := range []int64{42, 7} {
		c, err := h.creator.NewInstallationV4Client(id)
		if err != nil {
			t.Fatal(err)
		}
		v4[id] = c
	}
	subject := map[int64]string{42: h.emu.Discussion("o", "r", 2).NodeID, 7: h.emu.Discussion("p", "q", 2).NodeID}
	mutate := func(id int64) {
		t.Helper()
		var m struct {
			AddDiscussionComment struct{ ClientMutationID *string } `graphql:"addDiscussionComment(input: $input)"`
		}
		in := githubv4.AddDiscussionCommentInput{DiscussionID: githubv4.ID(subject[id]), Body: githubv4.String("Welcome!")}
		if err := v4[id].Mutate(h.ctx, &m, in, nil); err != nil {
			t.Fatalf("Mutate() for installation %d: %v", id, err)
		}
	}
	query := func(id int64) {
		t.Helper()
		var q struct {
			Repository struct{ Name string } `graphql:"repository(owner: \"o\", name: \"r\")"`
		}
		if err := v4[id].Query(h.ctx, &q, nil); err != nil || q.Repository.Name != "r" {
			t.Fatalf("Query() for installation %d = %q, %v", id, q.Repository.Name, err)
		}
	}
	mutate(42)
	mutate(42)
	mutate(7)
	query(42)

	arrivals := map[string][]time.Duration{} // by User-Agent, since epoch on the throttle's clock
	for _, c := range h.calls(http.MethodPost, "/api/graphql") {
		arrivals[c.UserAgent] = append(arrivals[c.UserAgent], c.Time.Sub(epoch))
	}
	ua := func(id int64) string { return fmt.Sprintf("mentorbot-test/1.0 (installation: %d)", id) }
	if want := []time.Duration{0, time.Second, time.Second}; !slices.Equal(arrivals[ua(42)], want) {
		t.Errorf("installation 42 arrivals = %v, want %v (two mutations 1 s apart, then a query at once)", arrivals[ua(42)], want)
	}
	if want := []time.Duration{time.Second}; !slices.Equal(arrivals[ua(7)], want) {
		t.Errorf("installation 7 arrivals = %v, want %v (no wait for installation 42)", arrivals[ua(7)], want)
	}
}
