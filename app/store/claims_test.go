package store

import (
	"context"
	"errors"
	"fmt"
	"github.com/mentorbot/mentorbot/app/program"
	"slices"
	"sync"
	"testing"
	"time"
)

// firstInLine is the plain order: whoever joined first.
func firstInLine(ws []Waiter) (int, bool) { return 0, len(ws) > 0 }

func task(n int) StarterTask {
	return StarterTask{Repo: "o/r", Number: n, Owner: "o", InstallationID: 1, Title: fmt.Sprint("task ", n), Labels: []string{"good first issue"}}
}

func claimReq(n int, login, key string) ClaimRequest {
	return ClaimRequest{Key: key, Task: task(n), Login: login, Max: 2, OfferHold: 72 * time.Hour}
}

func noClaimEffects(ClaimResult) []ClaimEffect     { return nil }
func noReleaseEffects(ReleaseResult) []ClaimEffect { return nil }

func TestClaimWaitingListAndOffer(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		if _, opened, err := db.OpenStarterTask(ctx, task(1)); err != nil || !opened {
			t.Fatalf("open task: %v %v", opened, err)
		}
		if _, opened, _ := db.OpenStarterTask(ctx, task(1)); opened {
			t.Fatal("a second label event opened the task again")
		}
		effect := func(r ClaimResult) []ClaimEffect {
			return []ClaimEffect{{Key: fmt.Sprintf("reply:%s:%s:%d", r.Outcome, r.Claim.Login, r.Position), Kind: "comment", Owner: "o", Repo: "o/r", Number: 1}}
		}
		got, err := db.Claim(ctx, claimReq(1, "ana", "k1"), effect)
		if err != nil || got.Outcome != OutcomeClaimed || got.Claim.ID == 0 {
			t.Fatalf("first claim: %+v %v", got, err)
		}
		c.advance(time.Hour)
		for i, who := range []string{"bo", "cy"} {
			got, err := db.Claim(ctx, claimReq(1, who, "k-"+who), effect)
			if err != nil || got.Outcome != OutcomeHeld || got.Claim.Login != "ana" || got.Position != i+1 {
				t.Fatalf("%s: %+v %v", who, got, err)
			}
		}
		// Asking twice keeps one place.
		if got, _ := db.Claim(ctx, claimReq(1, "BO", "k-bo-again"), noClaimEffects); got.Position != 1 {
			t.Fatalf("bo asked again: %+v", got)
		}
		// The same command again replays its result and changes nothing.
		again, err := db.Claim(ctx, claimReq(1, "ana", "k1"), effect)
		if err != nil || !again.Replayed || again.Outcome != OutcomeClaimed || again.Claim.ID != got.Claim.ID {
			t.Fatalf("replay: %+v %v", again, err)
		}
		if pending, _ := db.PendingClaimEffects(ctx, "o/r", 1); len(pending) != 3 {
			t.Fatalf("pending effects %+v, want 3 (one per command)", pending)
		}

		if r, _ := db.Release(ctx, ReleaseRequest{Key: "u-cy", Repo: "o/r", Number: 1, Login: "dee", Next: firstInLine}, noReleaseEffects); r.Outcome != OutcomeNotHolder {
			t.Fatalf("a stranger released: %+v", r)
		}
		rel, err := db.Release(ctx, ReleaseRequest{Key: "u1", Repo: "o/r", Number: 1, Login: "ana", Next: firstInLine}, noReleaseEffects)
		if err != nil || rel.Outcome != OutcomeReleased || rel.Offered == nil || rel.Offered.Login != "bo" {
			t.Fatalf("release: %+v %v", rel, err)
		}
		if r, _ := db.Release(ctx, ReleaseRequest{Key: "u1", Repo: "o/r", Number: 1, Login: "ana", Next: firstInLine}, noReleaseEffects); !r.Replayed || r.Outcome != OutcomeReleased {
			t.Fatalf("release replay: %+v", r)
		}
		// The offer keeps the task for bo: cy stays in line.
		if got, _ := db.Claim(ctx, claimReq(1, "cy", "k-cy-2"), noClaimEffects); got.Outcome != OutcomeReserved || got.Offer.Login != "bo" || got.Position != 2 {
			t.Fatalf("cy during the offer: %+v", got)
		}
		if got, _ := db.Claim(ctx, claimReq(1, "bo", "k-bo-3"), noClaimEffects); got.Outcome != OutcomeClaimed {
			t.Fatalf("bo takes the offer: %+v", got)
		}
		if line := waitingLine(t, db, "o/r", 1); !slices.Equal(line, []string{"cy"}) {
			t.Fatalf("line after bo claimed: %v", line)
		}
		if r, _ := db.Release(ctx, ReleaseRequest{Key: "u-cy-leave", Repo: "o/r", Number: 1, Login: "cy", Next: firstInLine}, noReleaseEffects); r.Outcome != OutcomeLeftLine {
			t.Fatalf("cy leaves: %+v", r)
		}
		if line := waitingLine(t, db, "o/r", 1); len(line) != 0 {
			t.Fatalf("line %v", line)
		}
		if digest, _ := db.OpenStarterTasks(ctx, "o/r"); len(digest) != 0 {
			t.Fatalf("a held task is in the digest: %+v", digest)
		}
	})
}

