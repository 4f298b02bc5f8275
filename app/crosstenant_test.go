package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// While strangers attack one installation, each attack in turn, a
// first-time pull request on another installation is still welcomed. The
// test checks each welcome and prints a table of delays (quiet, during the
// attack, extra); it asserts no timing (the target is under 2 s extra).
//
//	go test -count=1 -run TestOtherTenantsAreServedDuringAnAttack -v ./app
func TestOtherTenantsAreServedDuringAnAttack(t *testing.T) {
	w := newWorld(t, defaultMentorship, func(o *ghemu.Options) {
		// The attacked installation's own writes are not what is measured.
		o.ContentPerMinute, o.ContentPerHour = 1000, 10000
	})
	const other, otherRepo, otherInstallation = "calm-org", "lamp", 5151
	w.emu.AddOrg(other)
	w.emu.AddOrgMember(other, "mira")
	w.emu.AddRepo(other, otherRepo, ghemu.RepoOptions{})
	w.emu.AddInstallation(otherInstallation, other, otherRepo)
	w.emu.PutFile(other, otherRepo, ".github/mentorship.yml", []byte("version: 1\nmentors:\n  - login: mira\n    capacity: 50\n"))

	newcomers := 0
	welcomeOnOther := func() time.Duration {
		newcomers++
		start := time.Now()
		n := w.emu.OpenPullRequest(other, otherRepo, fmt.Sprintf("newbie-%d", newcomers), ghemu.PullOptions{Title: "Fix a typo",
			Files: []ghemu.PullFile{{Filename: "main.go", Status: "modified", Additions: 1}}})
		waitWelcome(t, w, other, otherRepo, n)
		return time.Since(start)
	}
	type row struct {
		attack              string
		quiet, during, sent time.Duration
	}
	var rows []row
	for _, a := range crossTenantAttacks(t, w) {
		w.settle()
		quiet := welcomeOnOther()
		var attack sync.WaitGroup
		attack.Add(1)
		began := time.Now()
		var took time.Duration
		go func() {
			defer attack.Done()
			a.run()
			took = time.Since(began)
		}()
		time.Sleep(50 * time.Millisecond) // the attack is under way
		during := welcomeOnOther()
		attack.Wait()
		w.settle()
		rows = append(rows, row{a.name, quiet, during, took})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nwelcome of a first-time pull request on another installation while one installation is attacked\n")
	fmt.Fprintf(&b, "%-48s %10s %10s %10s %12s\n", "attack", "quiet", "during", "extra", "attack sent")
	for _, r := range rows {
		fmt.Fprintf(&b, "%-48s %10v %10v %10v %12v\n", r.attack, r.quiet.Round(time.Millisecond), r.during.Round(time.Millisecond),
			(r.during - r.quiet).Round(time.Millisecond), r.sent.Round(time.Millisecond))
	}
	t.Log(b.String())
}

type crossTenantAttack struct {
	name string
	run  func()
}

// crossTenantAttacks are the hostile-input suite's attacks, aimed at the
// world's own installation.
func crossTenantAttacks(t *testing.T, w *world) []crossTenantAttack {
	ctx := context.Background()
	return []crossTenantAttack{
		{"5 proposed mentorship.yml with runaway templates", func() {
			for i, tpl := range []string{
				`{{range 1000000000000000}}x{{end}}`,
				`{{$s := \"xxxxxxxx\"}}{{range .Checklist}}{{$s = print $s $s}}{{end}}{{len $s}}`,
				`{{$s := printf \"%01000d\" 1}}` + strings.Repeat(`{{$s = print $s $s}}`, 40),
				`{{range 1000000000}}{{range 1000000000}}{{end}}{{end}}`,
				`{{define \"x\"}}{{template \"x\"}}{{end}}{{template \"x\"}}`,
			} {
				hostile := "version: 1\nfirst_timers:\n  welcome_pr: \"" + tpl + "\"\n"
				w.emu.OpenPullRequest(org, repoName, fmt.Sprintf("templater%d", i), ghemu.PullOptions{Title: "Tweak the config",
					Files: []ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Additions: 3, Content: []byte(hostile)}}})
			}
		}},
		{"5 × 64 KB comments of commands", func() {
			n := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Spam target"})
			cmds := "/mentr\n/claim\n/unclaim\n/mentor\n/mentor reassign\n/faq\n/action x\n"
			for range 5 {
				w.emu.Comment(org, repoName, n, "stranger", strings.Repeat(cmds, 64*1024/len(cmds)))
			}
		}},
		{"64 KB comment of /kudos naming others", func() {
			n := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Kudos target"})
			var body strings.Builder
			for i := 0; body.Len() < 64*1024-40; i++ {
				fmt.Fprintf(&body, "/kudos @victim%d thanks\n", i)
			}
			w.emu.Comment(org, repoName, n, "flooder", body.String())
		}},
		{"/mentor flood from 12 accounts", func() {
			regular := w.emu.OpenIssue(org, repoName, "maintainer", ghemu.IssueOptions{Title: "Throwaway"})
			for i := range 12 {
				login := fmt.Sprintf("throwaway%d", i)
				if err := w.db.SaveLookup(ctx, org, login, "issue", 3); err != nil { // returning contributors
					t.Error(err)
					return
				}
				n := w.emu.OpenIssue(org, repoName, login, ghemu.IssueOptions{Title: "Throwaway"})
				w.emu.Comment(org, repoName, n, login, "/mentor")
				w.emu.Comment(org, repoName, regular, login, "/mentor")
			}
		}},
		{"32 concurrent forged 25 MiB bodies", func() {
			var wg sync.WaitGroup
			for i := range 32 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					forgedBody(w.app.url, i)
				}()
			}
			wg.Wait()
		}},
	}
}

// forgedBody posts 25 MiB with a wrong signature to the service's intake.
func forgedBody(url string, i int) {
	const size = 25 << 20
	req, _ := http.NewRequest(http.MethodPost, url+"/api/github/hook", io.LimitReader(zeroReader{}, size))
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", "ping")
	req.Header.Set("X-GitHub-Delivery", fmt.Sprintf("forged-%d", i))
	req.Header.Set("X-Hub-Signature-256", "sha256="+strings.Repeat("0", 64))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return // the service closed the connection while it was sent
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
}

// zeroReader is an endless JSON-looking body: '{' then zeros.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	if len(p) > 0 {
		p[0] = '{'
	}
	return len(p), nil
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
