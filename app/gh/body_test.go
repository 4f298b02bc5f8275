package gh

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/program"
)

func TestFitBody(t *testing.T) {
	marker := "<!-- mentorbot:welcome:o/r#1 -->"
	for _, tt := range []struct {
		name string
		body string
		cut  bool
	}{
		{"short", "Welcome!\n\n" + marker, false},
		{"exactly the limit", strings.Repeat("a", maxBody), false},
		{"long with a marker", strings.Repeat("ä", maxBody) + "\n\n" + marker, true},
		{"long multibyte without a marker", strings.Repeat("🎉", maxBody+10), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := fitBody(tt.body)
			if n := utf8.RuneCountInString(got); n > maxBody {
				t.Fatalf("%d characters", n)
			}
			if !utf8.ValidString(got) {
				t.Fatal("cut inside a character")
			}
			if cut := got != tt.body; cut != tt.cut {
				t.Fatalf("cut %v, want %v", cut, tt.cut)
			}
			if strings.Contains(tt.body, marker) && !strings.HasSuffix(got, marker) {
				t.Fatal("the hidden marker was lost")
			}
			if tt.cut && !strings.Contains(got, "cut here") {
				t.Fatal("a cut body does not say so")
			}
		})
	}
}

// GitHub refuses a body over 65,536 characters with 422; the client cuts
// it instead, and the bot still finds its comment by the marker.
func TestLongCommentIsCutNotRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := New(f.v3)
	r := program.Repo{Owner: testOrg, Name: testRepo}
	number := f.emu.OpenIssue(testOrg, testRepo, "newcomer", ghemu.IssueOptions{Title: "Hello"})
	marker := "<!-- mentorbot:recap:long -->"
	id, err := c.CreateComment(ctx, r, number, strings.Repeat("kudos ", 20000)+marker)
	if err != nil {
		t.Fatalf("a long body was refused: %v", err)
	}
	if got, found, err := c.FindComment(ctx, r, number, marker); err != nil || !found || got != id {
		t.Fatalf("FindComment = %d, %v, %v; want %d", got, found, err, id)
	}
	if err := c.EditComment(ctx, r, id, strings.Repeat("longer ", 20000)+marker); err != nil {
		t.Fatalf("a long edit was refused: %v", err)
	}
}

// GitHub refuses a label over 50 characters with 422 for the whole
// request; the client adds the others and leaves that one out.
func TestLabelTooLongIsLeftOutNotRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := New(f.v3)
	r := program.Repo{Owner: testOrg, Name: testRepo}
	number := f.emu.OpenIssue(testOrg, testRepo, "newcomer", ghemu.IssueOptions{Title: "Hello"})
	long := strings.Repeat("x", 51)
	if err := c.AddLabels(ctx, r, number, []string{"first-timer", long}); err != nil {
		t.Fatalf("AddLabels: %v", err)
	}
	if got := f.emu.Labels(testOrg, testRepo, number); len(got) != 1 || got[0] != "first-timer" {
		t.Fatalf("labels = %q, want only first-timer", got)
	}
	if err := c.AddLabels(ctx, r, number, []string{long}); err != nil {
		t.Fatalf("AddLabels of only a long label: %v", err)
	}
}
