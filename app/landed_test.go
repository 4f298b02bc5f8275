package app

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// GitHub sometimes applies a write and still answers 502. The client does
// not send the write again; the handler's retry finds what landed by its
// marker (or, for labels, adds what is already there), so each effect
// exists exactly once.

func TestWelcomeThatLandedBeforeA502IsPostedOnce(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", AfterWrite: true, Times: 1})
	n := w.openPR("newbie")
	w.settle()
	w.welcome(n) // exactly one
	if got := w.botComments(n); len(got) != 1 {
		t.Errorf("bot comments = %d, want 1: %q", len(got), got)
	}
	if a := w.emu.Assignees(org, repoName, n); len(a) != 1 {
		t.Errorf("assignees = %v, want one mentor", a)
	}
	if got := landed502s(w.emu, "/repos/octo-org/widgets/issues/1/comments"); got != 1 {
		t.Errorf("comment POSTs answered 502 = %d, want the one injected", got)
	}
}

func TestLabelThatLandedBeforeA502IsAddedOnce(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/labels", AfterWrite: true, Times: 1})
	n := w.openPR("newbie")
	w.settle()
	w.welcome(n)
	labels := w.emu.Labels(org, repoName, n)
	if n := countOf(labels, "first-time contributor"); n != 1 {
		t.Errorf("labels = %v, want first-time contributor once", labels)
	}
	if got := landed502s(w.emu, "/repos/octo-org/widgets/issues/1/labels"); got != 1 {
		t.Errorf("label POSTs answered 502 = %d, want the one injected", got)
	}
}

func TestAnnouncementThatLandedBeforeA502IsCreatedOnce(t *testing.T) {
	w := newHoursWorld(t, "Office Hours")
	announceAt := nextSession(t).Start.Add(-72 * time.Hour)
	w.emu.InjectFault(ghemu.Fault{Path: "/api/graphql", Mutation: "createDiscussion", AfterWrite: true, Times: 1})

	// The first run creates the discussion, hears 502 and says it failed.
	a, err := New(context.Background(), w.cfg, zerolog.Nop(), WithClock(func() time.Time { return announceAt }))
	if err != nil {
		t.Fatal(err)
	}
	err = a.RunSchedule(context.Background())
	a.Close()
	if err == nil {
		t.Error("the run that met a 502 on createDiscussion reported no error")
	}
	if got := w.inCategory("Office Hours"); len(got) != 1 {
		t.Fatalf("discussions after the 502 = %d, want the one that landed", len(got))
	}
	// The next minute's run finds it by its marker.
	w.scheduleAt(announceAt.Add(time.Minute))
	w.scheduleAt(announceAt.Add(2 * time.Minute))
	if got := w.inCategory("Office Hours"); len(got) != 1 {
		t.Fatalf("discussions = %d, want 1", len(got))
	}
}

// landed502s counts the POSTs to path that the emulator answered 502.
func landed502s(emu *ghemu.Emulator, path string) int {
	n := 0
	for _, c := range emu.Calls() {
		if c.Method == "POST" && c.Path == path && c.Status == 502 {
			n++
		}
	}
	return n
}

func countOf(xs []string, x string) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}
