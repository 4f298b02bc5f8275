package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

func countWith(bodies []string, s string) int {
	n := 0
	for _, b := range bodies {
		if strings.Contains(b, s) {
			n++
		}
	}
	return n
}

// monday is a fixed time within every default mentor's working hours
// but bo's (13:00 in Berlin, 17:30 in Kolkata), so follow-up tests do not
// depend on the hour they run at: the first-response clock starts at the
// mentor's working hours.
var monday = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func TestSilentMentorIsNudgedOnceThenReplaced(t *testing.T) {
	w := newWorldWith(t, defaultMentorship, []Option{WithClock(func() time.Time { return monday })})
	n := w.openPR("newbie")
	w.settle()
	first := w.mentorOf(n)
	opened := monday

	w.scheduleAt(opened.Add(10 * time.Hour)) // too early: nothing
	if got := countWith(w.botComments(n), "mentorbot:nudge:"); got != 0 {
		t.Fatalf("nudged after 10h")
	}
	w.scheduleAt(opened.Add(49 * time.Hour))
	w.scheduleAt(opened.Add(50 * time.Hour)) // running twice changes nothing
	if got := countWith(w.botComments(n), "mentorbot:nudge:"); got != 1 {
		t.Fatalf("%d nudges, want 1", got)
	}
	nudge := w.botComments(n)[len(w.botComments(n))-1]
	if !slices.Equal(mentions(nudge), []string{first}) {
		t.Fatalf("nudge mentions %v", mentions(nudge))
	}

	w.scheduleAt(opened.Add(97 * time.Hour))
	second := w.mentorOf(n)
	if second == first || second == "" {
		t.Fatalf("after 2×48h the mentor is %q (was %q)", second, first)
	}
	if got := countWith(w.botComments(n), "mentorbot:handover:"); got != 1 {
		t.Fatalf("%d handover comments", got)
	}
	if a := w.emu.Assignees(org, repoName, n); !slices.Equal(a, []string{second}) {
		t.Fatalf("assignees %v, want [%s]", a, second)
	}
	w.scheduleAt(opened.Add(98 * time.Hour))
	if w.mentorOf(n) != second {
		t.Fatal("reassigned again at once")
	}
}

func TestMentorReplyStopsTheNudge(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	w.emu.Comment(org, repoName, n, w.mentorOf(n), "Hi! Looking at this today.")
	w.settle()
	w.scheduleAt(time.Now().Add(100 * time.Hour))
	if got := countWith(w.botComments(n), "mentorbot:nudge:"); got != 0 {
		t.Fatal("a mentor who replied was nudged")
	}
}

// An away mentor is never nudged: with nobody else free, the mentee waits
// for a handover instead of the bot pinging a mentor on holiday.
func TestAwayMentorIsNeverNudged(t *testing.T) {
	w := newWorld(t, "version: 1\nmentors:\n  - login: ana\n    timezone: Europe/Berlin\n")
	n := w.openPR("newbie")
	w.settle()
	if w.mentorOf(n) != "ana" {
		t.Fatalf("mentor %q", w.mentorOf(n))
	}
	other := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Plans for the release"})
	w.emu.Comment(org, repoName, other, "ana", "/mentor away") // elsewhere: not a reply to the newcomer
	w.settle()
	opened := time.Now()
	w.scheduleAt(opened.Add(49 * time.Hour))
	w.scheduleAt(opened.Add(97 * time.Hour))
	if got := countWith(w.botComments(n), "mentorbot:nudge:"); got != 0 {
		t.Fatalf("%d nudges to a mentor who is away", got)
	}
}

// A handover blames nobody: no "has not replied", no public thanks.
func TestHandoverBlamesNobody(t *testing.T) {
	w := newWorldWith(t, defaultMentorship, []Option{WithClock(func() time.Time { return monday })})
	n := w.openPR("newbie")
	w.settle()
	w.scheduleAt(monday.Add(97 * time.Hour))
	for _, b := range w.botComments(n) {
		if strings.Contains(b, "mentorbot:handover:") && (strings.Contains(b, "has not replied") || strings.Contains(b, "Thank you")) {
			t.Fatalf("handover text blames or thanks in public:\n%s", b)
		}
	}
	if countWith(w.botComments(n), "mentorbot:handover:") != 1 {
		t.Fatal("no handover")
	}
}
