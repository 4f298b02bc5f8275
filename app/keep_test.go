package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

func (w *world) handOverFromAway() {
	w.t.Helper()
	if err := w.app.app.base.Program.HandOverFromAway(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	w.settle()
}

// After an away handover the mentee may keep the mentor who went away:
// that mentor comes back on the pull request, the stand-in is released,
// and while they are away nobody is nudged and nothing is handed over.
func TestMenteeKeepsAwayMentorAfterHandover(t *testing.T) {
	w := newWorldWith(t, defaultMentorship, []Option{WithClock(func() time.Time { return monday })})
	n := w.openPR("newbie")
	w.settle()
	first := w.mentorOf(n)
	other := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Plans"})
	w.emu.Comment(org, repoName, other, first, "/mentor away")
	w.settle()
	w.handOverFromAway()
	standIn := w.mentorOf(n)
	if standIn == first || standIn == "" {
		t.Fatalf("not handed over: %q", standIn)
	}
	if !strings.Contains(strings.Join(w.botComments(n), "\n"), "comment `/mentor keep`") {
		t.Errorf("the handover note does not offer /mentor keep:\n%s", strings.Join(w.botComments(n), "\n---\n"))
	}
	w.emu.Comment(org, repoName, n, "newbie", "/mentor keep")
	w.settle()
	if got := w.mentorOf(n); got != first {
		t.Fatalf("after /mentor keep the mentor is %q, want %q", got, first)
	}
	if a := w.emu.Assignees(org, repoName, n); !slices.Equal(a, []string{first}) {
		t.Errorf("assignees %v, want [%s]", a, first)
	}
	reply := w.botComments(n)[len(w.botComments(n))-1]
	if !strings.HasPrefix(reply, "Noted, @newbie: `"+first+"` stays your mentor.") {
		t.Errorf("reply:\n%s", reply)
	}
	for _, at := range []time.Duration{time.Hour, 60 * time.Hour, 120 * time.Hour, 300 * time.Hour} {
		w.scheduleAt(monday.Add(at))
		w.handOverFromAway()
	}
	if got := w.mentorOf(n); got != first {
		t.Fatalf("a kept mentor was handed over to %q", got)
	}
	if got := countWith(w.botComments(n), "mentorbot:nudge:"); got != 0 {
		t.Fatalf("%d nudges to a kept mentor who is away", got)
	}
}

// A mentee who says /mentor keep before their mentor goes away is not
// handed over; a stranger's /mentor keep is refused.
func TestKeepBeforeAwayAndRefusal(t *testing.T) {
	w := newWorldWith(t, defaultMentorship, []Option{WithClock(func() time.Time { return monday })})
	n := w.openPR("newbie")
	w.settle()
	first := w.mentorOf(n)
	w.emu.Comment(org, repoName, n, "stranger", "/mentor keep")
	w.emu.Comment(org, repoName, n, "newbie", "/mentor keep")
	w.settle()
	bodies := strings.Join(w.botComments(n), "\n---\n")
	if !strings.Contains(bodies, "Sorry @stranger, only the mentee can choose to keep their mentor.") {
		t.Errorf("no refusal for a stranger:\n%s", bodies)
	}
	w.emu.Comment(org, repoName, n, first, "/mentor away")
	w.settle()
	w.handOverFromAway()
	if got := w.mentorOf(n); got != first {
		t.Fatalf("kept mentor handed over to %q", got)
	}
}

// A mentor who comes back gets new mentees, not their old ones back.
func TestBackMentorGetsNewMenteesNotOldOnes(t *testing.T) {
	yaml := "version: 1\nmentors:\n  - login: ana\n    timezone: Europe/Berlin\n  - login: bo\n    timezone: Europe/Berlin\n"
	w := newWorldWith(t, yaml, []Option{WithClock(func() time.Time { return monday })})
	n := w.openPR("newbie")
	w.settle()
	if w.mentorOf(n) != "ana" {
		t.Fatalf("mentor %q", w.mentorOf(n))
	}
	w.emu.Comment(org, repoName, n, "ana", "/mentor away")
	w.settle()
	w.handOverFromAway()
	if w.mentorOf(n) != "bo" {
		t.Fatalf("not handed to bo: %q", w.mentorOf(n))
	}
	other := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Plans"})
	w.emu.Comment(org, repoName, other, "ana", "/mentor back")
	w.settle()
	w.handOverFromAway()
	w.scheduleAt(monday.Add(time.Hour))
	if got := w.mentorOf(n); got != "bo" {
		t.Fatalf("the old mentee went back to %q", got)
	}
	m := w.openPR("another")
	w.settle()
	if got := w.mentorOf(m); got != "ana" {
		t.Fatalf("the new newcomer got %q, want ana who is back with no mentees", got)
	}
}
