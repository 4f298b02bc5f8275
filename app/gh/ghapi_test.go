package gh

import (
	"context"
	"testing"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/program"
)

// FindComment takes only this app's bot comments for its own: another
// app's bot or a person who copies the hidden marker is not us.
func TestFindCommentMatchesOnlyThisApp(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := New(f.v3)
	r := program.Repo{Owner: testOrg, Name: testRepo}
	const marker = "<!-- mentorbot:welcome -->"
	number := f.emu.OpenIssue(testOrg, testRepo, "newcomer", ghemu.IssueOptions{Title: "Hello"})
	f.emu.AddBot("copycat[bot]")
	f.emu.Comment(testOrg, testRepo, number, "copycat[bot]", "Welcome! "+marker)
	f.emu.Comment(testOrg, testRepo, number, "newcomer", "quoting: "+marker)

	c.appID = 1 // as Installations.API makes it for app 1
	if id, found, err := c.FindComment(ctx, r, number, marker); err != nil || found {
		t.Fatalf("FindComment() = %d, %v, %v; want not found: only another app's bot and a person carry the marker", id, found, err)
	}
	ours, err := c.CreateComment(ctx, r, number, "Welcome! "+marker)
	if err != nil {
		t.Fatal(err)
	}
	if id, found, err := c.FindComment(ctx, r, number, marker); err != nil || !found || id != ours {
		t.Errorf("FindComment() = %d, %v, %v; want our comment %d", id, found, err, ours)
	}
	c.appID = 2 // another app's ID: its bot is not this one
	if id, found, err := c.FindComment(ctx, r, number, marker); err != nil || found {
		t.Errorf("FindComment() as app 2 = %d, %v, %v; want not found", id, found, err)
	}
}