func TestOfferLapsesToTheNextInLine(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		db.OpenStarterTask(ctx, task(1))
		db.Claim(ctx, claimReq(1, "ana", "a"), noClaimEffects)
		db.Claim(ctx, claimReq(1, "bo", "b"), noClaimEffects)
		db.Claim(ctx, claimReq(1, "cy", "c"), noClaimEffects)
		db.Release(ctx, ReleaseRequest{Key: "r", Repo: "o/r", Number: 1, Login: "ana", Next: firstInLine}, noReleaseEffects)
		c.advance(73 * time.Hour)
		offers, err := db.OffersBefore(ctx, c.t.Add(-72*time.Hour))
		if err != nil || len(offers) != 1 || offers[0].Login != "bo" {
			t.Fatalf("offers %+v %v", offers, err)
		}
		res, ok, err := db.LapseOffer(ctx, offers[0], firstInLine, func(LapseResult) []ClaimEffect { return nil })
		if err != nil || !ok || res.Offered == nil || res.Offered.Login != "cy" {
			t.Fatalf("lapse: %+v %v %v", res, ok, err)
		}
		if _, ok, _ := db.LapseOffer(ctx, offers[0], firstInLine, func(LapseResult) []ClaimEffect { return nil }); ok {
			t.Fatal("an offer lapsed twice")
		}
		// After cy's offer lapses too, the task is open to anyone.
		c.advance(73 * time.Hour)
		offers, _ = db.OffersBefore(ctx, c.t.Add(-72*time.Hour))
		db.LapseOffer(ctx, offers[0], firstInLine, func(LapseResult) []ClaimEffect { return nil })
		if digest, _ := db.OpenStarterTasks(ctx, "o/r"); len(digest) != 1 {
			t.Fatalf("digest %+v", digest)
		}
		if got, _ := db.Claim(ctx, claimReq(1, "dee", "d"), noClaimEffects); got.Outcome != OutcomeClaimed {
			t.Fatalf("dee: %+v", got)
		}
	})
}

func TestClaimLimitCountsTheOwnersRepositories(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		other := StarterTask{Repo: "o/other", Number: 9, Owner: "o", InstallationID: 1}
		if got, _ := db.Claim(ctx, ClaimRequest{Key: "x", Task: other, Login: "ana", Max: 2}, noClaimEffects); got.Outcome != OutcomeClaimed {
			t.Fatalf("%+v", got)
		}
		if got, _ := db.Claim(ctx, claimReq(1, "ana", "y"), noClaimEffects); got.Outcome != OutcomeClaimed {
			t.Fatalf("%+v", got)
		}
		got, err := db.Claim(ctx, claimReq(2, "Ana", "z"), noClaimEffects)
		if err != nil || got.Outcome != OutcomeAtLimit || len(got.Open) != 2 || got.Open[0].Repo != "o/other" {
			t.Fatalf("limit: %+v %v", got, err)
		}
		if _, err := db.ActiveClaim(ctx, "o/r", 2); !errors.Is(err, ErrNotFound) {
			t.Fatalf("a refused claim was stored: %v", err)
		}
	})
}

func TestConcurrentClaimsGiveTheTaskToOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		db.OpenStarterTask(ctx, task(1))
		const n = 20
		results := make([]ClaimResult, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var err error
				results[i], err = db.Claim(ctx, claimReq(1, fmt.Sprint("p", i), fmt.Sprint("key", i)), noClaimEffects)
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		claimed := 0
		for _, r := range results {
			switch r.Outcome {
			case OutcomeClaimed:
				claimed++
			case OutcomeHeld:
			default:
				t.Errorf("outcome %q", r.Outcome)
			}
		}
		if claimed != 1 {
			t.Fatalf("%d claims, want exactly 1", claimed)
		}
		if line := waitingLine(t, db, "o/r", 1); len(line) != n-1 {
			t.Fatalf("%d waiting, want %d", len(line), n-1)
		}
	})
}

func TestRemindExpireAndActivity(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		db.OpenStarterTask(ctx, task(1))
		got, _ := db.Claim(ctx, claimReq(1, "ana", "a"), noClaimEffects)
		db.Claim(ctx, claimReq(1, "bo", "b"), noClaimEffects)
		stale := got.Claim

		c.advance(24 * time.Hour)
		if ok, err := db.RecordClaimActivity(ctx, "o/r", 1, "ANA", c.t, 0); err != nil || !ok {
			t.Fatalf("activity: %v %v", ok, err)
		}
		if ok, _ := db.RecordClaimActivity(ctx, "o/r", 1, "ana", c.t.Add(-48*time.Hour), 7); !ok {
			t.Fatal("link not recorded")
		}
		cur, _ := db.ActiveClaim(ctx, "o/r", 1)
		if !cur.ActivityAt.Equal(c.t) || cur.LinkedPR != 7 {
			t.Fatalf("an older activity moved the clock back, or the link was lost: %+v", cur)
		}
		// Decisions made on the claim as it was before the activity do nothing.
		if ok, _ := db.RemindClaim(ctx, stale, func(Claim) []ClaimEffect { return nil }); ok {
			t.Fatal("stale reminder recorded")
		}
		if _, ok, _ := db.ExpireClaim(ctx, stale, firstInLine, noReleaseEffects); ok {
			t.Fatal("stale expiry applied")
		}
		ok, err := db.RemindClaim(ctx, cur, func(c Claim) []ClaimEffect {
			return []ClaimEffect{{Key: fmt.Sprint("remind:", c.ID), Kind: "comment", Owner: "o", Repo: "o/r", Number: 1}}
		})
		if err != nil || !ok {
			t.Fatalf("remind: %v %v", ok, err)
		}
		rel, ok, err := db.ExpireClaim(ctx, cur, firstInLine, noReleaseEffects)
		if err != nil || !ok || rel.Claim.State != ClaimExpired || rel.Offered == nil || rel.Offered.Login != "bo" {
			t.Fatalf("expire: %+v %v %v", rel, ok, err)
		}
		if pending, _ := db.PendingClaimEffects(ctx, "", 0); len(pending) != 1 {
			t.Fatalf("pending %+v", pending)
		} else if err := db.FinishClaimEffect(ctx, pending[0].Key); err != nil {
			t.Fatal(err)
		}
		if pending, _ := db.PendingClaimEffects(ctx, "", 0); len(pending) != 0 {
			t.Fatalf("finished effect still pending: %+v", pending)
		}
	})
}

