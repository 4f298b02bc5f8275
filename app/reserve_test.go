package app

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

// deferredTotal is mentorbot_github_deferred_total over every resource.
func deferredTotal(t *testing.T, a *App) float64 {
	t.Helper()
	mfs, err := a.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != "mentorbot_github_deferred_total" {
			continue
		}
		for _, m := range mf.Metric {
			sum += m.GetCounter().GetValue()
		}
	}
	return sum
}

// installationRequests are the calls made as the installation.
func installationRequests(calls []ghemu.Call) []ghemu.Call {
	var out []ghemu.Call
	for _, c := range calls {
		if c.Auth == ghemu.AuthToken && c.InstallationID == installationID {
			out = append(out, c)
		}
	}
	return out
}

// TestReserveDefersWaitableWorkUntilTheReset goes through the service and
// the emulator: with the installation's rate limit below the reserve (500
// of 5,000 left), a newcomer is still welcomed and a /claim still
// answered, while the claim sweep (a reminder to an idle claimer) and the
// office-hours announcement, both due, wait without a single request; once
// GitHub's window resets, that work runs, and runs once.
func TestReserveDefersWaitableWorkUntilTheReset(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the emulator's rate-limit window to reset")
	}
	ctx := context.Background()
	w := newWorld(t, requestsMentorship)
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
	task := openStarterTask(w, "Fix the docs index")
	say(w, task, "claimer", "/claim")
	other := openStarterTask(w, "Add a test")
	w.app.stop()

	// The same store and GitHub, a service on a clock the test moves. The
	// test holds the scheduler lease, so only the runs it makes happen.
	db, err := store.Open(ctx, w.cfg.Database.URL)
	if err != nil {
		t.Fatal(err)
	}
	if held, err := db.AcquireLease(ctx, scheduleLease, "reserve-test", 10*365*24*time.Hour); err != nil || !held {
		t.Fatalf("scheduler lease: %v %v", held, err)
	}
	db.Close()
	var offset atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	r := start(t, w.cfg, WithClock(clock))
	w.emu.SetWebhookTarget(r.url+"/api/github/hook", testSecret)
	w.app, w.db = r, r.app.Store()

	// 500 of 5,000 requests left (the reserve is 1,000) until the reset.
	lowSince := time.Now()
	reset := lowSince.Add(20 * time.Second).Truncate(time.Second)
	for _, res := range []string{ghemu.ResourceCore, ghemu.ResourceGraphQL} {
		w.emu.SetRateLimit(installationID, res, 500, reset)
	}

	// People are still answered.
	pr := w.openPR("newcomer")
	w.settle()
	w.welcome(pr)
	say(w, other, "second", "/claim")
	only(w, other, "command-reply:")
	// The mentors answer, so that no follow-up (which is not work that can
	// wait: it reminds people) is due later.
	for _, n := range []int{pr, task, other} {
		say(w, n, w.mentorOf(n), "Hello! Ask me anything.")
	}

	// A month on, office hours are due to be announced and the idle
	// claimer to be reminded.
	s := nextSession(t)
	offset.Store(int64(time.Until(s.Start.Add(-72 * time.Hour))))
	w.emu.ResetCalls()
	before := deferredTotal(t, r.app)
	if err := r.app.RunSchedule(ctx); err != nil {
		t.Fatalf("a deferred run: %v", err)
	}
	w.settle()
	t.Logf("the low-budget phase took %s; the reset is at %s", time.Since(lowSince).Round(time.Millisecond), reset.Format(time.TimeOnly))
	if time.Now().After(reset) {
		t.Fatalf("the deferred run ended after the reset at %s: the machine is too slow for this test's 20 s window", reset.Format(time.TimeOnly))
	}
	for _, c := range installationRequests(w.emu.Calls()) {
		// The handover job (not work that can wait: it looks after
		// people) checks the configuration, a free 304. Nothing else.
		if c.Method == "GET" && c.Status == 304 && c.Path == "/repos/"+org+"/"+repoName+"/contents/.github/mentorship.yml" {
			continue
		}
		t.Errorf("a request while the budget is below the reserve: %s %s → %d", c.Method, c.Path, c.Status)
	}
	if got := deferredTotal(t, r.app) - before; got < 2 {
		t.Errorf("mentorbot_github_deferred_total rose by %v, want the sweep and the announcement at least", got)
	}
	if n := len(w.inCategory("Office Hours")); n != 0 {
		t.Fatalf("%d announcements while deferred", n)
	}
	if got := withMarker(w, task, "claim-remind:"); len(got) != 0 {
		t.Fatalf("the idle claimer was reminded while deferred: %q", got)
	}
	if _, left, _ := w.emu.RateLimit(installationID, ghemu.ResourceCore); left < 400 {
		t.Errorf("%d requests left after the deferred run", left)
	}

	// GitHub's window resets: the next run does the deferred work, and a
	// run after it finds nothing left to do.
	for time.Now().Before(reset.Add(time.Second)) {
		time.Sleep(100 * time.Millisecond)
	}
	for i := range 2 {
		if err := r.app.RunSchedule(ctx); err != nil {
			t.Fatalf("run %d after the reset: %v", i+1, err)
		}
		w.settle()
		if n := len(w.inCategory("Office Hours")); n != 1 {
			t.Fatalf("run %d after the reset: %d announcements, want 1", i+1, n)
		}
		only(w, task, "claim-remind:", "@claimer")
		offset.Add(int64(time.Minute))
	}
	if _, left, _ := w.emu.RateLimit(installationID, ghemu.ResourceCore); left < 4900 {
		t.Errorf("%d requests left in the new window", left)
	}
}
