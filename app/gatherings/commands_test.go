package gatherings_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// commandWorld has an announced session and a discussion that is not
// about office hours.
type commandWorld struct {
	*world
	ann, other ghemu.Discussion
}

func newCommandWorld(t *testing.T) *commandWorld {
	w := newWorld(t, baseConfig)
	w.addRepo(community, true, "General", "Office Hours")
	w.mustRun(announceAt)
	other := w.emu.OpenDiscussion(owner, "community", "General", "bo", "How do I build?", "Help")
	return &commandWorld{world: w, ann: w.discussions("Office Hours")[0], other: w.emu.Discussion(owner, "community", other)}
}

// say writes a comment in a discussion and runs its commands.
func (w *commandWorld) say(d ghemu.Discussion, parent, author, body string, own bool) *ghemu.DiscussionComment {
	w.t.Helper()
	c := w.comment(d.Number, parent, author, body)
	cm := comment(c, parent != "", own)
	if err := w.svc.DiscussionCommands(context.Background(), w.gh, w.cfg, place(d), cm, readNew(cm)); err != nil {
		w.t.Fatal(err)
	}
	return c
}

// readNew reads the commands of a comment as the handler does: those its
// edit added, from a stranger.
func readNew(c gatherings.Comment) commands.Reading {
	return commands.Select(gatherings.NewCommands(c.Before, commands.Parse(c.Body)), false)
}

func place(d ghemu.Discussion) gatherings.Place {
	return gatherings.Place{Repo: program.Repo{Owner: "acme", Name: "community"}, DiscussionID: d.NodeID, Number: d.Number, Title: d.Title}
}

