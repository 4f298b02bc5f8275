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
