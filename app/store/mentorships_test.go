package store

import (
	"context"
	"errors"
	"fmt"
	"github.com/mentorbot/mentorbot/app/program"
	"sync"
	"testing"
	"time"
)

// leastLoaded is a chooser for tests: the first mentor below capacity.
func leastLoaded(mentors []string, capacity int) Chooser {
	return func(loads map[string]MentorLoad, avoid string) string {
		best, bestLoad := "", capacity
		for _, m := range mentors {
			l := loads[m]
			if m == avoid || l.Away || l.Active >= capacity {
				continue
			}
			if l.Active < bestLoad {
				best, bestLoad = m, l.Active
			}
		}
		return best
	}
}

func TestConcurrentAssignmentsNeverExceedCapacity(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		mentors := []string{"ana", "bo", "cy"}
		choose := leastLoaded(mentors, 3)
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := db.Assign(ctx, Mentorship{Repo: "o/r", Number: i, Owner: "o", Kind: program.KindPullRequest, Mentee: fmt.Sprint("new", i)}, choose)
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		loads, _ := db.MentorLoads(ctx, "o")
		total := 0
		for _, m := range mentors {
			if loads[m].Active > 3 {
				t.Fatalf("%s has %d mentees, capacity 3", m, loads[m].Active)
			}
			total += loads[m].Active
		}
		if total != 9 {
			t.Fatalf("%d active, want 9 (3 mentors × 3)", total)
		}
		open, _ := db.OpenMentorships(ctx)
		waiting := 0
		for _, m := range open {
			if m.State == MentorshipWaiting {
				waiting++
			}
		}
		if waiting != 41 {
			t.Fatalf("%d waiting, want 41", waiting)
		}
	})
}

func TestAssignIsIdempotentAndRotates(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		choose := leastLoaded([]string{"ana", "bo"}, 3)
		m := Mentorship{Repo: "o/r", Number: 1, Owner: "o", Kind: program.KindPullRequest, Mentee: "newbie"}
		first, changed, err := db.Assign(ctx, m, choose)
		if err != nil || !changed || first.Mentor != "ana" {
			t.Fatalf("first: %+v %v %v", first, changed, err)
		}
		again, changed, _ := db.Assign(ctx, m, choose)
		if changed || again.Mentor != "ana" {
			t.Fatalf("redelivery changed the mentorship: %+v", again)
		}
		db.EndMentorship(ctx, "o/r", 1, "merged")
		second, _, _ := db.Assign(ctx, Mentorship{Repo: "o/r", Number: 2, Owner: "o", Kind: program.KindPullRequest, Mentee: "newbie"}, choose)
		if second.Mentor != "bo" || second.PreviousMentor != "ana" {
			t.Fatalf("no rotation: %+v", second)
		}
	})
}

func TestReassignWaitingAndAway(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		choose := leastLoaded([]string{"ana", "bo"}, 1)
		db.Assign(ctx, Mentorship{Repo: "o/r", Number: 1, Owner: "o", Mentee: "a"}, choose)
		db.Assign(ctx, Mentorship{Repo: "o/r", Number: 2, Owner: "o", Mentee: "b"}, choose)
		w, _, _ := db.Assign(ctx, Mentorship{Repo: "o/r", Number: 3, Owner: "o", Mentee: "c"}, choose)
		if w.State != MentorshipWaiting {
			t.Fatalf("third should wait: %+v", w)
		}
		if ws, err := db.WaitingMentorships(ctx, "o"); err != nil || len(ws) != 1 || ws[0].Number != 3 {
			t.Fatalf("waiting list %+v %v", ws, err)
		}
		if ws, _ := db.WaitingMentorships(ctx, "other-owner"); len(ws) != 0 {
			t.Fatalf("another owner's waiting list: %+v", ws)
		}
		// Nobody else is free: reassign keeps the mentor.
		if _, _, changed, err := db.Reassign(ctx, "o/r", 1, "asked", "", choose, nil); err != nil || changed {
			t.Fatalf("reassign with nobody free: %v %v", changed, err)
		}
		db.EndMentorship(ctx, "o/r", 2, "closed")
		served, err := db.ServeWaiting(ctx, "o", func(waiting []Mentorship, loads map[string]MentorLoad) (int, string, bool) {
			if m := choose(loads, ""); m != "" {
				return 0, m, true
			}
			return 0, "", false
		}, nil)
		if err != nil || len(served) != 1 || served[0].Number != 3 || served[0].Mentor != "bo" {
			t.Fatalf("served %+v %v", served, err)
		}
		db.SetMentorAway(ctx, "o", "ana", true, time.Time{})
		loads, _ := db.MentorLoads(ctx, "o")
		if !loads["ana"].Away {
			t.Fatal("away not recorded")
		}
		if _, err := db.GetMentorship(ctx, "o/r", 99); !errors.Is(err, ErrNotFound) {
			t.Fatalf("missing mentorship: %v", err)
		}
	})
}

func TestContributionsAndHistory(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		h, _ := db.ContributorHistory(ctx, "o", "newbie", program.KindPullRequest)
		if h.Known {
			t.Fatal("unknown person known")
		}
		db.SaveLookup(ctx, "o", "newbie", program.KindPullRequest, 0)
		if h, _ = db.ContributorHistory(ctx, "o", "newbie", program.KindPullRequest); !h.Known || h.Contributions != 0 {
			t.Fatalf("after lookup: %+v", h)
		}
		c := Contribution{Repo: "o/r", Number: 5, Owner: "o", Kind: program.KindPullRequest, Login: "newbie", FirstTimer: true, OpenedAt: time.Now()}
		stored, created, err := db.RecordContribution(ctx, c)
		if err != nil || !created || !stored.FirstTimer {
			t.Fatalf("record: %+v %v %v", stored, created, err)
		}
		c.FirstTimer = false
		stored, created, _ = db.RecordContribution(ctx, c)
		if created || !stored.FirstTimer {
			t.Fatalf("redelivery changed the verdict: %+v", stored)
		}
		if h, _ = db.ContributorHistory(ctx, "o", "newbie", program.KindPullRequest); h.Contributions != 1 {
			t.Fatalf("history %+v", h)
		}
		if first, _ := db.RecordFirstResponse(ctx, "o/r", 5, "newbie", time.Now()); first {
			t.Fatal("the author's own comment is not a response")
		}
		if first, _ := db.RecordFirstResponse(ctx, "o/r", 5, "ana", time.Now()); !first {
			t.Fatal("first response not recorded")
		}
		if first, _ := db.RecordFirstResponse(ctx, "o/r", 5, "bo", time.Now()); first {
			t.Fatal("second response recorded as first")
		}
	})
}
