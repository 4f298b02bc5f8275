package mentoring

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// fakeGitHub records comments; it is the unit-test double of GitHub.
type fakeGitHub struct {
	GitHub   // calls a test does not expect panic on the nil interface
	comments map[int64]string
	nextID   int64
	creates  int
	edits    int
	failOnce error
}

func newFake() *fakeGitHub { return &fakeGitHub{comments: map[int64]string{}, nextID: 100} }

func (f *fakeGitHub) CreateComment(_ context.Context, _ program.Repo, _ int, body string) (int64, error) {
	if err := f.failOnce; err != nil {
		f.failOnce = nil
		return 0, err
	}
	f.creates++
	f.nextID++
	f.comments[f.nextID] = body
	return f.nextID, nil
}

func (f *fakeGitHub) EditComment(_ context.Context, _ program.Repo, id int64, body string) error {
	f.edits++
	f.comments[id] = body
	return nil
}

func (f *fakeGitHub) FindComment(_ context.Context, _ program.Repo, _ int, m string) (int64, bool, error) {
	for id, b := range f.comments {
		if strings.Contains(b, m) {
			return id, true, nil
		}
	}
	return 0, false, nil
}

func newService(t *testing.T) *Service {
	db, err := store.Open(context.Background(), "sqlite://"+t.TempDir()+"/m.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Service{Store: db, Now: time.Now}
}

var repo = program.Repo{Owner: "o", Name: "r"}

func TestUpsertCommentPostsOnceThenEdits(t *testing.T) {
	s, gh := newService(t), newFake()
	ctx := context.Background()
	for i, body := range []string{"first", "second", "third"} {
		if _, err := s.upsertComment(ctx, gh, repo, 1, "welcome:o/r#1", body); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if gh.creates != 1 || gh.edits != 2 || len(gh.comments) != 1 {
		t.Fatalf("creates %d edits %d comments %d", gh.creates, gh.edits, len(gh.comments))
	}
	for _, b := range gh.comments {
		if !strings.HasPrefix(b, "third") || !strings.Contains(b, "<!-- mentorbot:welcome:o/r#1 -->") {
			t.Fatalf("comment %q", b)
		}
	}
}

// A crash after GitHub created the comment but before the store recorded
// its ID: the retry finds the marker on GitHub and edits, never posts twice.
func TestUpsertCommentAfterACrashFindsTheMarker(t *testing.T) {
	s, gh := newService(t), newFake()
	ctx := context.Background()
	key := "welcome:o/r#2"
	if err := s.Store.BeginBotComment(ctx, key, "o/r", 2); err != nil {
		t.Fatal(err)
	}
	gh.CreateComment(ctx, repo, 2, "hello\n\n"+marker(key)) // landed, then the process died
	if _, err := s.upsertComment(ctx, gh, repo, 2, key, "hello"); err != nil {
		t.Fatal(err)
	}
	if gh.creates != 1 || gh.edits != 1 {
		t.Fatalf("creates %d edits %d: the retry posted again", gh.creates, gh.edits)
	}
	bc, err := s.Store.GetBotComment(ctx, key)
	if err != nil || bc.State != store.CommentPosted {
		t.Fatalf("stored %+v %v", bc, err)
	}
}

// A POST that failed leaves the intent; the retry finds no marker and posts.
func TestUpsertCommentAfterAFailedPost(t *testing.T) {
	s, gh := newService(t), newFake()
	ctx := context.Background()
	gh.failOnce = errors.New("502 bad gateway")
	if _, err := s.upsertComment(ctx, gh, repo, 3, "k", "hi"); err == nil {
		t.Fatal("want the error")
	}
	if _, err := s.upsertComment(ctx, gh, repo, 3, "k", "hi"); err != nil {
		t.Fatal(err)
	}
	if gh.creates != 1 || len(gh.comments) != 1 {
		t.Fatalf("creates %d comments %d", gh.creates, len(gh.comments))
	}
}

func TestPostOnceNeverEdits(t *testing.T) {
	s, gh := newService(t), newFake()
	ctx := context.Background()
	s.postOnce(ctx, gh, repo, 4, "reply:1", "first answer")
	s.postOnce(ctx, gh, repo, 4, "reply:1", "second answer")
	if gh.creates != 1 || gh.edits != 0 {
		t.Fatalf("creates %d edits %d", gh.creates, gh.edits)
	}
}
