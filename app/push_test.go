package app

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// pushPayload is GitHub's push of one commit that changes path on the
// repository's default branch.
func pushPayload(t *testing.T, repo, path string) []byte {
	t.Helper()
	commit := map[string]any{"id": "0123456789abcdef", "added": []string{}, "removed": []string{}, "modified": []string{path}}
	body, err := json.Marshal(map[string]any{
		"ref": "refs/heads/main", "before": "aaaa", "after": "bbbb",
		"repository":   map[string]any{"name": repo, "full_name": org + "/" + repo, "default_branch": "main", "owner": map[string]any{"login": org}},
		"installation": map[string]any{"id": installationID},
		"commits":      []any{commit}, "head_commit": commit,
	})
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// push tells the service that a file changed, as GitHub does.
func (w *world) push(repo, path string) {
	w.t.Helper()
	if res := post(w.t, w.app.url, "push", newDeliveryID(), pushPayload(w.t.(*testing.T), repo, path)); res.StatusCode != http.StatusOK {
		w.t.Fatalf("push: status %d", res.StatusCode)
	}
	w.settle()
}

// A mentorship.yml pushed to the owner's .github repository or to a
// repository applies to the next event at once, though the file read
// moments before is cached for gh.ConfigTTL.
func TestPushedConfigChangeAppliesAtOnce(t *testing.T) {
	w := newWorld(t, "")
	w.emu.AddRepo(org, ".github", ghemu.RepoOptions{})
	w.emu.PutFile(org, ".github", "mentorship.yml", []byte(defaultMentorship))
	w.emu.AddInstallation(installationID, org) // every repository, .github too
	for _, m := range []string{"dee", "eve"} {
		w.emu.AddOrgMember(org, m)
	}
	mentorOfNew := func(author string) string {
		n := w.openPR(author)
		w.settle()
		return w.mentorOf(n)
	}
	if m := mentorOfNew("first"); !isOneOf(m, "ana", "bo", "cy") {
		t.Fatalf("mentor %q from the owner's default", m)
	}

	w.emu.PutFile(org, ".github", "mentorship.yml", []byte("version: 1\nmentors:\n  - login: dee\n"))
	w.push(".github", "mentorship.yml")
	if m := mentorOfNew("second"); m != "dee" {
		t.Fatalf("after a push to the owner's .github: mentor %q, want dee", m)
	}

	w.emu.PutFile(org, repoName, ".github/mentorship.yml", []byte("version: 1\nmentors:\n  - login: eve\n"))
	w.push(repoName, ".github/mentorship.yml")
	if m := mentorOfNew("third"); m != "eve" {
		t.Fatalf("after a push of the repository's own file: mentor %q, want eve", m)
	}

	// A push that leaves mentorship.yml alone changes nothing.
	w.emu.PutFile(org, repoName, ".github/mentorship.yml", []byte("version: 1\nmentors:\n  - login: dee\n"))
	w.push(repoName, "README.md")
	if m := mentorOfNew("fourth"); m != "eve" {
		t.Fatalf("after an unrelated push: mentor %q, want eve (cached until gh.ConfigTTL)", m)
	}
}

func isOneOf(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}

// A push reaches scheduled work at once, on a scheduler that is not the
// service that handled the push and that cached the configuration before
// it changed: first_response_hours cut from 48 to 2 nudges a mentor three
// hours in at the next run, where without the push the follow-up is not
// due for two days.
func TestPushedConfigChangeReachesTheScheduler(t *testing.T) {
	w := newWorld(t, "")
	w.emu.AddRepo(org, ".github", ghemu.RepoOptions{})
	w.emu.PutFile(org, ".github", "mentorship.yml", []byte(defaultMentorship))
	w.emu.AddInstallation(installationID, org)
	n := w.openPR("newcomer")
	w.settle()
	m, err := w.db.GetMentorship(context.Background(), org+"/"+repoName, n)
	if err != nil {
		t.Fatal(err)
	}
	now := m.AssignedAt.Add(3 * time.Hour)
	sched, err := New(context.Background(), w.cfg, zerolog.Nop(), WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer sched.Close()
	nudged := func() bool {
		t.Helper()
		now = now.Add(time.Minute)
		if err := sched.RunSchedule(context.Background()); err != nil {
			t.Fatal(err)
		}
		w.settle()
		for _, b := range w.botComments(n) {
			if strings.Contains(b, "Friendly reminder") {
				return true
			}
		}
		return false
	}
	if nudged() {
		t.Fatal("nudged three hours in with first_response_hours 48")
	}
	w.emu.PutFile(org, ".github", "mentorship.yml", []byte(defaultMentorship+"assignment:\n  first_response_hours: 2\n"))
	if nudged() {
		t.Fatal("nudged before the push was seen")
	}
	w.push(".github", "mentorship.yml")
	if !nudged() {
		t.Fatal("not nudged at the first run after a push set first_response_hours to 2")
	}
}
