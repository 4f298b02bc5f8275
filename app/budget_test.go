package app

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// budgetMentorship is the organization-wide configuration of the budget
// tests: mentors with room for every newcomer of the tests (nobody waits),
// starter tasks and office hours in octo-org/community.
var budgetMentorship = strings.ReplaceAll(officeHoursMentorship, "    timezone:", "    capacity: 30\n    timezone:") + `good_first_issues:
  labels: ["good first issue"]
  max_claims_per_contributor: 2
  claim_expiry_days: 14
`

// budgetRepo names the i-th repository of a large installation.
func budgetRepo(i int) string { return fmt.Sprintf("repo-%04d", i) }

// newBudgetWorld is an organization of repos repositories (plus widgets,
// community and .github) that all inherit the owner's mentorship.yml,
// with office hours, a few active mentorships (half of them answered) and
// a few active claims. The service that handled the set-up is stopped, so
// that its own scheduler does not run while a test counts requests.
func newBudgetWorld(t *testing.T, repos int) *world {
	t.Helper()
	// A budget the hour cannot exhaust: the tests count requests, they do
	// not test the limit.
	w := newWorld(t, "", func(o *ghemu.Options) { o.RateLimit = 1 << 30 })
	w.emu.AddRepo(org, ".github", ghemu.RepoOptions{})
	w.emu.PutFile(org, ".github", "mentorship.yml", []byte(budgetMentorship))
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
	for i := range repos {
		w.emu.AddRepo(org, budgetRepo(i), ghemu.RepoOptions{})
	}
	w.emu.AddInstallation(installationID, org) // every repository
	// Mentorships in every twentieth repository; the mentor answers every other one.
	for i := 0; i < repos; i += 20 {
		n := w.emu.OpenPullRequest(org, budgetRepo(i), fmt.Sprintf("newcomer-%d", i),
			ghemu.PullOptions{Title: "Fix a typo", Files: []ghemu.PullFile{{Filename: "main.go", Status: "modified", Additions: 1}}})
		w.settle()
		if i%40 == 0 {
			m, err := w.db.GetMentorship(context.Background(), org+"/"+budgetRepo(i), n)
			if err != nil {
				t.Fatalf("no mentorship in %s: %v", budgetRepo(i), err)
			}
			w.emu.Comment(org, budgetRepo(i), n, m.Mentor, "Hello!")
		}
	}
	for i := range 3 {
		n := openStarterTask(w, fmt.Sprintf("Starter task %d", i))
		say(w, n, fmt.Sprintf("claimer-%d", i), "/claim")
		if _, ok := activeClaim(w, n); !ok {
			t.Fatalf("#%d was not claimed", n)
		}
	}
	w.settle()
	w.app.stop()
	return w
}

// scheduleHour runs the scheduled jobs once a minute for minutes minutes
// of a fixed clock starting at start, after one warm-up run that is not
// counted, and returns the GitHub requests of the counted runs. fresh
// builds a new service each minute, as `mentorbot schedule run --now`
// does; otherwise one service runs them all.
func scheduleHour(t *testing.T, w *world, start time.Time, minutes int, fresh bool) []ghemu.Call {
	t.Helper()
	return scheduleHourAfter(t, w, start, 0, minutes, fresh)
}

// scheduleHourAfter is scheduleHour after warm uncounted minutes of runs
// (a service that has been up a while).
func scheduleHourAfter(t *testing.T, w *world, start time.Time, warm, minutes int, fresh bool) []ghemu.Call {
	t.Helper()
	ctx := context.Background()
	now := start
	var a *App
	newApp := func() {
		if a != nil {
			a.Close()
		}
		var err error
		if a, err = New(ctx, w.cfg, zerolog.Nop(), WithClock(func() time.Time { return now })); err != nil {
			t.Fatal(err)
		}
	}
	newApp()
	defer func() { a.Close() }()
	if err := a.RunSchedule(ctx); err != nil {
		t.Fatalf("warm-up run: %v", err)
	}
	for range warm {
		now = now.Add(time.Minute)
		if err := a.RunSchedule(ctx); err != nil {
			t.Errorf("warm-up run at %s: %.300v", now.Format(time.TimeOnly), err)
		}
	}
	w.emu.ResetCalls()
	for range minutes {
		now = now.Add(time.Minute)
		if fresh {
			newApp()
		}
		if err := a.RunSchedule(ctx); err != nil {
			t.Errorf("run at %s: %.300v", now.Format(time.TimeOnly), err)
		}
	}
	return w.emu.Calls()
}

