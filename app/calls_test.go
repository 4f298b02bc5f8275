package app

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// A repository without mentorship.yml costs a config read per event and
// nothing more: no list of a pull request's files.
func TestRepositoryWithoutConfigIsLeftAlone(t *testing.T) {
	w := newWorld(t, "")
	w.emu.ResetCalls()
	n := w.openPR("newbie")
	w.settle()
	for _, c := range w.emu.Calls() {
		if strings.Contains(c.Path, "/files") || (c.Method != "GET" && !strings.HasSuffix(c.Path, "/access_tokens")) {
			t.Errorf("%s %s on a repository where the app is off", c.Method, c.Path)
		}
	}
	if got := w.botComments(n); len(got) != 0 {
		t.Fatalf("comments %q", got)
	}
}

// The office-hours job scans every repository's configuration at most
// once a day (or when an event asks for it); in between it reads only the
// programs that are due.
func TestOfficeHoursJobDoesNotRescanEveryRun(t *testing.T) {
	w := newWorld(t, defaultMentorship+"office_hours:\n  repository: community\n")
	w.emu.AddRepo(org, "community", ghemu.RepoOptions{HasDiscussions: true})
	w.emu.AddDiscussionCategory(org, "community", "Office Hours")
	ctx := context.Background()
	if err := w.app.app.RunSchedule(ctx); err != nil { // the first run may scan
		t.Fatal(err)
	}
	w.emu.ResetCalls()
	for i := 0; i < 3; i++ {
		if err := w.app.app.RunSchedule(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range w.emu.Calls() {
		if c.Path == "/app/installations" || c.Path == "/installation/repositories" {
			t.Fatalf("run after run lists %s again", c.Path)
		}
	}
}

// Following up reads a repository's configuration at most once per run
// (not at all while the cached one is fresh), and not at all for
// mentorships whose mentor has answered.
func TestFollowUpsReadEachConfigurationOnce(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	answered := w.openPR("first")
	w.openPR("second")
	w.openPR("third")
	w.settle()
	w.emu.Comment(org, repoName, answered, w.mentorOf(answered), "Hello!")
	w.settle()
	w.emu.ResetCalls()
	if err := w.app.app.base.Program.FollowUps(context.Background()); err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, c := range w.emu.Calls() {
		if strings.HasSuffix(c.Path, "/contents/.github/mentorship.yml") {
			reads++
		}
	}
	if reads > 1 {
		t.Fatalf("%d configuration reads for two unanswered mentorships in one repository, want at most 1", reads)
	}
}
