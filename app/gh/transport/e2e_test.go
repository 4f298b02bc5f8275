package transport

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/gregjones/httpcache"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
	"github.com/shurcooL/githubv4"
)

// fakeGitHub answers the installation token endpoint and a few API calls,
// recording what reached it.
type fakeGitHub struct {
	srv      *httptest.Server
	throttle *fakeClock // read to stamp GraphQL arrivals

	mu       sync.Mutex
	comments []received
	issueGET []received
	graphql  map[string][]time.Duration // by User-Agent, since epoch
}

func newFakeGitHub(t *testing.T, throttle *fakeClock) *fakeGitHub {
	t.Helper()
	f := &fakeGitHub{throttle: throttle, graphql: map[string][]time.Duration{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v3/app/installations/{id}/access_tokens", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			http.Error(w, `{"message":"A JSON web token could not be decoded"}`, http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]any{"token": "ghs_secret" + r.PathValue("id"), "expires_at": time.Now().Add(time.Hour)})
	})
	mux.HandleFunc("POST /api/v3/repos/o/r/issues/1/comments", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.comments = append(f.comments, record(r))
		first := len(f.comments) == 1
		f.mu.Unlock()
		if first {
			http.Error(w, "upstream timed out", http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":101,"body":"Welcome!"}`)
	})
	mux.HandleFunc("GET /api/v3/repos/o/r/issues/1", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.issueGET = append(f.issueGET, record(r))
		f.mu.Unlock()
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Cache-Control", "private, max-age=60")
		w.Header().Set("X-RateLimit-Resource", "core")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.Header().Set("X-RateLimit-Remaining", "4998")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("X-RateLimit-Remaining", "4999")
		_, _ = io.WriteString(w, `{"number":1,"title":"Fix the docs"}`)
	})
	mux.HandleFunc("GET /api/v3/repos/o/r", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(epoch.Add(time.Hour).Unix(), 10))
		http.Error(w, `{"message":"API rate limit exceeded for installation ID 42."}`, http.StatusForbidden)
	})
	mux.HandleFunc("POST /api/graphql", func(w http.ResponseWriter, r *http.Request) {
		rec := record(r)
		f.mu.Lock()
		f.graphql[rec.header.Get("User-Agent")] = append(f.graphql[rec.header.Get("User-Agent")], f.throttle.Now().Sub(epoch))
		f.mu.Unlock()
		if strings.Contains(rec.body, "mutation") {
			_, _ = io.WriteString(w, `{"data":{"addComment":{"clientMutationId":null}}}`)
			return
		}
		_, _ = io.WriteString(w, `{"data":{"viewer":{"login":"mentorbot[bot]"}}}`)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// seen returns copies of what the fake received.
func (f *fakeGitHub) seen() (comments, issueGET []received, graphql map[string][]time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	graphql = map[string][]time.Duration{}
	for k, v := range f.graphql {
		graphql[k] = slices.Clone(v)
	}
	return slices.Clone(f.comments), slices.Clone(f.issueGET), graphql
}

func record(r *http.Request) received {
	body, _ := io.ReadAll(r.Body)
	return received{r.Method, r.URL.Path, string(body), r.Header.Clone()}
}

// harness is a go-githubapp client creator with this package's middleware,
// pointed at a fakeGitHub.
type harness struct {
	github        *fakeGitHub
	creator       githubapp.ClientCreator
	reg           *prometheus.Registry
	retryClock    *fakeClock
	throttleClock *fakeClock
	log           *bytes.Buffer
	ctx           context.Context
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	h := &harness{reg: prometheus.NewPedanticRegistry(), retryClock: newFakeClock(), throttleClock: newFakeClock(), log: &bytes.Buffer{}}
	h.github = newFakeGitHub(t, h.throttleClock)
	graphqlURL := h.github.srv.URL + "/api/graphql"
	stack := Stack(h.reg,
		RetryOptions{Clock: h.retryClock, Jitter: noJitter, GraphQLURL: graphqlURL},
		ThrottleOptions{Clock: h.throttleClock, GraphQLURL: graphqlURL})
	h.creator = githubapp.NewClientCreator(h.github.srv.URL+"/api/v3/", graphqlURL, 1, pemKey,
		githubapp.WithClientUserAgent("mentorbot-test/1.0"),
		githubapp.WithClientCaching(true, func() httpcache.Cache { return httpcache.NewMemoryCache() }),
		githubapp.WithClientMiddleware(stack...),
	)
	h.ctx = zerolog.New(h.log).Level(zerolog.DebugLevel).WithContext(context.Background())
	return h
}

// A write that GitHub answers with 502 may have landed: it reaches the
// caller after one attempt, and the caller's own retry is another write.
func TestEndToEndRESTWriteIsNotRetried(t *testing.T) {
	h := newHarness(t)
	client, err := h.creator.NewInstallationClient(42)
	if err != nil {
		t.Fatal(err)
	}
	_, res, err := client.Issues.CreateComment(h.ctx, "o", "r", 1, &github.IssueComment{Body: github.String("Welcome!")})
	if err == nil || res == nil || res.StatusCode != http.StatusBadGateway {
		t.Fatalf("first CreateComment() = %v, %v; want the 502", res, err)
	}
	if comments, _, _ := h.github.seen(); len(comments) != 1 {
		t.Fatalf("comment POSTs after a 502 = %d, want 1", len(comments))
	}
	comment, _, err := client.Issues.CreateComment(h.ctx, "o", "r", 1, &github.IssueComment{Body: github.String("Welcome!")})
	if err != nil {
		t.Fatalf("second CreateComment() error = %v", err)
	}
	if comment.GetID() != 101 {
		t.Errorf("comment ID = %d, want 101", comment.GetID())
	}
	comments, _, _ := h.github.seen()
	if len(comments) != 2 {
		t.Fatalf("comment POSTs = %d, want 2", len(comments))
	}
	for i, c := range comments {
		if c.body != comments[0].body || !strings.Contains(c.body, "Welcome!") {
			t.Errorf("attempt %d body = %q, want the same comment each time", i+1, c.body)
		}
		if got := c.header.Get("Authorization"); got != "token ghs_secret42" {
			t.Errorf("attempt %d Authorization = %q, want the installation token", i+1, got)
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
	if strings.Contains(h.log.String(), "ghs_secret") || strings.Count(h.log.String(), "\n") != 2 {
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
	_, gets, _ := h.github.seen()
	if len(gets) != 2 || gets[1].header.Get("If-None-Match") != `"v1"` {
		t.Fatalf("server saw %d GETs, want 2, the second conditional", len(gets))
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

func TestEndToEndRateLimitReachesTheCaller(t *testing.T) {
	h := newHarness(t)
	client, err := h.creator.NewInstallationClient(42)
	if err != nil {
		t.Fatal(err)
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
	mutate := func(id int64) {
		t.Helper()
		var m struct {
			AddComment struct{ ClientMutationID *string } `graphql:"addComment(input: $input)"`
		}
		in := githubv4.AddCommentInput{SubjectID: githubv4.ID("I_1"), Body: githubv4.String("Welcome!")}
		if err := v4[id].Mutate(h.ctx, &m, in, nil); err != nil {
			t.Fatalf("Mutate() for installation %d: %v", id, err)
		}
	}
	query := func(id int64) {
		t.Helper()
		var q struct{ Viewer struct{ Login string } }
		if err := v4[id].Query(h.ctx, &q, nil); err != nil || q.Viewer.Login != "mentorbot[bot]" {
			t.Fatalf("Query() for installation %d = %q, %v", id, q.Viewer.Login, err)
		}
	}
	mutate(42)
	mutate(42)
	mutate(7)
	query(42)

	_, _, arrivals := h.github.seen()
	ua := func(id int64) string { return fmt.Sprintf("mentorbot-test/1.0 (installation: %d)", id) }
	if want := []time.Duration{0, time.Second, time.Second}; !slices.Equal(arrivals[ua(42)], want) {
		t.Errorf("installation 42 arrivals = %v, want %v (two mutations 1 s apart, then a query at once)", arrivals[ua(42)], want)
	}
	if want := []time.Duration{time.Second}; !slices.Equal(arrivals[ua(7)], want) {
		t.Errorf("installation 7 arrivals = %v, want %v (no wait for installation 42)", arrivals[ua(7)], want)
	}
}
