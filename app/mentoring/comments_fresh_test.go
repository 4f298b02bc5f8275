package mentoring

import (
	"context"
	"testing"

	"github.com/mentorbot/mentorbot/app/store"
)

// A new or restored store has no record of comments GitHub already holds:
// before posting, the marker is looked up on GitHub, so nothing is posted
// twice. Upsert edits what it finds; postOnce leaves it as first written.
func TestFreshStoreFindsTheMarkerBeforePosting(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		write     func(s *Service, gh *fakeGitHub, key string) error
		wantEdits int
	}{
		{"upsert", func(s *Service, gh *fakeGitHub, key string) error {
			_, err := s.upsertComment(ctx, gh, repo, 5, key, "hello again")
			return err
		}, 1},
		{"post once", func(s *Service, gh *fakeGitHub, key string) error {
			return s.postOnce(ctx, gh, repo, 5, key, "hello again")
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, gh := newService(t), newFake() // the store knows nothing
			key := "welcome:o/r#5"
			existing, _ := gh.CreateComment(ctx, repo, 5, "hello\n\n"+marker(key)) // from an earlier store
			gh.creates = 0
			if err := tc.write(s, gh, key); err != nil {
				t.Fatal(err)
			}
			if gh.creates != 0 || gh.edits != tc.wantEdits {
				t.Fatalf("creates %d edits %d; want 0 and %d", gh.creates, gh.edits, tc.wantEdits)
			}
			bc, err := s.Store.GetBotComment(ctx, key)
			if err != nil || bc.State != store.CommentPosted || bc.CommentID != existing {
				t.Fatalf("stored %+v %v; want the found comment %d recorded", bc, err, existing)
			}
		})
	}
}
