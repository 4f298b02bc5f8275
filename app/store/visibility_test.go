package store

import (
	"context"
	"testing"
)

func TestRepositoryVisibility(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if err := db.RecordVisibility(ctx, []Visibility{{FullName: "Octo/Docs"}, {FullName: "octo/billing", Private: true}, {FullName: "octo/later"}}); err != nil {
			t.Fatal(err)
		}
		// The latest payload wins: later went private.
		if err := db.RecordVisibility(ctx, []Visibility{{FullName: "octo/later", Private: true}}); err != nil {
			t.Fatal(err)
		}
		got, err := db.PublicRepositories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !got["octo/docs"] {
			t.Errorf("public repositories %v, want only octo/docs (in lower case)", got)
		}
	})
}

func TestUnknownVisibility(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for _, repo := range []string{"Octo/Docs", "octo/billing", "acme/vault"} {
			c := Contribution{Repo: repo, Number: 1, Owner: "octo", Kind: "pull_request", Login: "ana", FirstTimer: true, OpenedAt: db.now()}
			if _, _, err := db.RecordContribution(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.UnknownVisibility(ctx, 10)
		if err != nil || len(got) != 3 {
			t.Fatalf("unknown = %v (%v), want all three", got, err)
		}
		if got, _ := db.UnknownVisibility(ctx, 1); len(got) != 1 {
			t.Errorf("limit 1 gave %v", got)
		}
		if err := db.RecordVisibility(ctx, []Visibility{{FullName: "octo/docs"}, {FullName: "Octo/Billing", Private: true}}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.UnknownVisibility(ctx, 10); len(got) != 1 || got[0] != "acme/vault" {
			t.Errorf("unknown = %v, want only acme/vault (case does not matter)", got)
		}
	})
}
