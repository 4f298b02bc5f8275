package app

import (
	"context"
	"strings"
	"testing"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// Maintainer powers come from the role on the repository (triage and up),
// looked up through GitHub's permission API, not from the author
// association: a read-only collaborator is COLLABORATOR too.

// roleLookups counts the permission API calls about login.
func roleLookups(w *world, login string) int {
	n := 0
	for _, c := range w.emu.Calls() {
		if c.Kind == "rest" && strings.HasSuffix(c.Path, "/collaborators/"+login+"/permission") {
			n++
		}
	}
	return n
}

// returningIssue opens an issue by a returning contributor (no
// first-timer: only a maintainer can pair them with a mentor).
func returningIssue(t *testing.T, w *world, login string) int {
	t.Helper()
	if err := w.db.SaveLookup(context.Background(), org, login, "issue", 3); err != nil {
		t.Fatal(err)
	}
	return w.emu.OpenIssue(org, repoName, login, ghemu.IssueOptions{Title: "Help with the parser"})
}

func TestReadOnlyCollaboratorHasNoMaintainerPowers(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.emu.AddCollaborator(org, repoName, "reader", "read")
	n := returningIssue(t, w, "regular")
	w.settle()
	say(w, n, "reader", "/mentor") // author_association COLLABORATOR, role read
	if _, err := w.db.GetMentorship(context.Background(), org+"/"+repoName, n); err == nil {
		t.Fatal("a read-only collaborator paired a mentor")
	}
	replies := w.botComments(n)
	if len(replies) != 1 || !strings.Contains(replies[0], "or a maintainer, can ask for a mentor") {
		t.Fatalf("replies %q, want one refusal", replies)
	}
	if got := roleLookups(w, "reader"); got != 1 {
		t.Errorf("%d role lookups, want 1", got)
	}
}

func TestTriagerHasMaintainerPowersAndTheRoleIsCached(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	w.emu.AddCollaborator(org, repoName, "triager", "triage")
	first, second := returningIssue(t, w, "regular"), returningIssue(t, w, "other")
	w.settle()
	say(w, first, "triager", "/mentor")
	say(w, second, "triager", "/mentor")
	for _, n := range []int{first, second} {
		if m := w.mentorOf(n); m == "" {
			t.Errorf("#%d: a triager's /mentor paired no mentor", n)
		}
	}
	if got := roleLookups(w, "triager"); got != 1 {
		t.Errorf("%d role lookups for two commands, want 1 (cached)", got)
	}
	// A stranger's command costs no lookup at all.
	say(w, first, "stranger", "/mentor")
	if got := roleLookups(w, "stranger"); got != 0 {
		t.Errorf("%d role lookups for a stranger, want 0", got)
	}
}