func TestCompletionAndPath(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		db.SetClock(c.now)
		db.RecordContribution(ctx, Contribution{Repo: "o/r", Number: 3, Owner: "o", Kind: program.KindIssue, Login: "ana", OpenedAt: c.t})
		db.OpenStarterTask(ctx, task(1))
		db.Claim(ctx, claimReq(1, "ana", "a"), noClaimEffects)
		db.Claim(ctx, claimReq(1, "bo", "b"), noClaimEffects)
		// The issue closes before the merge is handled: the claim stays for it.
		end, err := db.EndStarterTask(ctx, "o/r", 1, TaskClosed, func(Claim) string { return "" }, func(TaskEnd) []ClaimEffect { return nil })
		if err != nil || !end.WasOpen || end.Claim == nil || end.Claim.State != ClaimActive || len(end.Cleared) != 1 {
			t.Fatalf("end: %+v %v", end, err)
		}
		effects := func(r CompleteResult) []ClaimEffect {
			return []ClaimEffect{{Key: "done:1", Kind: "celebrate", Owner: "o", Repo: "o/r", Number: 1, Login: "ana", PR: 5}}
		}
		res, err := db.CompleteStarterTask(ctx, CompleteRequest{Repo: "o/r", Number: 1, Login: "ana", PR: 5}, effects)
		if err != nil || !res.New || res.Claim == nil || res.Claim.State != ClaimCompleted || res.Claim.LinkedPR != 5 {
			t.Fatalf("complete: %+v %v", res, err)
		}
		if again, _ := db.CompleteStarterTask(ctx, CompleteRequest{Repo: "o/r", Number: 1, Login: "ana", PR: 5}, effects); again.New {
			t.Fatal("completed twice")
		}
		if _, err := db.CompleteStarterTask(ctx, CompleteRequest{Repo: "o/r", Number: 99, Login: "ana", PR: 5}, effects); !errors.Is(err, ErrNotFound) {
			t.Fatalf("unknown task: %v", err)
		}
		// A maintainer's own fix of a task nobody held closes it without a step on their path.
		db.OpenStarterTask(ctx, task(2))
		if res, err := db.CompleteStarterTask(ctx, CompleteRequest{Repo: "o/r", Number: 2, Login: "maint", PR: 6}, effects); err != nil || res.New || res.Task.State != TaskClosed {
			t.Fatalf("uncredited completion: %+v %v", res, err)
		}
		if p, _ := db.ContributorPath(ctx, "o", "maint"); len(p.StarterTasks) != 0 {
			t.Fatalf("maintainer path %+v", p)
		}
		db.RecordPathStep(ctx, PathStep{Owner: "o", Login: "Ana", Step: StepNextStep, Repo: "o/r", Number: 8, At: c.t})
		p, err := db.ContributorPath(ctx, "o", "ana")
		if err != nil || p.First == nil || p.First.Number != 3 || len(p.StarterTasks) != 1 || len(p.NextSteps) != 1 {
			t.Fatalf("path: %+v %v", p, err)
		}
		if pending, _ := db.PendingClaimEffects(ctx, "o/r", 1); len(pending) != 1 {
			t.Fatalf("pending %+v", pending)
		}
		if n, done := count(t, db, `SELECT COUNT(*) FROM claims WHERE owner = 'o'`), count(t, db, `SELECT COUNT(*) FROM claims WHERE owner = 'o' AND state = $1`, ClaimCompleted); n != 1 || done != 1 {
			t.Fatalf("%d claims, %d completed; want 1 and 1", n, done)
		}
	})
}

func TestWithdrawnTaskTakesNoClaims(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		db.OpenStarterTask(ctx, task(1))
		db.Claim(ctx, claimReq(1, "ana", "a"), noClaimEffects)
		end, err := db.EndStarterTask(ctx, "o/r", 1, TaskWithdrawn, func(Claim) string { return "withdrawn" }, func(TaskEnd) []ClaimEffect { return nil })
		if err != nil || end.Claim == nil || end.Claim.State != ClaimClosed {
			t.Fatalf("withdraw: %+v %v", end, err)
		}
		if got, _ := db.Claim(ctx, claimReq(1, "bo", "b"), noClaimEffects); got.Outcome != OutcomeNotOpen {
			t.Fatalf("claim on a withdrawn task: %+v", got)
		}
		if _, opened, _ := db.OpenStarterTask(ctx, task(1)); !opened {
			t.Fatal("labelling again did not reopen the task")
		}
		if got, _ := db.Claim(ctx, claimReq(1, "bo", "c"), noClaimEffects); got.Outcome != OutcomeClaimed {
			t.Fatalf("claim after reopening: %+v", got)
		}
	})
}

// waitingLine lists who waits in line for a task (waiting or offered), in
// the order they joined; the app reads the line only inside decisions.
func waitingLine(t *testing.T, db *DB, repo string, number int) []string {
	t.Helper()
	ws, err := queryWaiters(context.Background(), db.r, `WHERE w.repo = $1 AND w.number = $2 AND w.state IN ('waiting', 'offered') ORDER BY w.joined_at, w.id`, repo, number)
	if err != nil {
		t.Fatal(err)
	}
	var line []string
	for _, w := range ws {
		line = append(line, w.Login)
	}
	return line
}
