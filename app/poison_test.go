package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/store"
)

// A payload that parses but lacks what handling it needs, or a welcome
// template that fails to render for one author, is poison: one attempt,
// a dead letter with its reason, no welcome to nobody, and the next
// delivery is handled as usual.
func TestPoisonIsDeadLetteredAtOnce(t *testing.T) {
	const poisoner = "poison-author"
	// Two printf calls of 40 × 999 characters each: 79,920 characters,
	// for the poisoner only (the check's sample authors render short).
	long := `{{printf "` + strings.Repeat("%0999d", 40) + `"` + strings.Repeat(" 0", 40) + `}}`
	w := newWorld(t, defaultMentorship+`first_timers:
  welcome_pr: |
    {{if eq .Author "`+poisoner+`"}}`+long+long+`{{end}}Welcome {{.Author}}!
`)
	n := w.openPR("newbie-1")
	w.settle()
	w.welcome(n)
	before := len(w.emu.Comments(org, repoName, n))

	pr := func(edit func(pr map[string]any)) func(map[string]any) {
		return func(m map[string]any) {
			ours(m)
			p := m["pull_request"].(map[string]any)
			p["number"] = n
			edit(p)
		}
	}
	issue := func(edit func(is map[string]any)) func(map[string]any) {
		return func(m map[string]any) {
			ours(m)
			is := m["issue"].(map[string]any)
			is["number"] = n
			edit(is)
		}
	}
	for _, tc := range []struct {
		name, event, file string
		edit              func(map[string]any)
		reason            string
	}{
		{"pull_request null", "pull_request", "webhooks/pull_request/opened.payload.json",
			func(m map[string]any) { ours(m); m["pull_request"] = nil }, "pull_request is null"},
		{"pull request user null", "pull_request", "webhooks/pull_request/opened.payload.json",
			pr(func(p map[string]any) { p["user"] = nil }), "pull_request.user is null"},
		{"pull request empty login", "pull_request", "webhooks/pull_request/opened.payload.json",
			pr(func(p map[string]any) { p["user"].(map[string]any)["login"] = "" }), "empty login"},
		{"issue null", "issues", "webhooks/issues/opened.payload.json",
			func(m map[string]any) { ours(m); m["issue"] = nil }, "issue is null"},
		{"issue user null", "issues", "webhooks/issues/opened.payload.json",
			issue(func(is map[string]any) { is["user"] = nil }), "issue.user is null"},
		{"issue blank login", "issues", "webhooks/issues/opened.payload.json",
			issue(func(is map[string]any) { is["user"].(map[string]any)["login"] = " " }), "empty login"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := newDeliveryID()
			body := editJSON(t, readPayload(t, tc.file), tc.edit)
			if res := post(t, w.app.url, tc.event, id, body); res.StatusCode >= 300 {
				t.Fatalf("%s: %s", tc.event, res.Status)
			}
			d := waitState(t, w.db, id, store.StateDead)
			if d.Attempts != 1 || !strings.Contains(d.LastError, tc.reason) {
				t.Errorf("dead after %d attempts with %q; want 1 attempt and %q", d.Attempts, d.LastError, tc.reason)
			}
		})
	}
	if got := len(w.emu.Comments(org, repoName, n)); got != before {
		t.Errorf("#%d has %d comments after the poison, %d before", n, got, before)
	}

	// A template that renders too long for one author: permanent too.
	p := w.openPR(poisoner)
	dead := waitDead(t, w, 1+6)
	if dead.Attempts != 1 || !strings.Contains(dead.LastError, "more than 60000 characters") {
		t.Errorf("render error dead after %d attempts with %q; want 1 attempt and the render error", dead.Attempts, dead.LastError)
	}
	if got := w.botComments(p); len(got) != 0 {
		t.Errorf("#%d got bot comments though its welcome could not render: %q", p, got)
	}

	// The next delivery is unaffected.
	next := w.openPR("newbie-2")
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(strings.Join(w.botComments(next), "\n"), "Welcome newbie-2!") || len(w.emu.Assignees(org, repoName, next)) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("#%d got no welcome and mentor after the poison: %q", next, w.botComments(next))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitDead waits until want deliveries are dead letters and returns the
// newest one.
func waitDead(t *testing.T, w *world, want int) store.Delivery {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ds, err := w.db.ListDeliveries(context.Background(), store.ListFilter{States: []string{store.StateDead}})
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) >= want {
			newest := ds[0]
			for _, d := range ds {
				if strings.Contains(d.LastError, "render") {
					newest = d
				}
			}
			return newest
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d dead letters, want %d", len(ds), want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
