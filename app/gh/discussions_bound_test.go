package gh

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

// Anyone can comment on a gathering's discussion: the activity read stops
// at MaxPages pages of comments and repliesPerNode replies per comment,
// and says so in the log.
func TestDiscussionActivityIsBounded(t *testing.T) {
	f := newFixture(t)
	var logs bytes.Buffer
	ctx := zerolog.New(&logs).WithContext(context.Background())
	repo, err := f.d.DiscussionRepository(ctx, testOrg, testRepo)
	if err != nil {
		t.Fatal(err)
	}
	var cat string
	for _, c := range repo.Categories {
		if c.Name == "Office Hours" {
			cat = c.ID
		}
	}
	post, err := f.d.CreateDiscussion(ctx, repo.ID, cat, "Office hours", "Agenda")
	if err != nil {
		t.Fatal(err)
	}
	n := post.Number
	comments := MaxPages*commentsPage + 50
	var first string
	for i := range comments {
		id := f.emu.CommentOnDiscussion(testOrg, testRepo, n, fmt.Sprintf("stranger%d", i%7), "me too")
		if i == 0 {
			first = id
		}
	}
	for range repliesPerNode + 20 {
		f.emu.ReplyToDiscussionComment(testOrg, testRepo, n, first, "stranger", "+1")
	}
	f.rec.mu.Lock()
	f.rec.docs = nil
	f.rec.mu.Unlock()
	act, err := f.d.DiscussionActivity(ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := MaxPages*commentsPage + repliesPerNode; len(act.Comments) != want {
		t.Errorf("read %d comments and replies, want %d", len(act.Comments), want)
	}
	if got := len(f.rec.docs); got != MaxPages {
		t.Errorf("%d queries, want %d", got, MaxPages)
	}
	for _, what := range []string{`"listing":"discussion comments"`, `"listing":"discussion replies"`, `"left_out":20`} {
		if !strings.Contains(logs.String(), what) {
			t.Errorf("no log of the cut (%s):\n%s", what, logs.String())
		}
	}
}
