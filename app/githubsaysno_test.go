package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
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

// An organization whose base permission is none: a mentor without access
// to the repository would be left out of the assignees silently (201) and
// refused as reviewer (422). The welcome names them and says why they are
// not assigned; nothing fails; the metric counts it.
func TestUnassignableMentorIsNamedNotAssigned(t *testing.T) {
	w := newWorld(t, "version: 1\nmentors:\n  - login: ana\n")
	w.emu.SetOrgBasePermission(org, "none")
	n := w.openPR("newbie")
	w.settle()
	body := w.welcome(n)
	if !slices.Contains(mentions(body), "ana") || !strings.Contains(body, "has no access") {
		t.Fatalf("welcome does not name the mentor and why they are not assigned:\n%s", body)
	}
	if got := w.mentorOf(n); got != "ana" {
		t.Errorf("mentor = %q", got)
	}
	if a := w.emu.Assignees(org, repoName, n); len(a) != 0 {
		t.Errorf("assignees = %v", a)
	}
	if r := w.emu.RequestedReviewers(org, repoName, n); len(r) != 0 {
		t.Errorf("reviewers = %v", r)
	}
	if _, metrics := get(t, w.app.url+"/metrics"); !strings.Contains(metrics, "\nmentorbot_mentors_unassignable_total 1\n") {
		t.Errorf("/metrics lacks mentorbot_mentors_unassignable_total 1")
	}
	// An outside collaborator with access is assigned as usual.
	w.emu.AddCollaborator(org, repoName, "ana", "triage")
	m := w.openPR("other-newbie")
	w.settle()
	if a := w.emu.Assignees(org, repoName, m); !slices.Equal(a, []string{"ana"}) {
		t.Errorf("assignees once ana has access = %v", a)
	}
	if strings.Contains(w.welcome(m), "has no access") {
		t.Errorf("the welcome says ana has no access once she has")
	}
}

// An installation that granted pull_requests=read, not write: GitHub
// refuses the review request with 403 "Resource not accessible by
// integration". The steps that do not need the permission still run, the
// delivery is not dead-lettered, and the permission to grant is named
// once per installation, however many pull requests meet it.
func TestMissingPermissionIsNamedOnceAndOtherStepsRun(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.emu.SetInstallationPermissions(installationID, map[string]string{
		"contents": "read", "discussions": "write", "issues": "write", "members": "read", "metadata": "read", "pull_requests": "read",
	})
	var numbers []int
	for _, who := range []string{"newbie", "other-newbie"} {
		numbers = append(numbers, w.openPR(who))
	}
	w.settle() // fails on a dead letter
	for _, n := range numbers {
		w.welcome(n)
		if a := w.emu.Assignees(org, repoName, n); len(a) != 1 {
			t.Errorf("#%d assignees = %v, want the mentor", n, a)
		}
		if l := w.emu.Labels(org, repoName, n); !slices.Contains(l, "first-time contributor") {
			t.Errorf("#%d labels = %v", n, l)
		}
		if r := w.emu.RequestedReviewers(org, repoName, n); len(r) != 0 {
			t.Errorf("#%d reviewers = %v without the permission", n, r)
		}
	}
	_, metrics := get(t, w.app.url+"/metrics")
	if !strings.Contains(metrics, "\nmentorbot_github_permission_missing_total{permission=\"pull_requests=write\"} 1\n") {
		t.Errorf("/metrics does not name pull_requests=write once:\n%s", grepLines(metrics, "permission_missing"))
	}
}

