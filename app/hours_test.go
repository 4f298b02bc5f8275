package app

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

const communityRepo = "community"

// hoursWeekday is the day of the week of the sessions: five days from
// today, so that the service's own scheduler, which runs on the real clock
// while a test runs, has nothing to announce (the next announcement is two
// days away) and nothing to recap (no session was announced before).
var hoursWeekday = time.Now().UTC().AddDate(0, 0, 5).Weekday()

// officeHoursMentorship runs weekly office hours in octo-org/community,
// announced three days ahead, with recaps as comments on the announcement.
var officeHoursMentorship = defaultMentorship + `office_hours:
  repository: community
  category: Office Hours
  cadence: weekly
  weekday: ` + strings.ToLower(hoursWeekday.String()) + `
  times: ["17:00"]
  duration_minutes: 60
  announce_days_before: 3
`

// newHoursWorld adds octo-org/community, with Discussions on and the
// given categories, to the app's installation.
func newHoursWorld(t *testing.T, categories ...string) *world {
	t.Helper()
	w := newWorld(t, officeHoursMentorship)
	w.emu.AddRepo(org, communityRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(installationID, org, repoName, communityRepo)
	w.emu.SetDiscussions(org, communityRepo, true)
	for _, c := range categories {
		w.emu.AddDiscussionCategory(org, communityRepo, c)
	}
	return w
}

// nextSession is a session a month or more ahead, whatever today is.
func nextSession(t *testing.T) schedule.Session {
	t.Helper()
	plan := schedule.Plan{Cadence: schedule.Weekly, Weekday: hoursWeekday, Times: []string{"17:00"}, Duration: time.Hour,
		AnnounceBefore: 72 * time.Hour}
	return plan.Sessions(time.Now().AddDate(0, 1, 0), 1)[0]
}

// inCategory lists the discussions of octo-org/community in a category.
func (w *world) inCategory(name string) []ghemu.Discussion {
	var id int64
	for _, c := range w.emu.DiscussionCategories(org, communityRepo) {
		if c.Name == name {
			id = c.ID
		}
	}
	var out []ghemu.Discussion
	for _, d := range w.emu.Discussions(org, communityRepo) {
		if d.CategoryID == id {
			out = append(out, d)
		}
	}
	return out
}

// botDiscussionComments are the app's comments and replies on a discussion.
func (w *world) botDiscussionComments(number int) []*ghemu.DiscussionComment {
	var out []*ghemu.DiscussionComment
	for _, c := range w.emu.Discussion(org, communityRepo, number).Comments {
		if c.Author == w.emu.BotLogin() {
			out = append(out, c)
		}
	}
	return out
}

// checkGraphQLDocuments validates every GraphQL document the app sent
// against GitHub's schema.
func (w *world) checkGraphQLDocuments() {
	w.t.Helper()
	n := 0
	for _, c := range w.emu.Calls() {
		if c.Kind != "graphql" {
			continue
		}
		var in struct{ Query string }
		if err := json.Unmarshal(c.Body, &in); err != nil {
			w.t.Fatal(err)
		}
		if err := ghemu.ValidateDocument(in.Query); err != nil {
			w.t.Errorf("invalid document sent:\n%s\n%v", in.Query, err)
		}
		n++
	}
	if n == 0 {
		w.t.Error("no GraphQL document was sent")
	}
}

func TestOfficeHoursAnnouncedOnceAndRecapped(t *testing.T) {
	w := newHoursWorld(t, "Office Hours")
	s := nextSession(t)
	announceAt := s.Start.Add(-72 * time.Hour)

	w.scheduleAt(announceAt.Add(-time.Minute))
	if got := w.inCategory("Office Hours"); len(got) != 0 {
		t.Fatalf("announced too early: %d", len(got))
	}
	w.scheduleAt(announceAt)
	w.scheduleAt(announceAt.Add(time.Minute))
	w.scheduleAt(announceAt.Add(2 * time.Hour))
	anns := w.inCategory("Office Hours")
	if len(anns) != 1 {
		t.Fatalf("%d announcements, want 1", len(anns))
	}
	ann := anns[0]
	if ann.Author != w.emu.BotLogin() || ann.Title != schedule.AnnouncementTitle(s, org) {
		t.Fatalf("announcement by %s titled %q", ann.Author, ann.Title)
	}
	// cy, in Kolkata, would be at 22:30: outside the waking hours, so ana
	// and bo share the three roles.
	if m := mentions(ann.Body); !slices.Equal(m, []string{"ana", "bo", "ana"}) {
		t.Fatalf("the announcement mentions %v, want ana, bo and ana again", m)
	}
	for _, want := range []string{"America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "## Facilitators", "👍 attending"} {
		if !strings.Contains(ann.Body, want) {
			t.Errorf("announcement lacks %q", want)
		}
	}

	// People react, comment and use the commands.
	w.emu.ReactToDiscussion(org, communityRepo, ann.Number, "newbie", "THUMBS_UP")
	w.emu.ReactToDiscussion(org, communityRepo, ann.Number, "bo", "THUMBS_UP")
	w.emu.ReactToDiscussion(org, communityRepo, ann.Number, "cy", "CONFUSED")
	top := w.emu.CommentOnDiscussion(org, communityRepo, ann.Number, "newbie", "I'll bring questions.\n- [ ] Try the dev container")
	w.emu.ReplyToDiscussionComment(org, communityRepo, ann.Number, top, "ana", "Great!\n/action Write a dev container guide\n/kudos @newbie for testing")
	w.emu.CommentOnDiscussion(org, communityRepo, ann.Number, "ana", "Always run `make check` first.\n/faq")
	w.settle()
	replies := w.botDiscussionComments(ann.Number)
	if len(replies) != 2 {
		t.Fatalf("%d replies to the commands, want 2", len(replies))
	}
	if !strings.Contains(replies[0].Body, "goes into the recap") || !strings.Contains(replies[0].Body, "kudos to `newbie`") ||
		replies[0].ReplyTo == 0 {
		t.Fatalf("reply in the thread: %+v", replies[0])
	}

	w.scheduleAt(s.End.Add(-time.Minute))
	if n := len(w.botDiscussionComments(ann.Number)); n != 2 {
		t.Fatalf("recap before the session ended")
	}
	w.scheduleAt(s.End)
	w.scheduleAt(s.End.Add(time.Minute))
	all := w.botDiscussionComments(ann.Number)
	if len(all) != 3 {
		t.Fatalf("%d bot comments, want 2 replies and 1 recap", len(all))
	}
	recap := all[2].Body
	for _, want := range []string{
		"👍 2 attending · 😕 1 maybe · 2 people commented in the announcement",
		"- [ ] Try the dev container (newbie)", "- [ ] Write a dev container guide (ana)",
		"- @newbie: for testing (from ana)", "Always run", "React 👍 useful / 👎 not",
		"<!-- mentorbot:office-hours:recap:octo-org/community:" + s.Key + " -->",
	} {
		if !strings.Contains(recap, want) {
			t.Errorf("recap lacks %q:\n%s", want, recap)
		}
	}
	if m := mentions(recap); !slices.Equal(m, []string{"newbie"}) {
		t.Errorf("the recap mentions %v, want only the kudos recipient", m)
	}
	w.checkGraphQLDocuments()
}

func TestOfficeHoursMissingCategoryIsReportedNotFatal(t *testing.T) {
	w := newHoursWorld(t) // Discussions on, GitHub's default categories only
	s := nextSession(t)
	announceAt := s.Start.Add(-72 * time.Hour)
	w.scheduleAt(announceAt) // fails the test if the job returns an error
	w.scheduleAt(announceAt.Add(time.Minute))
	if n := len(w.emu.Discussions(org, communityRepo)); n != 0 {
		t.Fatalf("%d discussions without the category", n)
	}
	var notices []ghemu.Issue
	for _, is := range w.emu.Issues(org, repoName) {
		if strings.Contains(is.Title, "Office hours") {
			notices = append(notices, is)
		}
	}
	if len(notices) != 1 || !strings.Contains(notices[0].Title, `category "Office Hours" is missing in octo-org/community`) ||
		!strings.Contains(notices[0].Body, "`Announcements`") {
		t.Fatalf("notices %+v", notices)
	}

	w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
	w.scheduleAt(announceAt.Add(time.Hour))
	if n := len(w.inCategory("Office Hours")); n != 1 {
		t.Fatalf("%d announcements after the fix", n)
	}
	if is := w.emu.Issue(org, repoName, notices[0].Number); is.State != "closed" {
		t.Fatalf("the notice is %s", is.State)
	}
	w.checkGraphQLDocuments()
}

func TestOfficeHoursWithDiscussionsOff(t *testing.T) {
	w := newHoursWorld(t, "Office Hours")
	w.emu.SetDiscussions(org, communityRepo, false)
	s := nextSession(t)
	w.scheduleAt(s.Start.Add(-72 * time.Hour))
	w.scheduleAt(s.Start.Add(-71 * time.Hour))
	n := 0
	for _, is := range w.emu.Issues(org, repoName) {
		if strings.Contains(is.Title, "Discussions are turned off in octo-org/community") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d notices, want 1", n)
	}
}

func TestOfficeHoursCommandPermissions(t *testing.T) {
	w := newHoursWorld(t, "Office Hours")
	// The app is on in octo-org/community too, so commands count in its
	// other discussions.
	w.emu.PutFile(org, communityRepo, ".github/mentorship.yml", []byte(officeHoursMentorship))
	s := nextSession(t)
	w.scheduleAt(s.Start.Add(-72 * time.Hour))
	ann := w.inCategory("Office Hours")[0]
	other := w.emu.OpenDiscussion(org, communityRepo, "General", "newbie", "How do I build?", "Help")

	w.emu.CommentOnDiscussion(org, communityRepo, ann.Number, "newbie", "Here is how I did it.\n/faq")
	w.emu.CommentOnDiscussion(org, communityRepo, other, "newbie", "/action Write build docs")
	w.emu.CommentOnDiscussion(org, communityRepo, other, "bo", "/claim")
	n := w.emu.OpenIssue(org, repoName, "newbie", ghemu.IssueOptions{Title: "Thanks"})
	w.settle()
	w.emu.Comment(org, repoName, n, "newbie", "/kudos @bo for the quick review\n/action nope")
	w.settle()

	want := map[int]string{
		ann.Number: "Sorry @newbie, only mentors listed in the mentorship configuration can add answers to the FAQ.",
		other:      "Sorry @newbie, action items can be added only in an office-hours discussion.",
	}
	for number, text := range want {
		got := w.botDiscussionComments(number)
		if len(got) == 0 || !strings.Contains(got[0].Body, text) {
			t.Errorf("discussion #%d: replies %v, want %q", number, got, text)
		}
	}
	if got := w.botDiscussionComments(other); len(got) != 2 || !strings.Contains(got[1].Body, "`/claim` works in issues and pull requests") {
		t.Errorf("/claim in a discussion: %v", got)
	}
	var issueReply string
	for _, b := range w.botComments(n) {
		if strings.Contains(b, "command-reply:") {
			issueReply = b
		}
	}
	if !strings.Contains(issueReply, "kudos to `bo`") || !strings.Contains(issueReply, "only in an office-hours discussion") {
		t.Errorf("issue reply %q", issueReply)
	}
}

// GitHub's own discussion_comment examples (created, edited, deleted) are
// stored and handled at the first try; they hold no command, so the
// handler needs no GitHub call (this service has none to call).
func TestDiscussionCommentPayloadsAreHandled(t *testing.T) {
	r := start(t, testConfig(t, ""))
	files := payloadFiles(t, "discussion_comment")
	// Our edit: an edit that keeps the only command it had.
	edited := editJSON(t, readPayload(t, "webhooks/discussion_comment/edited.payload.json"), func(m map[string]any) {
		m["comment"].(map[string]any)["body"] = "Thanks!\n/kudos @octocat for the answer"
		m["changes"] = map[string]any{"body": map[string]any{"from": "/kudos @octocat for the answer"}}
	})
	bodies := map[string][]byte{"ours: edited, same command": edited}
	for _, f := range files {
		bodies[f] = readPayload(t, f)
	}
	for name, body := range bodies {
		id := newDeliveryID()
		if res := post(t, r.url, "discussion_comment", id, body); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", name, res.StatusCode)
		}
		if d := waitState(t, r.app.Store(), id, store.StateDone); d.Attempts != 1 {
			t.Fatalf("%s: handled in %d attempts", name, d.Attempts)
		}
	}
}
