package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
)

// The hostile-input suite, through the real binary and the emulator: what
// any GitHub user can do to a public repository (comment floods, accounts
// typing /mentor, runaway templates in a proposed mentorship.yml) has a
// bounded effect. Forged and unsigned 25 MiB bodies are in
// intake_attack_test.go.

const (
	hostileOrg  = "octo-org"
	hostileRepo = "widgets"
	hostileInst = 99
)

// Two mentors with room for one mentee each: a flood that could pair
// anyone would leave the real newcomer without a mentor.
const hostileMentorship = `version: 1
mentors:
  - login: ana
    capacity: 1
  - login: bo
    capacity: 1
`

// hostileWorld is the binary serving one organization through the
// emulator.
type hostileWorld struct {
	t   *testing.T
	emu *ghemu.Emulator
	env []string
	svc *service
}

// newHostileWorld seeds the emulator with seed (before any webhook can be
// sent: what seed does is history) and starts the binary.
func newHostileWorld(t *testing.T, seed func(emu *ghemu.Emulator)) *hostileWorld {
	t.Helper()
	emu, err := ghemu.New(ghemu.Options{AppID: 7, AppSlug: "mentorbot", EmitWebhooks: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { emu.Close() })
	emu.SetBaseURL(srv.URL)
	emu.AddOrg(hostileOrg)
	emu.AddOrgMember(hostileOrg, "ana")
	emu.AddOrgMember(hostileOrg, "bo")
	emu.AddRepo(hostileOrg, hostileRepo, ghemu.RepoOptions{})
	emu.AddCollaborator(hostileOrg, hostileRepo, "maintainer", "write")
	emu.AddInstallation(hostileInst, hostileOrg, hostileRepo)
	emu.PutFile(hostileOrg, hostileRepo, ".github/mentorship.yml", []byte(hostileMentorship))
	if seed != nil {
		seed(emu)
	}
	env := append(githubEnv(srv.URL),
		fmt.Sprintf("GITHUB_APP_INTEGRATION_ID=%d", emu.AppID()),
		"GITHUB_APP_WEBHOOK_SECRET="+secret,
		"GITHUB_APP_PRIVATE_KEY="+string(emu.PrivateKeyPEM()),
		"MENTORBOT_DATABASE_URL=sqlite://"+filepath.Join(t.TempDir(), "hostile.db"),
		fmt.Sprintf("MENTORBOT_PORT=%d", freePort(t)),
		"MENTORBOT_LOG_LEVEL=info",
		"MENTORBOT_WRITE_INTERVAL=1ms")
	svc := startService(t, env)
	emu.SetWebhookTarget(svc.url+"/api/github/hook", secret)
	return &hostileWorld{t: t, emu: emu, env: env, svc: svc}
}

// settle waits until every webhook the emulator sent (the bot's own
// writes send more) was handled by the binary.
func (w *hostileWorld) settle() {
	w.t.Helper()
	deadline := time.Now().Add(90 * time.Second) // a guard against a hang
	quiet := 0
	for quiet < 2 {
		w.emu.WaitIdle()
		busy := list(w.t, w.env, "pending") + list(w.t, w.env, "running")
		open := false
		for _, d := range w.emu.Deliveries() {
			if d.GUID != "" && strings.Contains(busy, d.GUID) {
				open = true
				break
			}
		}
		if open {
			quiet = 0
		} else {
			quiet++
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("deliveries did not settle:\n%s\n%s", busy, w.svc.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// botComments returns the bot's comments on an item.
func (w *hostileWorld) botComments(n int) []string {
	var out []string
	for _, c := range w.emu.Comments(hostileOrg, hostileRepo, n) {
		if c.Author == w.emu.BotLogin() {
			out = append(out, c.Body)
		}
	}
	return out
}

// stop ends the binary with SIGTERM; its log is complete then.
func (w *hostileWorld) stop() {
	w.t.Helper()
	w.svc.cmd.Process.Signal(syscall.SIGTERM)
	if err := w.svc.cmd.Wait(); err != nil {
		w.t.Fatalf("stop: %v\n%s", err, w.svc.stderr)
	}
}

// logLines returns the stopped binary's JSON log lines whose message
// starts with msg.
func (w *hostileWorld) logLines(msg string) []map[string]any {
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(w.svc.stderr.String()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) == nil {
			if m, _ := line["message"].(string); strings.HasPrefix(m, msg) {
				out = append(out, line)
			}
		}
	}
	return out
}

// mentionsIn lists the @-mentions GitHub would notify in a Markdown text
// (code spans do not notify).
func mentionsIn(body string) []string {
	var out []string
	inCode := false
	for i := 0; i < len(body); i++ {
		switch {
		case body[i] == '`':
			inCode = !inCode
		case body[i] == '@' && !inCode && (i == 0 || !isWord(body[i-1])):
			j := i + 1
			for j < len(body) && (isWord(body[j]) || body[j] == '-') {
				j++
			}
			if j > i+1 {
				out = append(out, body[i+1:j])
			}
		}
	}
	return out
}

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// TestHostileMentorFlood: twelve accounts, each with an earlier issue
// (no first-timers), type /mentor on a fresh issue of their own and on a
// maintainer's issue. Nobody is paired, each gets one polite refusal per
// comment, and a real first-time pull request still gets a mentor.
func TestHostileMentorFlood(t *testing.T) {
	const accounts = 12
	w := newHostileWorld(t, func(emu *ghemu.Emulator) {
		for i := range accounts {
			emu.OpenIssue(hostileOrg, hostileRepo, fmt.Sprintf("flood%d", i), ghemu.IssueOptions{Title: "Earlier"})
		}
	})
	time.Sleep(1100 * time.Millisecond) // searches compare creation times to the second
	regular := w.emu.OpenIssue(hostileOrg, hostileRepo, "maintainer", ghemu.IssueOptions{Title: "Plan the release"})
	var own []int
	for i := range accounts {
		login := fmt.Sprintf("flood%d", i)
		n := w.emu.OpenIssue(hostileOrg, hostileRepo, login, ghemu.IssueOptions{Title: "Please help"})
		own = append(own, n)
		w.emu.Comment(hostileOrg, hostileRepo, n, login, "/mentor")
		w.emu.Comment(hostileOrg, hostileRepo, regular, login, "/mentor")
	}
	w.settle()
	for _, n := range append([]int{regular}, own...) {
		if a := w.emu.Assignees(hostileOrg, hostileRepo, n); len(a) != 0 {
			t.Errorf("#%d: a flood paired %v", n, a)
		}
	}
	for _, n := range own {
		replies := w.botComments(n)
		if len(replies) != 1 || !strings.Contains(replies[0], "only with a first-time contributor") {
			t.Errorf("#%d: replies %q, want one polite refusal", n, replies)
		}
	}
	if got := len(w.botComments(regular)); got != accounts {
		t.Errorf("%d replies on the maintainer's issue to %d comments, want one each", got, accounts)
	}
	pr := w.emu.OpenPullRequest(hostileOrg, hostileRepo, "realnewbie", ghemu.PullOptions{Title: "Fix a typo",
		Files: []ghemu.PullFile{{Filename: "README.md", Status: "modified", Additions: 1}}})
	w.settle()
	mentors := append(w.emu.Assignees(hostileOrg, hostileRepo, pr), w.emu.RequestedReviewers(hostileOrg, hostileRepo, pr)...)
	if !slices.Contains(mentors, "ana") && !slices.Contains(mentors, "bo") {
		t.Fatalf("the real newcomer got no mentor (assignees and reviewers %v):\n%q", mentors, w.botComments(pr))
	}
	t.Logf("/mentor from %d accounts on %d issues: 0 pairings, %d refusals; the real newcomer's mentor: %v",
		accounts, accounts+1, 2*accounts, mentors)
}

// TestHostileKudosComment: a stranger's 64 KB comment of /kudos lines
// naming other people gets at most one reply, which notifies none of them.
func TestHostileKudosComment(t *testing.T) {
	w := newHostileWorld(t, nil)
	n := w.emu.OpenIssue(hostileOrg, hostileRepo, "maintainer", ghemu.IssueOptions{Title: "Plan the release"})
	w.settle()
	before := len(w.botComments(n))
	var body strings.Builder
	for i := 0; body.Len() < 64*1024-40; i++ {
		fmt.Fprintf(&body, "/kudos @victim%d thanks\n", i)
	}
	w.emu.Comment(hostileOrg, hostileRepo, n, "stranger", body.String())
	w.settle()
	replies := w.botComments(n)[before:]
	if len(replies) > 1 {
		t.Fatalf("%d bot replies to one comment, want at most 1", len(replies))
	}
	for _, r := range replies {
		for _, m := range mentionsIn(r) {
			if m != "stranger" {
				t.Errorf("the reply mentions @%s:\n%s", m, r)
			}
		}
	}
	for i := 1; i <= n; i++ {
		for _, c := range w.botComments(i) {
			if strings.Contains(c, "@victim") && slices.ContainsFunc(mentionsIn(c), func(m string) bool { return strings.HasPrefix(m, "victim") }) {
				t.Errorf("#%d: a bot comment mentions a victim:\n%s", i, c)
			}
		}
	}
	t.Logf("64 KB of /kudos (%d bytes) from a stranger: %d bot replies, mentions %v", body.Len(), len(replies), func() []string {
		if len(replies) == 0 {
			return nil
		}
		return mentionsIn(replies[0])
	}())
}

// TestHostileTemplatesInAStrangersPullRequest: a stranger's pull request
// proposes a mentorship.yml whose template never ends or doubles a string
// to gigabytes. Each is refused, with its line, and the binary logs how
// long the check took (milliseconds; not asserted).
func TestHostileTemplatesInAStrangersPullRequest(t *testing.T) {
	w := newHostileWorld(t, nil)
	hostile := []struct{ name, template string }{
		{"endless range", `{{range 1000000000000000}}x{{end}}`},
		{"exploding string", `{{$s := "xxxxxxxx"}}{{range .Checklist}}{{$s = print $s $s}}{{end}}{{len $s}}`},
		{"doubling without a loop", `{{$s := printf "%01000d" 1}}` + strings.Repeat(`{{$s = print $s $s}}`, 40)},
	}
	var prs []int
	for i, h := range hostile {
		file := hostileMentorship + "first_timers:\n  welcome_pr: '" + h.template + "'\n"
		prs = append(prs, w.emu.OpenPullRequest(hostileOrg, hostileRepo, fmt.Sprintf("stranger%d", i), ghemu.PullOptions{
			Title: "Tweak the welcome",
			Files: []ghemu.PullFile{{Filename: ".github/mentorship.yml", Status: "modified", Additions: 2, Content: []byte(file)}},
		}))
	}
	w.settle()
	for i, n := range prs {
		var report string
		for _, c := range w.botComments(n) {
			if strings.Contains(c, "mentorbot cannot use it") {
				report = c
			}
		}
		if report == "" || !strings.Contains(report, "**Line 8**") {
			t.Errorf("%s: no refusal naming line 8 on #%d: %q", hostile[i].name, n, w.botComments(n))
		}
	}
	w.stop()
	lines := w.logLines("Pull request makes mentorship.yml invalid")
	if len(lines) < len(hostile) {
		t.Fatalf("%d refusals logged, want %d:\n%s", len(lines), len(hostile), w.svc.stderr)
	}
	for _, l := range lines {
		t.Logf("refused a hostile proposed template; the check took %v", l["check_took"])
	}
}
