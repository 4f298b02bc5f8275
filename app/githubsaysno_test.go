package app

import (
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// Tests of what the service does when GitHub says no for good (README:
// "When GitHub says no").

// botCommentIDs lists the bot's comments on an item carrying marker.
func (w *world) botCommentsWith(number int, marker string) []ghemu.Comment {
	var out []ghemu.Comment
	for _, c := range w.emu.Comments(org, repoName, number) {
		if c.Author == w.emu.BotLogin() && strings.Contains(c.Body, marker) {
			out = append(out, c)
		}
	}
	return out
}

// A maintainer deletes the bot's comment on an invalid mentorship.yml; the
// next push with the same problem gets the comment again (it still
// matters) instead of an edit answered 404, retried and dead-lettered.
func TestDeletedConfigCommentIsPostedAnew(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	bad := "version: 1\nmentors:\n  - login: ana\n    timezone: Mars/Olympus\n"
	n := w.emu.OpenPullRequest(org, repoName, "maintainer", ghemu.PullOptions{
		Title: "Update mentors", Head: "cfg",
		Files: []ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Content: []byte(bad)}},
	})
	w.settle()
	first := w.botCommentsWith(n, "mentorbot:config-check:")
	if len(first) != 1 {
		t.Fatalf("config comments = %d, want 1", len(first))
	}
	w.emu.DeleteComment(org, repoName, first[0].ID, "maintainer")
	w.emu.PushToPullRequest(org, repoName, n, "maintainer",
		[]ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Content: []byte(bad + "# still\n")}})
	w.settle() // fails on a dead letter
	again := w.botCommentsWith(n, "mentorbot:config-check:")
	if len(again) != 1 || again[0].ID == first[0].ID || !strings.Contains(strings.ToLower(again[0].Body), "mars/olympus") {
		t.Fatalf("after the delete and a push: %+v, want one new comment naming the problem", again)
	}
}

// A maintainer deletes the comment on an invalid mentorship.yml and then
// fixes the file: the "valid now" edit meets a 404, and the comment is not
// posted again only to say so (it no longer matters); nothing is
// dead-lettered.
func TestDeletedCommentThatNoLongerMattersIsForgotten(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	bad := "version: 1\nmentors:\n  - login: ana\n    timezone: Mars/Olympus\n"
	n := w.emu.OpenPullRequest(org, repoName, "maintainer", ghemu.PullOptions{
		Title: "Update mentors", Head: "cfg",
		Files: []ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Content: []byte(bad)}},
	})
	w.settle()
	first := w.botCommentsWith(n, "mentorbot:config-check:")
	if len(first) != 1 {
		t.Fatalf("config comments = %d, want 1", len(first))
	}
	w.emu.DeleteComment(org, repoName, first[0].ID, "maintainer")
	w.emu.PushToPullRequest(org, repoName, n, "maintainer",
		[]ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Content: []byte(defaultMentorship)}})
	w.settle() // fails on a dead letter
	if got := w.botCommentsWith(n, "mentorbot:config-check:"); len(got) != 0 {
		t.Fatalf("a deleted comment was posted again to say the file is valid: %q", got[0].Body)
	}
	// And a later break is reported afresh.
	w.emu.PushToPullRequest(org, repoName, n, "maintainer",
		[]ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Content: []byte(bad)}})
	w.settle()
	if got := w.botCommentsWith(n, "mentorbot:config-check:"); len(got) != 1 {
		t.Fatalf("config comments after breaking it again = %d, want 1", len(got))
	}
}
