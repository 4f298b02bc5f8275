package mentoring

import (
	"flag"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/internal/golden"
	"github.com/mentorbot/mentorbot/app/mentoring/selection"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.md")

// goldenNow is the fixed moment the texts are rendered at.
var goldenNow = time.Date(2026, 12, 2, 14, 30, 0, 0, time.UTC)

// mentoringTexts renders every text of the program that people read: the
// welcome, handovers, the nudge, the idle note and each /mentor reply.
func mentoringTexts(t *testing.T) map[string]string {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	cfg := repoconfig.Default()
	cands := []selection.Candidate{
		{Login: "mentor-ana", Capacity: 3, Order: 0, Location: berlin},
		{Login: "mentor-bo", Capacity: 3, Order: 1, Active: 1},
		{Login: "mentor-cy", Capacity: 3, Order: 2, AwayUntil: goldenNow.Add(72 * time.Hour)},
	}
	decision := selection.Select(cands, selection.Request{Author: "newbie-fox", Now: goldenNow})
	s := &Service{Now: func() time.Time { return goldenNow }}
	pr := program.Item{Repo: program.Repo{Owner: "acme", Name: "widgets"}, Number: 42, Kind: program.KindPullRequest, Author: "newbie-fox"}
	issue := pr
	issue.Kind = program.KindIssue
	welcome := func(it program.Item, mentor string, d selection.Decision) string {
		body, err := s.welcomeBody(cfg, it, store.Mentorship{Mentor: mentor}, d, "https://github.com/acme/community/discussions/7")
		if err != nil {
			t.Fatal(err)
		}
		return body
	}
	nobody := selection.Select([]selection.Candidate{{Login: "mentor-ana", Capacity: 1, Active: 1}}, selection.Request{Author: "newbie-fox", Now: goldenNow})
	out := map[string]string{
		"welcome-pr":               welcome(pr, decision.Mentor, decision),
		"welcome-issue":            welcome(issue, decision.Mentor, decision),
		"welcome-waiting":          welcome(pr, "", nobody),
		"paired-from-waiting":      pairedNote("newbie-fox", "mentor-ana", 48),
		"handover-away":            awayHandoverNote("newbie-fox", "mentor-cy", "mentor-ana"),
		"handover-no-reply":        handoverNote("newbie-fox", "mentor-bo", false),
		"handover-asked":           handoverNote("newbie-fox", "mentor-bo", true),
		"nudge":                    nudgeNote("mentor-ana", "newbie-fox", 58*time.Hour),
		"idle":                     idleNote("newbie-fox", 14),
		"reply-away":               awayReply("mentor-ana", time.Time{}),
		"reply-away-until":         awayReply("mentor-ana", time.Date(2026, 12, 16, 0, 0, 0, 0, time.UTC)),
		"reply-back":               backReply("mentor-ana"),
		"reply-keep":               keepReply("newbie-fox", "mentor-ana", false),
		"reply-keep-away":          keepReply("newbie-fox", "mentor-cy", true),
		"reply-keep-no-mentor":     noMentorReply("newbie-fox", "keep"),
		"reply-reassign-no-mentor": noMentorReply("newbie-fox", "hand over from"),
		"reply-reassign-nobody":    nobodyFreeReply("newbie-fox"),
		"reply-has-mentor":         hasMentorReply("maintainer-mo", "pull request", "mentor-ana"),
		"reply-still-waiting":      stillWaitingReply("maintainer-mo"),
		"reply-syntax":             syntaxReply("mentor-ana", commands.Parse("/mentor awya")[0].Err),
	}
	for name, cmd := range map[string]commands.Name{"refusal-mentor": commands.Mentor, "refusal-reassign": commands.MentorReassign,
		"refusal-keep": commands.MentorKeep, "refusal-away": commands.MentorAway} {
		ok, why := commands.Authorize(cmd, commands.Actor{Login: "stranger-sam", Association: "NONE"})
		if ok {
			t.Fatalf("%s allowed to a stranger", cmd)
		}
		out[name] = refusalReply("stranger-sam", why)
	}
	return out
}

// TestTextsGolden pins every text in testdata/golden/NAME.md (run with
// -update to rewrite them, then read them as a newcomer, a mentor and a
// maintainer would). Rules every text keeps: short; a time of day always
// with its zone and a converter link; no blame; no away dates or reasons
// in what the newcomer reads.
func TestTextsGolden(t *testing.T) {
	golden.Check(t, mentoringTexts(t), *update, golden.Limits{Default: 450, Longer: map[string]int{"welcome-pr": 2000, "welcome-issue": 2000, "welcome-waiting": 2000}})
}