func comment(c *ghemu.DiscussionComment, reply, own bool) gatherings.Comment {
	return gatherings.Comment{ID: c.NodeID, IsReply: reply, Author: c.Author, Association: "NONE", Body: c.Body, Own: own,
		URL: "https://github.example/c/" + c.NodeID, At: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
}

// replies are the bot's replies in the thread of comment c.
func (w *commandWorld) replies(d ghemu.Discussion, c *ghemu.DiscussionComment) []string {
	var out []string
	for _, r := range w.botComments(d.Number) {
		if r.ReplyTo == c.ID {
			out = append(out, r.Body)
		}
	}
	return out
}

// notes lists everything recorded, without marking it reported.
func (w *commandWorld) notes() store.RecapNotes {
	w.t.Helper()
	n, err := w.db.TakeRecapNotes(context.Background(), store.RecapPeriod{Owner: "acme", Target: community,
		Report: "test", Until: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), SessionStart: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		w.t.Fatal(err)
	}
	return n
}

func TestDiscussionCommandsFollowThePermissionRules(t *testing.T) {
	t.Parallel()
	w := newCommandWorld(t)
	c := w.say(w.ann, "", "newbie", "Thanks all!\n/kudos @ana for the great walkthrough\n/action Update the README\n/faq", true)
	got := w.replies(w.ann, c)
	if len(got) != 1 {
		t.Fatalf("%d replies, want 1 for all commands", len(got))
	}
	for _, want := range []string{
		"Noted: kudos to `ana` will be in the next recap.",
		"Noted: this action item goes into the recap of the session on Thu 3 Dec 2026.",
		"Sorry @newbie, only mentors listed in the mentorship configuration can add answers to the FAQ.",
	} {
		if !strings.Contains(got[0], want) {
			t.Errorf("reply lacks %q:\n%s", want, got[0])
		}
	}
	// A redelivery changes nothing.
	if err := w.svc.DiscussionCommands(context.Background(), w.gh, w.cfg, place(w.ann), comment(c, false, true), readNew(comment(c, false, true))); err != nil {
		t.Fatal(err)
	}
	if n := len(w.replies(w.ann, c)); n != 1 {
		t.Fatalf("%d replies after a redelivery", n)
	}

	mine := w.say(w.ann, "", "ana", "Run `make test` before pushing.\n/faq", true)
	notOwn := w.say(w.ann, "", "ana", "Someone else's answer\n/faq", false)
	empty := w.say(w.ann, "", "ana", "/faq", true)
	elsewhere := w.say(w.other, "", "bo", "/action Plan the sprint", true)
	wrongPlace := w.say(w.other, "", "bo", "/mentor", true)
	typo := w.say(w.other, "", "bo", "/kudos ana", true)
	self := w.say(w.other, "", "bo", "/kudos @bo me", true)
	for _, tc := range []struct {
		d    ghemu.Discussion
		c    *ghemu.DiscussionComment
		want string
	}{
		{w.ann, mine, "Saved to the FAQ: the next recap lists it."},
		{w.ann, notOwn, "Sorry @ana, a mentor can add only their own comments to the FAQ."},
		{w.ann, empty, "there is no answer to save here"},
		{w.other, elsewhere, "Sorry @bo, action items can be added only in an office-hours discussion."},
		{w.other, wrongPlace, "Sorry @bo, `/mentor` works in issues and pull requests, not in discussions."},
		{w.other, typo, "Sorry @bo, I could not run that: /kudos: the person to thank comes first"},
		{w.other, self, "Sorry @bo, kudos are for thanking someone else."},
	} {
		r := w.replies(tc.d, tc.c)
		if len(r) != 1 || !strings.Contains(r[0], tc.want) {
			t.Errorf("%q: replies %q, want %q", tc.c.Body, r, tc.want)
		}
	}

	n := w.notes()
	if len(n.Kudos) != 1 || n.Kudos[0].Recipient != "ana" || n.Kudos[0].Giver != "newbie" || n.Kudos[0].Reason != "for the great walkthrough" {
		t.Fatalf("kudos %+v", n.Kudos)
	}
	if len(n.FAQ) != 1 || n.FAQ[0].Excerpt != "Run `make test` before pushing." || n.FAQ[0].URL != "https://github.example/c/"+mine.NodeID {
		t.Fatalf("faq %+v", n.FAQ)
	}
	if len(n.Actions) != 1 || n.Actions[0].Text != "Update the README" || n.Actions[0].SessionKey != "2026-12-03T17:00Z" {
		t.Fatalf("actions %+v", n.Actions)
	}
}

func TestRepliesGoToTheThreadAndEditsRunOnlyNewCommands(t *testing.T) {
	t.Parallel()
	w := newCommandWorld(t)
	top := w.comment(w.ann.Number, "", "bo", "Question?")
	c := w.say(w.ann, top.NodeID, "newbie", "/kudos @ana thanks", true)
	if got := w.replies(w.ann, top); len(got) != 1 || !strings.Contains(got[0], "`ana`") {
		t.Fatalf("reply to a reply goes to its thread: %q", got)
	}
	edited := comment(c, true, true)
	edited.Before, edited.Body = c.Body, c.Body+"\n/kudos @bo for answering"
	if err := w.svc.DiscussionCommands(context.Background(), w.gh, w.cfg, place(w.ann), edited, readNew(edited)); err != nil {
		t.Fatal(err)
	}
	got := w.replies(w.ann, top)
	if len(got) != 2 || strings.Contains(got[1], "`ana`") || !strings.Contains(got[1], "`bo`") {
		t.Fatalf("after the edit: %q", got)
	}
	if n := w.notes(); len(n.Kudos) != 2 {
		t.Fatalf("kudos %+v", n.Kudos)
	}
}

func TestActionAfterTheRecapGoesToTheNextOne(t *testing.T) {
	t.Parallel()
	w := newCommandWorld(t)
	w.mustRun(sessionStart.Add(2 * time.Hour)) // recap written
	c := w.say(w.ann, "", "newbie", "/action Follow up on the release", true)
	if got := w.replies(w.ann, c); len(got) != 1 || !strings.Contains(got[0], "goes into the next recap") {
		t.Fatalf("replies %q", got)
	}
	w.mustRun(sessionStart.Add(7*24*time.Hour - 72*time.Hour))
	w.mustRun(sessionStart.Add(7*24*time.Hour + time.Hour))
	next := w.discussions("Office Hours")[1]
	recaps := w.botComments(next.Number)
	if len(recaps) != 1 || !strings.Contains(recaps[0].Body, "- [ ] Follow up on the release (newbie)") {
		t.Fatalf("next recap %v", recaps)
	}
}

func TestIssueCommands(t *testing.T) {
	t.Parallel()
	w := newCommandWorld(t)
	pl := gatherings.Place{Repo: program.Repo{Owner: "acme", Name: "widgets"}, Number: 7}
	run := func(cfg *repoconfig.Config, id, author, body string) []string {
		t.Helper()
		c := gatherings.Comment{ID: id, Author: author, Association: "NONE", Body: body, Own: true, URL: "https://github.example/i/7#" + id, At: sessionStart}
		got, err := w.svc.IssueCommands(context.Background(), cfg, pl, c, commands.Parse(body))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.IssueCommands(context.Background(), cfg, pl, c, commands.Parse(body)); err != nil { // redelivered
			t.Fatal(err)
		}
		return got
	}
	if got := run(w.cfg, "1", "newbie", "/kudos @bo thanks for the review"); len(got) != 1 || !strings.Contains(got[0], "kudos to `bo`") {
		t.Fatalf("kudos: %q", got)
	}
	if got := run(w.cfg, "2", "newbie", "/action Do it"); len(got) != 1 || !strings.Contains(got[0], "only in an office-hours discussion") {
		t.Fatalf("action: %q", got)
	}
	if got := run(w.cfg, "3", "newbie", "/mentor\n/kudos bo"); len(got) != 0 {
		t.Fatalf("other features' commands and syntax errors were answered: %q", got)
	}
	off, err := repoconfig.Parse([]byte("version: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := run(off, "4", "newbie", "/kudos @bo hi"); len(got) != 1 || !strings.Contains(got[0], "No gatherings are set up here") {
		t.Fatalf("office hours off: %q", got)
	}
	if n := w.notes(); len(n.Kudos) != 1 || n.Kudos[0].URL != "https://github.example/i/7#1" {
		t.Fatalf("kudos %+v", n.Kudos)
	}
	for _, tc := range []struct {
		before, body string
		want         int
	}{
		{"", "/mentor", 1},
		{"", "no commands", 0},
		{"/kudos @bo thanks", "Edited.\n/kudos  @bo  Thanks", 0},
		{"/kudos @bo thanks", "/kudos @bo thanks\n/action more", 1},
	} {
		if got := gatherings.NewCommands(tc.before, commands.Parse(tc.body)); len(got) != tc.want {
			t.Errorf("NewCommands(%q, %q) = %+v", tc.before, tc.body, got)
		}
	}
}

func TestKudosCountAtMostThreePerPerson(t *testing.T) {
	t.Parallel()
	w := newCommandWorld(t)
	var body strings.Builder
	for i := range 200 {
		fmt.Fprintf(&body, "/kudos @victim%d thanks\n", i)
	}
	c := w.say(w.ann, "", "flooder", body.String(), true)
	if n := w.notes(); len(n.Kudos) != 3 {
		t.Fatalf("%d kudos recorded, want 3", len(n.Kudos))
	}
	got := w.replies(w.ann, c)
	if len(got) != 1 || strings.Count(got[0], "Noted: kudos") != 3 || !strings.Contains(got[0], "the most it counts from one person") ||
		!strings.Contains(got[0], "I read at most 5 commands") {
		t.Fatalf("replies %q", got)
	}
}
