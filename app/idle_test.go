package app

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// A mentorship whose newcomer has been quiet for idle_days ends: one short
// note addressed to the newcomer, and the mentor's place goes to the next
// newcomer in line. Running the job again posts nothing more.
func TestIdleMentorshipEndsAndFreesCapacity(t *testing.T) {
	start := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	w := newWorldWith(t, "version: 1\nmentors:\n  - login: ana\n    timezone: Europe/Berlin\n    capacity: 1\n",
		[]Option{WithClock(func() time.Time { return start })})
	n := w.openPR("newbie")
	w.settle()
	waiting := w.openPR("second")
	w.settle()
	if w.mentorOf(n) != "ana" || w.mentorOf(waiting) != "" {
		t.Fatalf("mentors %q and %q", w.mentorOf(n), w.mentorOf(waiting))
	}
	w.emu.Comment(org, repoName, n, "ana", "Hi! How is it going?") // the mentor's activity does not count
	w.settle()
	w.scheduleAt(start.Add(14*24*time.Hour - time.Hour))
	if got := countWith(w.botComments(n), "mentorbot:idle:"); got != 0 {
		t.Fatalf("ended before 14 days")
	}
	w.scheduleAt(start.Add(14*24*time.Hour + time.Minute))
	w.scheduleAt(start.Add(14*24*time.Hour + 2*time.Minute))
	var notes []string
	for _, b := range w.botComments(n) {
		if strings.Contains(b, "mentorbot:idle:") {
			notes = append(notes, b)
		}
	}
	if len(notes) != 1 {
		t.Fatalf("%d idle notes, want 1: %q", len(notes), w.botComments(n))
	}
	if got := mentions(notes[0]); !slices.Equal(got, []string{"newbie"}) {
		t.Errorf("the note mentions %v, want only the newcomer:\n%s", got, notes[0])
	}
	for _, bad := range []string{"ana", "you did not", "inactive", "abandon"} {
		if strings.Contains(notes[0], bad) {
			t.Errorf("the note says %q:\n%s", bad, notes[0])
		}
	}
	if w.mentorOf(waiting) != "ana" {
		t.Fatalf("the waiting newcomer got %q, want ana, whose place was freed", w.mentorOf(waiting))
	}
	if a := w.emu.Assignees(org, repoName, n); len(a) != 0 {
		t.Errorf("the mentor is still assigned to the idle pull request: %v", a)
	}
}

// The newcomer's comment keeps the mentorship alive: idle_days count from
// their latest activity.
func TestNewcomerActivityKeepsMentorshipAlive(t *testing.T) {
	start := time.Now().Add(-10 * 24 * time.Hour) // the comments below are stamped now: day 10
	w := newWorldWith(t, "version: 1\nmentors:\n  - login: ana\n    timezone: Europe/Berlin\nassignment:\n  idle_days: 14\n",
		[]Option{WithClock(func() time.Time { return start })})
	n := w.openPR("newbie")
	w.settle()
	w.emu.Comment(org, repoName, n, "newbie", "Still working on the tests, sorry for the wait!")
	w.settle()
	w.scheduleAt(start.Add(14*24*time.Hour + time.Minute))
	if got := countWith(w.botComments(n), "mentorbot:idle:"); got != 0 || w.mentorOf(n) != "ana" {
		t.Fatalf("ended 4 days after the newcomer's comment (%d notes, mentor %q)", got, w.mentorOf(n))
	}
	w.scheduleAt(start.Add(24*24*time.Hour + time.Hour))
	if got := countWith(w.botComments(n), "mentorbot:idle:"); got != 1 {
		t.Fatalf("%d idle notes 14 days after the newcomer's comment, want 1", got)
	}
}

// A push to the newcomer's pull request (a "synchronize" delivery) counts
// as their activity; a push by someone else does not.
func TestNewcomerPushKeepsMentorshipAlive(t *testing.T) {
	for _, tt := range []struct {
		pusher string
		notes  int
	}{{"maintainer", 1}, {"newbie", 0}} {
		t.Run(tt.pusher, func(t *testing.T) {
			start := time.Now().Add(-10 * 24 * time.Hour) // the push below is stamped now: day 10
			w := newWorldWith(t, "version: 1\nmentors:\n  - login: ana\n    timezone: Europe/Berlin\n",
				[]Option{WithClock(func() time.Time { return start })})
			n := w.openPR("newbie")
			w.settle()
			w.pushTo(n, tt.pusher)
			w.scheduleAt(start.Add(14*24*time.Hour + time.Minute))
			if got := countWith(w.botComments(n), "mentorbot:idle:"); got != tt.notes {
				t.Fatalf("%d idle notes 14 days after the pairing and 4 after a push by %s, want %d", got, tt.pusher, tt.notes)
			}
		})
	}
}

// pushTo delivers a "synchronize" of pull request n by login, stamped now,
// made from the emulator's own "opened" delivery.
func (w *world) pushTo(n int, login string) {
	w.t.Helper()
	var opened []byte
	for _, d := range w.emu.Deliveries() {
		if d.Event == "pull_request" && d.Action == "opened" {
			opened = d.Payload
		}
	}
	if opened == nil {
		w.t.Fatal("no pull_request opened delivery")
	}
	body := editJSON(w.t, opened, func(m map[string]any) {
		m["action"] = "synchronize"
		m["sender"].(map[string]any)["login"] = login
		pr := m["pull_request"].(map[string]any)
		pr["updated_at"] = time.Now().UTC().Format(time.RFC3339)
		if int(pr["number"].(float64)) != n {
			w.t.Fatalf("the latest opened pull request is #%v, not #%d", pr["number"], n)
		}
	})
	if _, err := w.emu.Deliver("pull_request", json.RawMessage(body)); err != nil {
		w.t.Fatal(err)
	}
	w.settle()
}
