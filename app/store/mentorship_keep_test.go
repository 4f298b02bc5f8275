package store

import (
	"context"
	"testing"
	"time"
)

// Keeping a mentor holds only for that mentor and that active mentorship;
// activity counts only for the mentee's active mentorships and never goes
// back in time.
func TestKeepMentorAndMenteeActivity(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		m := Mentorship{Repo: "o/r", Number: 1, Owner: "o", InstallationID: 1, Kind: "pull_request", Mentee: "Newbie"}
		got, _, err := db.Assign(ctx, m, leastLoaded([]string{"ana", "bo"}, 3))
		if err != nil || got.Mentor != "ana" {
			t.Fatalf("assign: %+v %v", got, err)
		}
		if ok, err := db.KeepMentor(ctx, "o/r", 1, "bo"); err != nil || ok {
			t.Fatalf("kept a mentor who is not the current one: %v %v", ok, err)
		}
		if ok, err := db.KeepMentor(ctx, "o/r", 1, "ANA"); err != nil || !ok {
			t.Fatalf("keep: %v %v", ok, err)
		}
		if ok, _ := db.KeepMentor(ctx, "o/r", 1, "ana"); ok {
			t.Fatal("kept twice")
		}
		cur, _ := db.GetMentorship(ctx, "o/r", 1)
		if !cur.Kept() {
			t.Fatalf("not kept: %+v", cur)
		}
		at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
		for _, when := range []time.Time{at, at.Add(-time.Hour)} {
			if _, err := db.RecordMenteeActivity(ctx, "o", "newbie", when); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := db.RecordMenteeActivity(ctx, "other", "newbie", at.Add(time.Hour)); n != 0 {
			t.Fatalf("another owner's activity touched %d mentorships", n)
		}
		cur, _ = db.GetMentorship(ctx, "o/r", 1)
		if !cur.MenteeActiveAt.Equal(at) {
			t.Fatalf("mentee active at %v, want %v", cur.MenteeActiveAt, at)
		}
		before, after, changed, err := db.Reassign(ctx, "o/r", 1, "test", "test:keep", func(map[string]MentorLoad, string) string { return "bo" }, func(Mentorship, Mentorship) []Effect { return nil })
		if err != nil || !changed || before.Mentor != "ana" || after.Mentor != "bo" {
			t.Fatalf("reassign: %v %v %v", changed, after, err)
		}
		if cur, _ = db.GetMentorship(ctx, "o/r", 1); cur.Kept() {
			t.Fatal("the new mentor counts as kept")
		}
	})
}
