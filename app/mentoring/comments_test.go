package mentoring_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/store"
)

func TestUpsertCommentPostsOnceThenEdits(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	n := w.issue()
	key := "welcome:o/r#1"
	var ids []int64
	for i, body := range []string{"first", "second", "third"} {
		id, err := mentoring.UpsertComment(w.svc, ctx, w.gh, repo, n, key, body)
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		ids = append(ids, id)
	}
	if creates, edits := w.writes(n); creates != 1 || edits != 2 {
		t.Fatalf("creates %d edits %d", creates, edits)
	}
	c := w.only(t, n)
	if !strings.HasPrefix(c.Body, "third") || !strings.Contains(c.Body, "<!-- mentorbot:welcome:o/r#1 -->") {
		t.Fatalf("comment %q", c.Body)
	}
	for _, id := range ids {
		if id != c.ID {
			t.Fatalf("upsert returned %v; the comment is %d", ids, c.ID)
		}
	}
}

// A crash after GitHub created the comment but before the store recorded
// its ID (the process died, or GitHub answered 502 after the write): the
// retry finds the marker on GitHub and edits, never posts twice.
func TestUpsertCommentAfterACrashFindsTheMarker(t *testing.T) {
	ctx := context.Background()
	key := "welcome:o/r#2"
	for _, tc := range []struct {
		name string
		land func(t *testing.T, w *world, n int)
	}{
		{"process died", func(t *testing.T, w *world, n int) {
			if err := w.svc.Store.BeginBotComment(ctx, key, "o/r", n); err != nil {
				t.Fatal(err)
			}
			if _, err := w.gh.CreateComment(ctx, repo, n, "hello\n\n"+mentoring.Marker(key)); err != nil {
				t.Fatal(err)
			}
		}},
		{"502 after the write", func(t *testing.T, w *world, n int) {
			w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", AfterWrite: true, Times: 1})
			if _, err := mentoring.UpsertComment(w.svc, ctx, w.gh, repo, n, key, "hello"); err == nil {
				t.Fatal("want the 502")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			n := w.issue()
			tc.land(t, w, n) // landed on GitHub; the store holds only the intent
			w.emu.ResetCalls()
			id, err := mentoring.UpsertComment(w.svc, ctx, w.gh, repo, n, key, "hello")
			if err != nil {
				t.Fatal(err)
			}
			if creates, edits := w.writes(n); creates != 0 || edits != 1 {
				t.Fatalf("creates %d edits %d: the retry posted again", creates, edits)
			}
			c := w.only(t, n)
			bc, err := w.svc.Store.GetBotComment(ctx, key)
			if err != nil || bc.State != store.CommentPosted || bc.CommentID != c.ID || id != c.ID {
				t.Fatalf("stored %+v %v, returned %d; want comment %d posted", bc, err, id, c.ID)
			}
		})
	}
}

// A POST that failed leaves the intent; the retry finds no marker and posts.
func TestUpsertCommentAfterAFailedPost(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	n := w.issue()
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", Status: 502, Times: 1})
	if _, err := mentoring.UpsertComment(w.svc, ctx, w.gh, repo, n, "k", "hi"); err == nil {
		t.Fatal("want the error")
	}
	if cs := w.emu.Comments(repo.Owner, repo.Name, n); len(cs) != 0 {
		t.Fatalf("the failed POST left %d comments", len(cs))
	}
	if _, err := mentoring.UpsertComment(w.svc, ctx, w.gh, repo, n, "k", "hi"); err != nil {
		t.Fatal(err)
	}
	if creates, _ := w.writes(n); creates != 1 {
		t.Fatalf("creates %d", creates)
	}
	if c := w.only(t, n); !strings.HasPrefix(c.Body, "hi") {
		t.Fatalf("comment %q", c.Body)
	}
}

func TestPostOnceNeverEdits(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	n := w.issue()
	for _, body := range []string{"first answer", "second answer"} {
		if err := mentoring.PostOnce(w.svc, ctx, w.gh, repo, n, "reply:1", body); err != nil {
			t.Fatal(err)
		}
	}
	if creates, edits := w.writes(n); creates != 1 || edits != 0 {
		t.Fatalf("creates %d edits %d", creates, edits)
	}
	if c := w.only(t, n); !strings.HasPrefix(c.Body, "first answer") {
		t.Fatalf("comment %q, want the first answer kept", c.Body)
	}
}
