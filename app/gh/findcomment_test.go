package gh

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/program"
)

// FindComment is cheap and bounded: on a long thread it reads the first
// page and the last (newest) page only, so it finds the welcome near the
// top and a notice near the bottom with at most two requests.
func TestFindCommentReadsFirstAndNewestPageOnly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := New(f.v3)
	r := program.Repo{Owner: testOrg, Name: testRepo}
	number := f.emu.OpenIssue(testOrg, testRepo, "newcomer", ghemu.IssueOptions{Title: "Hello"})
	welcome, err := c.CreateComment(ctx, r, number, "Welcome! <!-- mentorbot:welcome -->")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 150 {
		f.emu.Comment(testOrg, testRepo, number, "newcomer", fmt.Sprintf("comment %d", i))
	}
	middle, err := c.CreateComment(ctx, r, number, "Middle <!-- mentorbot:middle -->")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 150 {
		f.emu.Comment(testOrg, testRepo, number, "newcomer", fmt.Sprintf("later %d", i))
	}
	nudge, err := c.CreateComment(ctx, r, number, "Nudge <!-- mentorbot:nudge -->")
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		marker string
		id     int64
		found  bool
	}{
		{"<!-- mentorbot:welcome -->", welcome, true},
		{"<!-- mentorbot:nudge -->", nudge, true},
		{"<!-- mentorbot:middle -->", middle, false}, // page 2 of 4: beyond the bound
		{"<!-- mentorbot:absent -->", 0, false},
	} {
		f.emu.ResetCalls()
		id, found, err := c.FindComment(ctx, r, number, tc.marker)
		if err != nil || found != tc.found || (found && id != tc.id) {
			t.Errorf("FindComment(%s) = %d, %v, %v; want %d, %v", tc.marker, id, found, err, tc.id, tc.found)
		}
		var lists int
		for _, call := range f.emu.Calls() {
			if call.Method == "GET" && strings.HasSuffix(call.Path, "/comments") {
				lists++
			}
		}
		if lists == 0 || lists > 2 {
			t.Errorf("FindComment(%s) read %d pages; want at most 2", tc.marker, lists)
		}
	}
}
