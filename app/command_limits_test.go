package app

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// Hostile comments, through the real service and the emulator: no comment
// makes the bot flood a thread or ping people (contract section 5, Limits).

// newBotComments returns the bot's comments on an item after the first skip.
func newBotComments(w *world, n, skip int) []string {
	return w.botComments(n)[skip:]
}

func TestNearMissFloodFromAStrangerGetsNoReply(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	before := len(w.botComments(n))
	body := strings.Repeat("/mentr\n", 64*1024/len("/mentr\n"))
	say(w, n, "stranger", body)
	if got := newBotComments(w, n, before); len(got) != 0 {
		t.Fatalf("%d bot comments on a 64 KB comment of /mentr from a stranger, want 0", len(got))
	}
}

func TestClaimFlipFloodGetsOneReply(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Fix the docs index", "area/docs")
	before := len(w.botComments(n))
	say(w, n, "newbie", strings.Repeat("/claim\n/unclaim\n", 20))
	got := newBotComments(w, n, before)
	if len(got) != 1 {
		t.Fatalf("%d bot comments, want 1: %q", len(got), got)
	}
	mentorMentions := 0
	for _, m := range mentions(got[0]) {
		if m == "ana" || m == "bo" || m == "cy" {
			mentorMentions++
		}
	}
	if mentorMentions > 1 {
		t.Fatalf("the mentor is mentioned %d times:\n%s", mentorMentions, got[0])
	}
	if !strings.Contains(got[0], "is yours now") || !strings.Contains(got[0], "the issue is released") ||
		!strings.Contains(got[0], "38 more command lines were ignored") {
		t.Fatalf("reply:\n%s", got[0])
	}
	if _, ok := activeClaim(w, n); ok {
		t.Fatal("the last command read, /unclaim, did not release the issue")
	}
}

func TestKudosFloodMentionsNoStranger(t *testing.T) {
	w := newHoursWorld(t, "Office Hours")
	s := nextSession(t)
	w.scheduleAt(s.Start.Add(-72 * time.Hour))
	ann := w.inCategory("Office Hours")[0]
	w.emu.CommentOnDiscussion(org, communityRepo, ann.Number, "newbie", "I'll be there.")
	var body strings.Builder
	for i := range 200 {
		fmt.Fprintf(&body, "/kudos @victim%d thanks\n", i)
	}
	w.emu.CommentOnDiscussion(org, communityRepo, ann.Number, "flooder", body.String())
	w.emu.CommentOnDiscussion(org, communityRepo, ann.Number, "ana", "/kudos @newbie for testing")
	w.settle()
	if got := w.botDiscussionComments(ann.Number); len(got) != 2 {
		t.Fatalf("%d replies, want one per comment with commands", len(got))
	}
	w.scheduleAt(s.End)
	all := w.botDiscussionComments(ann.Number)
	recap := all[len(all)-1].Body
	if !strings.Contains(recap, "## Kudos") {
		t.Fatalf("no recap:\n%s", recap)
	}
	if m := mentions(recap); !slices.Equal(m, []string{"newbie"}) {
		t.Errorf("the recap mentions %v, want only newbie, who took part", m)
	}
	if got := strings.Count(recap, "(from flooder)"); got != 3 {
		t.Errorf("the recap counts %d kudos from one person, want 3", got)
	}
}

func TestMentorFloodLeavesAMentorForANewcomer(t *testing.T) {
	w := newWorld(t, `version: 1
mentors:
  - login: ana
    capacity: 1
  - login: bo
    capacity: 1
`)
	ctx := context.Background()
	regular := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Throwaway"})
	for i := range 10 {
		login := fmt.Sprintf("throwaway%d", i)
		// Returning contributors: not first-timers.
		if err := w.db.SaveLookup(ctx, org, login, "issue", 3); err != nil {
			t.Fatal(err)
		}
		n := w.emu.OpenIssue(org, repoName, login, ghemu.IssueOptions{Title: "Throwaway"})
		w.emu.Comment(org, repoName, n, login, "/mentor")
		w.emu.Comment(org, repoName, regular, login, "/mentor")
	}
	w.settle()
	for n := 1; n <= 11; n++ {
		if m, err := w.db.GetMentorship(ctx, org+"/"+repoName, n); err == nil {
			t.Errorf("#%d got a mentorship: %+v", n, m)
		}
		replies := w.botComments(n)
		if n != regular && (len(replies) != 1 || !strings.Contains(replies[0], "only with a first-time contributor")) {
			t.Errorf("#%d: replies %q, want one polite refusal", n, replies)
		}
	}
	pr := w.openPR("realnewbie")
	w.settle()
	if m := w.mentorOf(pr); m == "" {
		t.Fatal("a real first-time pull request got no mentor")
	}
}

func TestRedeliveredCommandsGetOneReply(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	before := len(w.botComments(n))
	say(w, n, "stranger", "/mentor reassign\n/kudos @bo thanks\n/mentr")
	replayAll(w, "issue_comment")
	for _, d := range w.emu.Deliveries() {
		if d.Event == "issue_comment" {
			if _, err := w.emu.Redeliver(d.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.settle()
	got := newBotComments(w, n, before)
	if len(got) != 1 || !strings.Contains(got[0], "Sorry @stranger") || !strings.Contains(got[0], "`bo`") {
		t.Fatalf("replies %q", got)
	}
}

func TestReplyBudgetPerPerson(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	n := w.openPR("newbie")
	w.settle()
	before := len(w.botComments(n))
	for i := range 12 {
		w.emu.Comment(org, repoName, n, "stranger", fmt.Sprintf("/mentor reassign please %d", i))
	}
	w.settle()
	if got := len(newBotComments(w, n, before)); got != 10 {
		t.Fatalf("%d replies to 12 commenting comments, want the budget of 10", got)
	}
}

// A reply that fails to post is gathered again by the retry: the claim's
// answer is not lost with the first attempt.
func TestFailedReplyIsAnsweredByTheRetry(t *testing.T) {
	w := newWorld(t, claimsMentorship)
	n := openStarterTask(w, "Fix the docs index", "area/docs")
	before := len(w.botComments(n))
	w.emu.InjectFault(ghemu.Fault{Method: "POST", Path: "/repos/*/*/issues/*/comments", Status: http.StatusInternalServerError, Times: 1})
	say(w, n, "newbie", "/claim\n/kudos @ana thanks")
	got := newBotComments(w, n, before)
	if len(got) != 1 || !strings.Contains(got[0], "is yours now") || !strings.Contains(got[0], "@ana") || !strings.Contains(got[0], "`ana`") {
		t.Fatalf("replies %q", got)
	}
	if c, ok := activeClaim(w, n); !ok || c.Login != "newbie" {
		t.Fatalf("claim %+v", c)
	}
}
