package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// A mentor who goes away hands their mentee over at once, with a warm
// note that gives no reason or date and blames nobody; running the job
// again changes nothing.
func TestAwayMentorHandsOverAtOnce(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	first := w.mentorOf(n)
	w.emu.Comment(org, repoName, n, first, "/mentor away until 2099-01-01")
	w.settle()
	ctx := context.Background()
	for range 2 {
		if err := w.app.app.base.Program.HandOverFromAway(ctx); err != nil {
			t.Fatal(err)
		}
	}
	next := w.mentorOf(n)
	if next == first || next == "" {
		t.Fatalf("mentor %q after %s went away", next, first)
	}
	var notes []string
	for _, body := range w.botComments(n) {
		if strings.Contains(body, "is your mentor from here on") {
			notes = append(notes, body)
		}
	}
	if len(notes) != 1 {
		t.Fatalf("%d handover notes, want 1: %q", len(notes), w.botComments(n))
	}
	note := notes[0]
	if !strings.HasPrefix(note, "@newbie, @"+next+" is your mentor") || !strings.Contains(note, "`"+first+"` is away for a while") {
		t.Errorf("note:\n%s", note)
	}
	for _, bad := range []string{"2099", "not replied", "Thank you", "until"} {
		if strings.Contains(note, bad) {
			t.Errorf("the note says %q:\n%s", bad, note)
		}
	}
	if got := slices.Compact(slices.Sorted(slices.Values(mentions(note)))); !slices.Equal(got, slices.Sorted(slices.Values([]string{"newbie", next}))) {
		t.Errorf("the note mentions %v, want only the mentee and the new mentor", got)
	}
}

// A mentor whose GitHub status says "Busy" is never chosen while it lasts.
func TestBusyMentorIsNotChosen(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.emu.SetUserStatus("ana", "On holiday", true, time.Time{})
	w.emu.SetUserStatus("bo", "Focusing", false, time.Time{})
	for _, who := range []string{"one", "two", "three", "four"} {
		n := w.openPR(who, "docs/readme.md")
		w.settle()
		if m := w.mentorOf(n); m == "ana" || m == "" {
			t.Fatalf("%s's pull request got %q; ana is busy", who, m)
		}
		if strings.Contains(w.welcome(n), "On holiday") {
			t.Errorf("the welcome shows the status message:\n%s", w.welcome(n))
		}
	}
}