// Issues are off in the program's repository, so the issue about a setup
// problem (Discussions off in the target) is refused with 410 on every
// try. The problem is logged and kept in the store with its back-off:
// GitHub is not asked again every minute, and the job does not fail.
func TestSetupNoticeRefusedWith410IsNotRepeated(t *testing.T) {
	w := newHoursWorld(t, "Office Hours")
	w.emu.SetDiscussions(org, communityRepo, false)
	w.emu.SetIssues(org, repoName, false)
	s := nextSession(t)
	at := s.Start.Add(-72 * time.Hour)
	for _, after := range []time.Duration{0, time.Minute, 2 * time.Minute, 11 * time.Minute, 25 * time.Minute} {
		w.scheduleAt(at.Add(after)) // fails the test if the job returns an error
	}
	posts, gone := 0, 0
	for _, c := range w.emu.Calls() {
		if c.Method == "POST" && c.Path == "/repos/"+org+"/"+repoName+"/issues" {
			posts++
			if c.Status == 410 {
				gone++
			}
		}
	}
	if posts != 1 || gone != 1 {
		t.Fatalf("issue POSTs = %d (%d answered 410), want one", posts, gone)
	}
	notices, err := w.db.HoursNotices(context.Background(), strings.ToLower(org+"/"+communityRepo))
	if err != nil || len(notices) != 1 || notices[0].State != store.NoticeUnpostable {
		t.Fatalf("notices = %+v, %v; want one kept as unpostable", notices, err)
	}
	// Solved: the kept notice goes with the problem.
	w.emu.SetDiscussions(org, communityRepo, true)
	w.emu.AddDiscussionCategory(org, communityRepo, "Office Hours")
	w.scheduleAt(at.Add(time.Hour))
	if notices, _ := w.db.HoursNotices(context.Background(), strings.ToLower(org+"/"+communityRepo)); len(notices) != 0 {
		t.Fatalf("notices after the fix = %+v", notices)
	}
}

// The installation granted Discussions read, not write: GitHub answers
// the announcement with GraphQL FORBIDDEN. The job does not fail every
// minute; one setup notice says which permission to grant, and once it
// is granted the announcement goes out and the notice is closed.
func TestDiscussionsForbiddenIsOneSetupNotice(t *testing.T) {
	w := newHoursWorld(t, "Office Hours")
	w.emu.SetInstallationPermissions(installationID, map[string]string{
		"contents": "read", "discussions": "read", "issues": "write", "members": "read", "metadata": "read", "pull_requests": "write",
	})
	s := nextSession(t)
	at := s.Start.Add(-72 * time.Hour)
	for _, after := range []time.Duration{0, time.Minute, 2 * time.Minute, 11 * time.Minute} {
		w.scheduleAt(at.Add(after)) // fails the test if the job returns an error
	}
	var notices []ghemu.Issue
	for _, is := range w.emu.Issues(org, repoName) {
		if strings.Contains(is.Title, "may not write Discussions in octo-org/community") {
			notices = append(notices, is)
		}
	}
	if len(notices) != 1 || !strings.Contains(notices[0].Body, "Discussions permission") {
		t.Fatalf("notices = %+v, want one naming the permission", notices)
	}
	w.emu.SetInstallationPermissions(installationID, nil)
	w.scheduleAt(at.Add(time.Hour))
	if n := len(w.inCategory("Office Hours")); n != 1 {
		t.Fatalf("%d announcements once the permission is granted", n)
	}
	if is := w.emu.Issue(org, repoName, notices[0].Number); is.State != "closed" {
		t.Fatalf("the notice is %s once the permission is granted", is.State)
	}
}

// A handover to a mentor without access (here by `/mentor reassign`) is
// logged and counted like a welcome's, and no assignment or review
// request is sent that GitHub would ignore or refuse.
func TestReassignToUnassignableMentorIsCounted(t *testing.T) {
	w := newWorld(t, "version: 1\nmentors:\n  - login: bo\n  - login: ana\n")
	w.emu.SetOrgBasePermission(org, "none")
	w.emu.AddCollaborator(org, repoName, "bo", "write")
	n := w.openPR("newbie")
	w.settle()
	first := w.mentorOf(n)
	w.emu.Comment(org, repoName, n, "maintainer", "/mentor reassign")
	w.settle()
	second := w.mentorOf(n)
	if first == second {
		t.Fatalf("not reassigned: %s", first)
	}
	if _, metrics := get(t, w.app.url+"/metrics"); !strings.Contains(metrics, "\nmentorbot_mentors_unassignable_total 1\n") {
		t.Errorf("/metrics lacks mentorbot_mentors_unassignable_total 1 (mentors %s then %s)", first, second)
	}
	if a := w.emu.Assignees(org, repoName, n); slices.Contains(a, "ana") {
		t.Errorf("assignees = %v", a)
	}
	if want := []string{"bo"}; second == "bo" && !slices.Equal(w.emu.Assignees(org, repoName, n), want) {
		t.Errorf("assignees = %v, want %v", w.emu.Assignees(org, repoName, n), want)
	}
}
