package mentoring_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/store"
)

// A new or restored store has no record of comments GitHub already holds:
// before posting, the marker is looked up on GitHub, so nothing is posted
// twice. Upsert edits what it finds; postOnce leaves it as first written.
func TestFreshStoreFindsTheMarkerBeforePosting(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		write     func(w *world, n int, key string) error
		wantEdits int
		wantBody  string
	}{
		{"upsert", func(w *world, n int, key string) error {
			_, err := mentoring.UpsertComment(w.svc, ctx, w.gh, repo, n, key, "hello again")
			return err
		}, 1, "hello again"},
		{"post once", func(w *world, n int, key string) error {
			return mentoring.PostOnce(w.svc, ctx, w.gh, repo, n, key, "hello again")
		}, 0, "hello\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t) // the store knows nothing
			n := w.issue()
			key := "welcome:o/r#5"
			existing, err := w.gh.CreateComment(ctx, repo, n, "hello\n\n"+mentoring.Marker(key)) // from an earlier store
			if err != nil {
				t.Fatal(err)
			}
			w.emu.ResetCalls()
			if err := tc.write(w, n, key); err != nil {
				t.Fatal(err)
			}
			if creates, edits := w.writes(n); creates != 0 || edits != tc.wantEdits {
				t.Fatalf("creates %d edits %d; want 0 and %d", creates, edits, tc.wantEdits)
			}
			if c := w.only(t, n); c.ID != existing || !strings.HasPrefix(c.Body, tc.wantBody) {
				t.Fatalf("comment %d %q; want %d starting %q", c.ID, c.Body, existing, tc.wantBody)
			}
			bc, err := w.svc.Store.GetBotComment(ctx, key)
			if err != nil || bc.State != store.CommentPosted || bc.CommentID != existing {
				t.Fatalf("stored %+v %v; want the found comment %d recorded", bc, err, existing)
			}
		})
	}
}
