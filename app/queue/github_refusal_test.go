package queue

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/store"
)

func githubAnswer(status int, msg string) error {
	return fmt.Errorf("add labels: %w", &github.ErrorResponse{Response: &http.Response{StatusCode: status, Header: http.Header{}}, Message: msg})
}

// GitHub's permanent answers end a delivery at once (a 404 after a few
// tries, for replicas that lag); a 502 and a rate-limit 403 are retried.
func TestGitHubsPermanentAnswersAreNotRetried(t *testing.T) {
	rateLimited := &github.ErrorResponse{Response: &http.Response{StatusCode: 403, Header: http.Header{"Retry-After": {"1"}}},
		Message: "You have exceeded a secondary rate limit"}
	for _, tc := range []struct {
		name     string
		err      error
		wantRuns int // runs before the dead letter; 0: still pending (retried)
	}{
		{"410 issues disabled", githubAnswer(410, "Issues are disabled for this repo"), 1},
		{"422 label too long", githubAnswer(422, "Validation Failed"), 1},
		{"403 permission", githubAnswer(403, "Resource not accessible by integration"), 1},
		{"404 after three tries", githubAnswer(404, "Not Found"), notFoundAttempts},
		{"502 retried", githubAnswer(502, "Server Error"), 0},
		{"403 rate limit retried", fmt.Errorf("x: %w", rateLimited), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := openStore(t)
			p := newProbe(db)
			p.do = func(ctx context.Context, id string, n int) error { return tc.err }
			r := NewRunner(db, []githubapp.EventHandler{p}, RunnerOptions{Workers: 1, Owner: "t", Poll: 5 * time.Millisecond,
				RetryBase: time.Millisecond, RetryMax: time.Millisecond, MaxAttempts: 50, Logger: zerolog.Nop()})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { r.Run(ctx); close(done) }()
			enqueue(t, db, item("d", 1, "o/r", 1))
			r.Wake()
			if tc.wantRuns == 0 {
				waitFor(t, func() bool { return p.count("d") >= notFoundAttempts+2 })
			} else {
				waitFor(t, func() bool { return stateOf(t, db, "d").State == store.StateDead })
			}
			cancel()
			<-done
			d := stateOf(t, db, "d")
			if tc.wantRuns == 0 {
				if d.State == store.StateDead {
					t.Fatalf("a temporary answer was dead-lettered: %s", d.LastError)
				}
				return
			}
			if got := p.count("d"); got != tc.wantRuns {
				t.Fatalf("ran %d times, want %d (%s)", got, tc.wantRuns, d.LastError)
			}
		})
	}
}
