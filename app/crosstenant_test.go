package app

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// While strangers attack one installation (proposed mentorship.yml files
// with runaway templates, 64 KB comments of commands), a first-time pull
// request on another installation is still welcomed. The test checks the
// welcome and prints its delay; it asserts no timing.
//
//	go test -count=1 -run TestOtherTenantsAreServedDuringAnAttack -v ./app
func TestOtherTenantsAreServedDuringAnAttack(t *testing.T) {
	w := newWorld(t, defaultMentorship)
	const other, otherRepo, otherInstallation = "calm-org", "lamp", 5151
	w.emu.AddOrg(other)
	w.emu.AddOrgMember(other, "mira")
	w.emu.AddRepo(other, otherRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(otherInstallation, other, otherRepo)
	w.emu.PutFile(other, otherRepo, ".github/mentorship.yml", []byte("version: 1\nmentors:\n  - login: mira\n"))

	// The quiet baseline: a first-time pull request on the other tenant.
	start := time.Now()
	quiet := w.emu.OpenPullRequest(other, otherRepo, "newbie-one", ghemu.PullOptions{Title: "Fix a typo",
		Files: []ghemu.PullFile{{Filename: "main.go", Status: "modified", Additions: 1}}})
	waitWelcome(t, w, other, otherRepo, quiet)
	baseline := time.Since(start)

	var attack sync.WaitGroup
	attack.Add(1)
	go func() {
		defer attack.Done()
		hostile := "version: 1\nfirst_timers:\n  welcome_pr: \"{{range 1000000000000000}}x{{end}}\"\n"
		for range 5 {
			w.emu.OpenPullRequest(org, repoName, "stranger", ghemu.PullOptions{Title: "Tweak the config",
				Files: []ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Additions: 3, Content: []byte(hostile)}}})
			n := w.emu.OpenIssue(org, repoName, "stranger", ghemu.IssueOptions{Title: "spam"})
			w.emu.Comment(org, repoName, n, "stranger", strings.Repeat("/mentr\n", 64*1024/len("/mentr\n")))
		}
	}()
	time.Sleep(50 * time.Millisecond) // the attack is under way
	start = time.Now()
	during := w.emu.OpenPullRequest(other, otherRepo, "newbie-two", ghemu.PullOptions{Title: "Fix another typo",
		Files: []ghemu.PullFile{{Filename: "main.go", Status: "modified", Additions: 1}}})
	waitWelcome(t, w, other, otherRepo, during)
	underAttack := time.Since(start)
	attack.Wait()
	w.settle()
	t.Logf("welcome on another installation: %v when quiet, %v during the attack (%v extra)",
		baseline.Round(time.Millisecond), underAttack.Round(time.Millisecond), (underAttack - baseline).Round(time.Millisecond))
}

func waitWelcome(t *testing.T, w *world, owner, repo string, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second) // a guard against a hang, not a timing assertion
	for time.Now().Before(deadline) {
		for _, c := range w.emu.Comments(owner, repo, n) {
			if c.Author == w.emu.BotLogin() && strings.Contains(c.Body, "mentorbot:welcome:") {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s/%s#%d was never welcomed", owner, repo, n)
}
