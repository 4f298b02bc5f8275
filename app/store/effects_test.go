package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A reassignment stores its effects in its own transaction, under its
// decision's key; the same key again decides nothing. Effects come back
// in order until done, and a postponed one is due again only at its time.
func TestEffectsLogDecidesOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		choose := leastLoaded([]string{"ana", "bo", "cy"}, 3)
		if _, _, err := db.Assign(ctx, Mentorship{Repo: "o/r", Number: 1, Owner: "o", InstallationID: 7, Mentee: "newbie"}, choose); err != nil {
			t.Fatal(err)
		}
		plan := func(before, after Mentorship) []Effect {
			return []Effect{
				{Owner: "o", Repo: "o/r", Number: 1, InstallationID: 7, Action: "comment", Arg: "handover:" + after.Mentor, Body: "hello"},
				{Owner: "o", Repo: "o/r", Number: 1, InstallationID: 7, Action: "unassign", Arg: before.Mentor},
				{Owner: "o", Repo: "o/r", Number: 1, InstallationID: 7, Action: "assign", Arg: after.Mentor},
			}
		}
		before, after, changed, err := db.Reassign(ctx, "o/r", 1, "asked", "command:1:1", choose, plan)
		if err != nil || !changed || before.Mentor == after.Mentor {
			t.Fatalf("reassign: %+v → %+v %v %v", before, after, changed, err)
		}
		if _, again, _, err := db.Reassign(ctx, "o/r", 1, "asked", "command:1:1", choose, plan); !errors.Is(err, ErrDecided) || again.Mentor != after.Mentor {
			t.Fatalf("the same decision again: %+v %v", again, err)
		}
		if m, _ := db.GetMentorship(ctx, "o/r", 1); m.Mentor != after.Mentor {
			t.Fatalf("mentor %q after a repeated decision, want %q", m.Mentor, after.Mentor)
		}
		pending, err := db.PendingEffects(ctx, "o/r", 1)
		if err != nil || len(pending) != 3 || pending[0].Action != "comment" || pending[1].Arg != before.Mentor || pending[2].Arg != after.Mentor {
			t.Fatalf("pending %+v %v", pending, err)
		}
		if err := db.FinishEffect(ctx, pending[0].Key); err != nil {
			t.Fatal(err)
		}
		if err := db.PostponeEffect(ctx, pending[1].Key, "502", c.t.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if n, failing, err := db.EffectsPending(ctx); err != nil || n != 2 || failing != 1 {
			t.Fatalf("EffectsPending = %d, %d, %v; want 2 pending, 1 failing", n, failing, err)
		}
		if due, _ := db.DueEffects(ctx, c.t, 10); len(due) != 1 || due[0].Key != pending[2].Key {
			t.Fatalf("due now %+v", due)
		}
		due, _ := db.DueEffects(ctx, c.t.Add(time.Minute), 10)
		if len(due) != 2 || due[0].Key != pending[1].Key || due[0].Attempts != 1 || due[0].LastError != "502" {
			t.Fatalf("due after the wait %+v", due)
		}
		for _, e := range due {
			db.FinishEffect(ctx, e.Key)
		}
		if n, failing, err := db.EffectsPending(ctx); err != nil || n != 0 || failing != 0 {
			t.Fatalf("EffectsPending when all are done = %d, %d, %v", n, failing, err)
		}
		if due, _ := db.DueEffects(ctx, c.t.Add(time.Hour), 10); len(due) != 0 {
			t.Fatalf("due when all are done %+v", due)
		}
	})
}

// A nudge is stored with its comment once; a second nudge of the same
// pairing stores nothing.
func TestNudgeStoresItsEffectOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		m, _, err := db.Assign(ctx, Mentorship{Repo: "o/r", Number: 1, Owner: "o", Mentee: "newbie"}, leastLoaded([]string{"ana"}, 3))
		if err != nil {
			t.Fatal(err)
		}
		fx := []Effect{{Owner: "o", Repo: "o/r", Number: 1, Action: "comment", Arg: "nudge:ana", Body: "hi"}}
		for i, want := range []bool{true, false} {
			nudged, err := db.Nudge(ctx, "o/r", 1, m.Mentor, time.Now(), "nudge:o/r#1", fx)
			if err != nil || nudged != want {
				t.Fatalf("nudge %d: %v %v", i, nudged, err)
			}
		}
		if pending, _ := db.PendingEffects(ctx, "o/r", 1); len(pending) != 1 {
			t.Fatalf("pending %+v", pending)
		}
	})
}
