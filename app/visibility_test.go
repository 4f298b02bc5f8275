package app

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/mentorbot/mentorbot/app/store"
)

// A repository's visibility is written when it is new or changed, not on
// every delivery.
func TestVisibilityIsWrittenOnlyWhenItChanges(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec := &visibilityRecorder{db: db, known: map[string]bool{}}
	public := []store.Visibility{{FullName: "Acme/Site", Private: false}}
	if err := rec.record(ctx, public); err != nil {
		t.Fatal(err)
	}
	// Another replica records it private meanwhile; this process, which
	// already wrote "public", does not write the same again.
	if err := db.RecordVisibility(ctx, []store.Visibility{{FullName: "acme/site", Private: true}}); err != nil {
		t.Fatal(err)
	}
	if err := rec.record(ctx, public); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.PublicRepositories(ctx); got["acme/site"] {
		t.Fatal("an unchanged visibility was written again")
	}
	// A change this process sees is written.
	if err := rec.record(ctx, []store.Visibility{{FullName: "acme/site", Private: true}}); err != nil {
		t.Fatal(err)
	}
	if err := rec.record(ctx, public); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.PublicRepositories(ctx); !got["acme/site"] {
		t.Fatal("a changed visibility was not written")
	}
}
