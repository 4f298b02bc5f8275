package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A restored or recreated store meets a GitHub that already holds our
// welcomes: the redelivered and replayed opened events find the hidden
// markers on GitHub and post no second welcome.
func TestFreshStoreNeverWelcomesTwice(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	prs := []int{w.openPR("newcomer-1"), w.openPR("newcomer-2", "docs/intro.md"), w.openPR("newcomer-3")}
	w.settle()
	mentors := map[int]string{}
	for _, n := range prs {
		w.welcome(n)
		mentors[n] = w.mentorOf(n)
	}
	w.app.stop()

	// A second service on a new, empty store, against the same GitHub.
	cfg := *w.cfg
	cfg.Database.URL = "sqlite://" + filepath.Join(t.TempDir(), "fresh.db")
	r := start(t, &cfg)
	w.emu.SetWebhookTarget(r.url+"/api/github/hook", testSecret)
	w.app, w.db = r, r.app.Store()

	for _, d := range w.emu.Deliveries() {
		if d.Event == "pull_request" && d.Action == "opened" {
			if _, err := w.emu.Redeliver(d.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := r.app.ReplayDeliveries(context.Background(), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	w.settle()
	for _, n := range prs {
		w.welcome(n) // fails unless exactly one
		// The new store keeps the mentor GitHub shows, not a second one.
		if got := w.emu.Assignees(org, repoName, n); len(got) != 1 || got[0] != mentors[n] || w.mentorOf(n) != mentors[n] {
			t.Errorf("#%d: assignees %v, stored mentor %q; want only the earlier mentor %q", n, got, w.mentorOf(n), mentors[n])
		}
		if c, err := w.db.GetContribution(context.Background(), org+"/"+repoName, n); err != nil || !c.FirstTimer {
			t.Errorf("#%d: the fresh store recorded %+v, %v; want a first-timer", n, c, err)
		}
		for _, b := range w.botComments(n) {
			if strings.Count(b, "mentorbot:welcome:") > 1 {
				t.Errorf("#%d: a welcome carries its marker twice: %q", n, b)
			}
		}
	}
}