// callSummary counts requests by method and path, most frequent first.
func callSummary(calls []ghemu.Call) string {
	count := map[string]int{}
	for _, c := range calls {
		count[c.Method+" "+c.Path+" → "+strconv.Itoa(c.Status)]++
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if count[keys[i]] != count[keys[j]] {
			return count[keys[i]] > count[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	for i, k := range keys {
		if i == 10 {
			fmt.Fprintf(&b, "\n  … %d more kinds", len(keys)-10)
			break
		}
		fmt.Fprintf(&b, "\n  %5d %s", count[k], k)
	}
	return b.String()
}

// TestIdleHourRequests prints the GitHub requests of one idle hour of an
// installation of 1,000 repositories that inherit an owner-wide
// configuration with office hours, with active mentorships and claims, for
// the README's performance section. It is slow; run it on demand:
//
//	MENTORBOT_IDLE_HOUR=1 go test -run TestIdleHourRequests -v ./app
func TestIdleHourRequests(t *testing.T) {
	if os.Getenv("MENTORBOT_IDLE_HOUR") == "" {
		t.Skip("set MENTORBOT_IDLE_HOUR=1 to run the idle-hour count")
	}
	repos := 1000
	if n, err := strconv.Atoi(os.Getenv("MENTORBOT_IDLE_HOUR")); err == nil && n > 1 {
		repos = n
	}
	w := newBudgetWorld(t, repos)
	start := time.Now()
	for _, run := range []struct {
		how   string
		warm  int
		fresh bool
	}{
		{"one service, its first hour", 0, false},
		{"one service, up for an hour already", 60, false},
		{"a fresh service each minute (schedule run --now)", 0, true},
	} {
		calls := scheduleHourAfter(t, w, start, run.warm, 60, run.fresh)
		t.Logf("idle hour, %d repositories, %s: %d GitHub requests, %d counted by the installation's rate limit%s",
			repos, run.how, len(calls), countedByInstallation(calls), callSummary(calls))
		start = start.Add(3 * time.Hour)
	}
}

// countedByInstallation counts the requests made with an installation
// token that GitHub's rate limit counts (a 304 is free; the app's own
// requests with its JWT are not the installation's budget).
func countedByInstallation(calls []ghemu.Call) int {
	n := 0
	for _, c := range calls {
		if c.Status != 304 && c.Auth == ghemu.AuthToken {
			n++
		}
	}
	return n
}

// A minute with nothing due makes no GitHub request at all, for an
// installation of hundreds of repositories with an owner-wide
// configuration, office hours, active mentorships and claims. (The only
// other periodic request is the sweep of GitHub's delivery log every
// ReplayInterval, which a minute after the first run is not due.)
func TestIdleMinuteMakesNoGitHubRequest(t *testing.T) {
	if testing.Short() {
		t.Skip("sets up 300 repositories")
	}
	w := newBudgetWorld(t, 300)
	minutes := int(ReplayInterval/time.Minute) - 1
	calls := scheduleHour(t, w, time.Now(), minutes, false)
	if len(calls) != 0 {
		t.Fatalf("%d GitHub requests in idle minutes, want none:%s", len(calls), callSummary(calls))
	}
	// A fresh process each minute knows only what the store keeps: it
	// makes no request as the installation either (a starting process
	// sweeps the app's delivery log, as the app).
	for _, c := range scheduleHour(t, w, time.Now().Add(2*time.Hour), minutes, true) {
		if c.Auth != ghemu.AuthJWT || c.Path != "/app/hook/deliveries" {
			t.Errorf("a fresh process in an idle minute: %s %s → %d as %s", c.Method, c.Path, c.Status, c.Auth)
		}
	}
}
