package store

import (
	"context"
	"testing"
	"time"
)

func TestDueTimes(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		for _, d := range []Due{
			{Job: DueFollowUp, Item: "Octo/A#1", InstallationID: 7, Repo: "Octo/A", At: at},
			{Job: DueFollowUp, Item: "Octo/B#2", InstallationID: 7, Repo: "Octo/B", At: at},
			{Job: DueClaim, Item: "3", InstallationID: 7, Repo: "Octo/A", At: at},
			{Job: DueClaim, Item: "4", InstallationID: 8, Repo: "Other/A", At: at},
		} {
			if err := db.SetDue(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.DueTimes(ctx, DueFollowUp)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !got["Octo/A#1"].At.Equal(at) || got["Octo/A#1"].InstallationID != 7 || got["Octo/A#1"].Repo != "Octo/A" {
			t.Fatalf("follow-ups %+v", got)
		}

		if err := db.DueNow(ctx, "octo", "a"); err != nil {
			t.Fatal(err)
		}
		follow, _ := db.DueTimes(ctx, DueFollowUp)
		claims, _ := db.DueTimes(ctx, DueClaim)
		if !follow["Octo/A#1"].At.IsZero() || follow["Octo/B#2"].At.IsZero() || !claims["3"].At.IsZero() || claims["4"].At.IsZero() {
			t.Fatalf("after a push to octo/a: %+v %+v", follow, claims)
		}
		if err := db.DueNow(ctx, "OCTO", ""); err != nil {
			t.Fatal(err)
		}
		follow, _ = db.DueTimes(ctx, DueFollowUp)
		if !follow["Octo/B#2"].At.IsZero() {
			t.Fatalf("after a push to the owner's .github: %+v", follow)
		}

		if err := db.ForgetDue(ctx, DueClaim, "3", "missing"); err != nil {
			t.Fatal(err)
		}
		claims, _ = db.DueTimes(ctx, DueClaim)
		if _, ok := claims["3"]; ok || len(claims) != 1 {
			t.Fatalf("after forgetting claim 3: %+v", claims)
		}
	})
}
