package store

import (
	"context"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
)

func TestTookPart(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if _, _, err := db.Assign(ctx, Mentorship{Repo: "o/r", Number: 1, Owner: "o", Kind: program.KindPullRequest, Mentee: "Newbie"},
			leastLoaded([]string{"Ana"}, 3)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.OpenStarterTask(ctx, task(2)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Claim(ctx, claimReq(2, "claimer", "k1"), noClaimEffects); err != nil {
			t.Fatal(err)
		}
		for login, want := range map[string]bool{"newbie": true, "ANA": true, "claimer": true, "victim": false} {
			got, err := db.TookPart(ctx, "o", login)
			if err != nil || got != want {
				t.Errorf("TookPart(%q) = %v, %v; want %v", login, got, err, want)
			}
		}
		if got, _ := db.TookPart(ctx, "other-org", "newbie"); got {
			t.Error("taking part is per organization")
		}
	})
}

func TestPendingKudosFrom(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for _, src := range []string{"k1", "k2", "k1"} {
			if _, err := db.AddKudo(ctx, Kudo{Source: src, Owner: "o", Giver: "Ana", Recipient: "bo", GivenAt: time.Now()}); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := db.PendingKudosFrom(ctx, "o", "ana"); err != nil || n != 2 {
			t.Fatalf("pending %d, %v; want 2", n, err)
		}
		if n, _ := db.PendingKudosFrom(ctx, "o", "bo"); n != 0 {
			t.Fatalf("pending from bo %d", n)
		}
	})
}
