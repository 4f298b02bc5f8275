package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/store"
)

// soakSize is how big a simulated organization the soak runs over.
type soakSize struct {
	name                    string
	repos, mentors, people  int
	capacity                int
	events                  int // webhooks caused, faults, redeliveries, deletions
	scheduleRuns, simulDays int
}

var (
	// soakSmall runs in CI, in well under a minute.
	soakSmall = soakSize{name: "small", repos: 6, mentors: 4, people: 40, capacity: 2, events: 100, scheduleRuns: 4, simulDays: 21}
	// soakLarge runs with MENTORBOT_SOAK=1.
	soakLarge = soakSize{name: "large", repos: 300, mentors: 40, people: 3000, capacity: 3, events: 4000, scheduleRuns: 42, simulDays: 42}
)

// soak is one run: the emulator in this process, the real binary as a
// child process it kills twice.
type soak struct {
	t      *testing.T
	size   soakSize
	rng    *rand.Rand
	emu    *ghemu.Emulator
	env    []string
	svc    *service
	config string // the service's configuration file
	dbURL  string

	removers    []func()
	faults      map[string]int
	redelivered int
	deleted     map[string]bool // markers of bot comments a person deleted
	kills       int
	panics      []string
	opened      map[string][]int // repo → numbers
	simNow      time.Time
}

const soakOrg = "soak-org"

var soakMarker = regexp.MustCompile(`<!-- mentorbot:(\S+) -->`)

// transientAnswer is a last error from GitHub that the soak injects.
var transientAnswer = regexp.MustCompile(`: (50[0-4]) |rate limit`)

// TestSoak runs a simulated organization through random events, random
// faults of every kind the emulator knows, random redeliveries, people
// deleting bot comments, weeks of simulated time through `schedule run
// --now`, and two SIGKILLs of the real binary, then checks the
// invariants: no duplicate bot comment, every pairing's effects applied,
// no mentor over capacity, no crash, no dead letter. The seed is printed;
// MENTORBOT_SOAK_SEED replays a run, MENTORBOT_SOAK=1 runs the large one.
func TestSoak(t *testing.T) {
	size := soakSmall
	if os.Getenv("MENTORBOT_SOAK") == "1" {
		size = soakLarge
	}
	// The CI run replays one seed, so that it fails the same way twice;
	// the large run draws a new one each time.
	seed := uint64(20261202)
	if size == soakLarge {
		seed = uint64(time.Now().UnixNano())
	}
	if v := os.Getenv("MENTORBOT_SOAK_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("MENTORBOT_SOAK_SEED: %v", err)
		}
	}
	t.Logf("soak %s: seed %d (MENTORBOT_SOAK_SEED=%d replays it)", size.name, seed, seed)
	start := time.Now()
	s := newSoak(t, size, seed)
	s.run()
	s.settle()
	s.svc.cmd.Process.Signal(syscall.SIGTERM)
	if err := s.svc.cmd.Wait(); err != nil {
		t.Errorf("the service did not stop cleanly: %v", err)
	}
	s.checkCrash(s.svc)
	s.report(time.Since(start))
}

func newSoak(t *testing.T, size soakSize, seed uint64) *soak {
	emu, err := ghemu.New(ghemu.Options{AppID: 9, AppSlug: "mentorbot", EmitWebhooks: true,
		SearchRateLimit: 1 << 20, RateLimit: 1 << 22, ContentPerMinute: -1, ContentPerHour: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(t, emu)
	emu.SetBaseURL(srv)
	s := &soak{t: t, size: size, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), emu: emu,
		faults: map[string]int{}, deleted: map[string]bool{}, opened: map[string][]int{}, simNow: time.Now().UTC()}

	emu.AddOrg(soakOrg)
	var mentors strings.Builder
	for i := range size.mentors {
		login := fmt.Sprintf("mentor-%d", i)
		emu.AddOrgMember(soakOrg, login)
		fmt.Fprintf(&mentors, "  - login: %s\n    capacity: %d\n", login, size.capacity)
	}
	emu.AddOrgMember(soakOrg, "maintainer")
	emu.AddRepo(soakOrg, ".github", ghemu.RepoOptions{})
	emu.PutFile(soakOrg, ".github", "mentorship.yml", []byte("version: 1\nmentors:\n"+mentors.String()+
		"assignment:\n  first_response_hours: 24\n"))
	repos := []string{".github"}
	for i := range size.repos {
		name := fmt.Sprintf("repo-%03d", i)
		emu.AddRepo(soakOrg, name, ghemu.RepoOptions{})
		repos = append(repos, name)
	}
	emu.AddInstallation(9001, soakOrg)

	dir := t.TempDir()
	s.dbURL = "sqlite://" + filepath.Join(dir, "soak.db")
	s.config = filepath.Join(dir, "mentorbot.yml")
	// Retries come quickly, so the run settles in seconds, not hours.
	if err := os.WriteFile(s.config, []byte("queue:\n  retry_base: 20ms\n  max_attempts: 12\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	s.env = append(githubEnv(srv),
		fmt.Sprintf("GITHUB_APP_INTEGRATION_ID=%d", emu.AppID()),
		"GITHUB_APP_WEBHOOK_SECRET="+secret,
		"GITHUB_APP_PRIVATE_KEY="+string(emu.PrivateKeyPEM()),
		"MENTORBOT_DATABASE_URL="+s.dbURL,
		fmt.Sprintf("MENTORBOT_PORT=%d", port),
		"MENTORBOT_WRITE_INTERVAL=1ms",
		"MENTORBOT_LOG_LEVEL=warn",
		"MENTORBOT_WORKERS=4",
	)
	s.svc = startService(t, s.env, "--config", s.config)
	emu.SetWebhookTarget(s.svc.url+"/api/github/hook", secret)
	return s
}

func newHTTPServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func (s *soak) repo() string { return fmt.Sprintf("repo-%03d", s.rng.IntN(s.size.repos)) }

func (s *soak) person() string { return fmt.Sprintf("person-%d", s.rng.IntN(s.size.people)) }

// run makes the events, with schedule runs spread over the simulated
// weeks and two SIGKILLs at a third and two thirds of the way.
func (s *soak) run() {
	every := max(1, s.size.events/s.size.scheduleRuns)
	step := time.Duration(s.size.simulDays) * 24 * time.Hour / time.Duration(s.size.scheduleRuns)
	for i := range s.size.events {
		if i > 0 && (i == s.size.events/3 || i == 2*s.size.events/3) {
			s.kill()
		}
		s.event()
		if i%every == every-1 {
			s.simNow = s.simNow.Add(step)
			s.schedule()
		}
	}
}

func (s *soak) event() {
	switch r := s.rng.IntN(100); {
	case r < 35: // a pull request
		repo := s.repo()
		n := s.emu.OpenPullRequest(soakOrg, repo, s.person(), ghemu.PullOptions{Title: "A change",
			Files: []ghemu.PullFile{{Filename: "src/main.go", Status: "modified", Additions: 2}}})
		s.opened[repo] = append(s.opened[repo], n)
	case r < 45: // an issue
		repo := s.repo()
		n := s.emu.OpenIssue(soakOrg, repo, s.person(), ghemu.IssueOptions{Title: "A question"})
		s.opened[repo] = append(s.opened[repo], n)
	case r < 60: // merged or closed: capacity frees, the waiting list moves
		repo, n, ok := s.someItem()
		if !ok {
			return
		}
		is := s.emu.Issue(soakOrg, repo, n)
		if is.State != "open" {
			return
		}
		if s.rng.IntN(2) == 0 && strings.Contains(is.Title, "change") {
			s.emu.MergePullRequest(soakOrg, repo, n, "maintainer")
		} else {
			s.emu.CloseIssue(soakOrg, repo, n, "maintainer", "completed")
		}
	case r < 68: // the mentor (or anyone) answers
		repo, n, ok := s.someItem()
		if !ok {
			return
		}
		who := "maintainer"
		if a := s.emu.Issue(soakOrg, repo, n).Assignees; len(a) > 0 {
			who = a[0]
		}
		s.emu.Comment(soakOrg, repo, n, who, "Thanks, looking at it.")
	case r < 74: // a maintainer hands a newcomer to the next mentor
		repo, n, ok := s.someItem()
		if !ok {
			return
		}
		s.emu.Comment(soakOrg, repo, n, "maintainer", "/mentor reassign")
		s.faults["reassign commands"]++
	case r < 76: // a mentor leaves or rejoins the rotation
		repo, n, ok := s.someItem()
		if !ok {
			return
		}
		cmd := "/mentor away"
		if s.rng.IntN(2) == 0 {
			cmd = "/mentor back"
		}
		s.emu.Comment(soakOrg, repo, n, fmt.Sprintf("mentor-%d", s.rng.IntN(s.size.mentors)), cmd)
		s.faults["away/back commands"]++
	case r < 80: // GitHub sends a delivery again
		ds := s.emu.Deliveries()
		if len(ds) == 0 {
			return
		}
		if _, err := s.emu.Redeliver(ds[s.rng.IntN(len(ds))].ID); err == nil {
			s.redelivered++
		}
	case r < 83: // a maintainer deletes a bot comment
		repo, n, ok := s.someItem()
		if !ok {
			return
		}
		for _, c := range s.emu.Comments(soakOrg, repo, n) {
			if c.Author == s.emu.BotLogin() {
				if m := soakMarker.FindStringSubmatch(c.Body); m != nil {
					s.deleted[m[1]] = true
				}
				s.emu.DeleteComment(soakOrg, repo, c.ID, "maintainer")
				s.faults["comment deleted by a person"]++
				break
			}
		}
	default:
		s.fault()
	}
}

func (s *soak) someItem() (string, int, bool) {
	if len(s.opened) == 0 {
		return "", 0, false
	}
	repos := make([]string, 0, len(s.opened))
	for r := range s.opened {
		repos = append(repos, r)
	}
	sort.Strings(repos)
	repo := repos[s.rng.IntN(len(repos))]
	ns := s.opened[repo]
	return repo, ns[s.rng.IntN(len(ns))], true
}

// soakPaths are where the service writes and reads.
var soakPaths = []struct{ method, path string }{
	{"POST", "/repos/*/*/issues/*/comments"},
	{"PATCH", "/repos/*/*/issues/comments/*"},
	{"POST", "/repos/*/*/issues/*/labels"},
	{"DELETE", "/repos/*/*/issues/*/labels/*"},
	{"POST", "/repos/*/*/issues/*/assignees"},
	{"DELETE", "/repos/*/*/issues/*/assignees"},
	{"POST", "/repos/*/*/pulls/*/requested_reviewers"},
	{"GET", "/repos/*/*/issues/*/comments"},
	{"GET", "/repos/*/*/pulls/*/files"},
	{"GET", "/repos/*/*/contents/*"},
	{"GET", "/search/issues"},
	{"GET", "/repos/*/*/assignees/*"},
}

// fault injects one fault of a random kind on a random path, for one or
// two requests: every kind the emulator knows that GitHub gives now and
// then (5xx, a write that lands and answers 502, primary and secondary
// rate limits, slowness). The permanent answers (404, 410, 422, 403) have
// their own tests: injected at random they would be lies about state.
func (s *soak) fault() {
	p := soakPaths[s.rng.IntN(len(soakPaths))]
	f := ghemu.Fault{Method: p.method, Path: p.path, Times: 1 + s.rng.IntN(2)}
	kind := ""
	switch s.rng.IntN(6) {
	case 0:
		f.Status, kind = http.StatusBadGateway, "502"
	case 1:
		f.Status, kind = []int{500, 503, 504}[s.rng.IntN(3)], "5xx"
	case 2:
		f.AfterWrite, kind = true, "write landed, then 502"
		if p.method == "GET" {
			f.AfterWrite, f.Status, kind = false, 502, "502"
		}
	case 3:
		f.SecondaryRateLimit, f.RetryAfter, kind = true, time.Second, "secondary rate limit"
	case 4:
		f.RateLimitReset, f.RetryAfter, kind = true, time.Second, "primary rate limit"
	default:
		f.Delay, kind = time.Duration(50+s.rng.IntN(200))*time.Millisecond, "slow answer"
	}
	s.faults[kind]++
	s.removers = append(s.removers, s.emu.InjectFault(f))
}

// schedule runs the scheduled jobs once at the simulated time, as an
// operator's `mentorbot schedule run --now` does, beside the service.
func (s *soak) schedule() {
	out, code := runBinary(s.t, s.env, "schedule", "run", "--config", s.config, "--now", s.simNow.Format(time.RFC3339))
	if code != 0 && strings.Contains(out, "panic") {
		s.panics = append(s.panics, out)
	}
	s.faults["schedule runs"]++
}

// kill ends the service with SIGKILL mid-stream and starts another on the
// same store; the webhooks GitHub could not deliver meanwhile are
// redelivered, as an operator does after downtime.
func (s *soak) kill() {
	s.svc.cmd.Process.Signal(syscall.SIGKILL)
	s.svc.cmd.Wait()
	s.kills++
	for range 3 { // webhooks sent while it was down fail
		s.event()
	}
	s.svc = startService(s.t, s.env, "--config", s.config)
	s.redeliverFailed()
}

// redeliverFailed sends again every delivery whose last attempt failed.
func (s *soak) redeliverFailed() {
	s.emu.WaitIdle()
	last := map[string]ghemu.Delivery{}
	for _, d := range s.emu.Deliveries() {
		last[d.GUID] = d
	}
	for _, d := range last {
		if d.StatusCode < 200 || d.StatusCode > 299 {
			if _, err := s.emu.Redeliver(d.ID); err == nil {
				s.redelivered++
			}
		}
	}
}

// settle removes the faults, lets every webhook and delivery finish, and
// runs the schedule once more so the last changes take effect.
func (s *soak) settle() {
	for _, remove := range s.removers {
		remove()
	}
	s.redeliverFailed()
	s.simNow = s.simNow.Add(time.Minute)
	s.schedule()
	s.waitQuiet()
}

func (s *soak) waitQuiet() {
	ctx := context.Background()
	deadline := time.Now().Add(5 * time.Minute)
	quiet := 0
	for quiet < 3 {
		s.emu.WaitIdle()
		db, err := store.Open(ctx, s.dbURL)
		if err != nil {
			s.t.Fatal(err)
		}
		depth, err := db.QueueDepth(ctx)
		db.Close()
		if err == nil && depth[store.StatePending]+depth[store.StateRunning] == 0 {
			quiet++
		} else {
			quiet = 0
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("deliveries did not settle: %v", depth)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *soak) checkCrash(svc *service) {
	if strings.Contains(svc.stderr.String(), "panic") {
		s.panics = append(s.panics, svc.stderr.String())
	}
}

// report checks the invariants and prints the figures.
func (s *soak) report(wall time.Duration) {
	ctx := context.Background()
	db, err := store.Open(ctx, s.dbURL)
	if err != nil {
		s.t.Fatal(err)
	}
	defer db.Close()

	// No duplicate bot comment: each marker once per item.
	items, comments, dups := 0, 0, []string{}
	for repo, ns := range s.opened {
		seen := map[int]bool{}
		for _, n := range ns {
			if seen[n] {
				continue
			}
			seen[n] = true
			items++
			count := map[string]int{}
			for _, c := range s.emu.Comments(soakOrg, repo, n) {
				if c.Author != s.emu.BotLogin() {
					continue
				}
				comments++
				if m := soakMarker.FindStringSubmatch(c.Body); m != nil {
					count[m[1]]++
				}
			}
			for k, v := range count {
				if v > 1 {
					dups = append(dups, fmt.Sprintf("%s#%d %s ×%d", repo, n, k, v))
				}
			}
		}
	}

	// Every pairing's effects applied, and nobody over capacity.
	open, err := db.OpenMentorships(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	var missing, effectsLog []string
	for _, m := range open {
		_, name, _ := strings.Cut(m.Repo, "/")
		is := s.emu.Issue(soakOrg, name, m.Number)
		welcomeKey := fmt.Sprintf("welcome:%s#%d", m.Repo, m.Number)
		hasWelcome := false
		for _, c := range s.emu.Comments(soakOrg, name, m.Number) {
			if c.Author == s.emu.BotLogin() && strings.Contains(c.Body, "<!-- mentorbot:"+welcomeKey+" -->") {
				hasWelcome = true
			}
		}
		noAccess, waited := false, false
		for _, c := range s.emu.Comments(soakOrg, name, m.Number) {
			if c.Author == s.emu.BotLogin() && strings.Contains(c.Body, "has no access") {
				noAccess = true
			}
			if c.Author == s.emu.BotLogin() && (strings.Contains(c.Body, "this newcomer is waiting") || strings.Contains(c.Body, "<!-- mentorbot:paired:")) {
				waited = true
			}
		}
		// Pairings made by the waiting list, a reassignment or a handover
		// commit before their GitHub effects (issue 10, "one effects
		// log"): their missing effects are listed apart.
		later := &missing
		if waited || m.PreviousMentor != "" {
			later = &effectsLog
		}
		if !hasWelcome && !s.deleted[welcomeKey] {
			missing = append(missing, m.Repo+"#"+strconv.Itoa(m.Number)+": no welcome")
		}
		if m.Mentor != "" && m.Kind == program.KindPullRequest && is.State == "open" && !containsFold(is.Assignees, m.Mentor) {
			*later = append(*later, fmt.Sprintf("%s#%d: mentor %s not assigned (assignees %v; previous mentor %q, paired %s after opening; welcome says no access: %v; GitHub calls: %s)",
				m.Repo, m.Number, m.Mentor, is.Assignees, m.PreviousMentor, m.AssignedAt.Sub(m.CreatedAt).Round(time.Minute), noAccess, s.assigneeCalls(name, m.Number)))
		}
		for _, a := range is.Assignees { // only the bot assigns mentors here
			if strings.HasPrefix(a, "mentor-") && !strings.EqualFold(a, m.Mentor) && m.Kind == program.KindPullRequest {
				*later = append(*later, fmt.Sprintf("%s#%d: %s still assigned, the mentor is %q", m.Repo, m.Number, a, m.Mentor))
			}
		}
	}
	loads, err := db.MentorLoads(ctx, soakOrg)
	if err != nil {
		s.t.Fatal(err)
	}
	var over []string
	for login, l := range loads {
		if l.Active > s.size.capacity {
			over = append(over, fmt.Sprintf("%s: %d > %d", login, l.Active, s.size.capacity))
		}
	}
	dead, err := db.ListDeliveries(ctx, store.ListFilter{States: []string{store.StateDead}})
	if err != nil {
		s.t.Fatal(err)
	}
	// A delivery whose GitHub calls failed on every one of its attempts
	// (injected faults piling up on one path) is a dead letter a person
	// expects: GitHub was down for it. Any other is not.
	var deadLines []string
	expectedDead := 0
	for _, d := range dead {
		if transientAnswer.MatchString(d.LastError) && d.Attempts >= 12 {
			expectedDead++
			continue
		}
		deadLines = append(deadLines, fmt.Sprintf("%s (%s, %d tries): %s", d.ID, d.Event, d.Attempts, d.LastError))
	}

	faults, _ := json.Marshal(s.faults)
	s.t.Logf("soak %s figures: %d repositories, %d people, %d mentors (capacity %d); %d events, %d items, %d bot comments; "+
		"%d simulated days in %d schedule runs; %s wall time; %d SIGKILLs, %d redeliveries; faults and actions %s",
		s.size.name, s.size.repos, s.size.people, s.size.mentors, s.size.capacity, s.size.events, items, comments,
		s.size.simulDays, s.size.scheduleRuns, wall.Round(time.Second), s.kills, s.redelivered, faults)
	s.t.Logf("soak %s invariants: duplicate bot comments %d, effects missing %d (%d more after a waiting-list pairing, reassignment or handover), mentors over capacity %d, crashes %d, unexpected dead letters %d (after every try met an injected fault: %d); open mentorships %d",
		s.size.name, len(dups), len(missing), len(effectsLog), len(over), len(s.panics), len(deadLines), expectedDead, len(open))
	// The waiting list, reassignments and handovers keep their effects in
	// the effects log: a missing one is a failure like any other.
	sort.Strings(effectsLog)
	for _, e := range effectsLog {
		s.t.Errorf("effect missing (waiting list, reassignment or handover): %s", e)
	}
	for _, list := range []struct {
		what  string
		items []string
	}{{"duplicate bot comment", dups}, {"effect missing", missing}, {"over capacity", over}, {"crash", s.panics}, {"dead letter", deadLines}} {
		sort.Strings(list.items)
		for _, it := range list.items {
			s.t.Errorf("%s: %s", list.what, it)
		}
	}
}

// assigneeCalls lists the service's calls that change an item's assignees,
// with GitHub's answers, for a report.
func (s *soak) assigneeCalls(repo string, number int) string {
	var out []string
	suffix := fmt.Sprintf("/repos/%s/%s/issues/%d/assignees", soakOrg, repo, number)
	for _, c := range s.emu.Calls() {
		if c.Path == suffix || strings.HasSuffix(c.Path, fmt.Sprintf("/%s/assignees/", repo)) {
			out = append(out, fmt.Sprintf("%s→%d %s", c.Method, c.Status, string(c.Body)))
		}
	}
	return strings.Join(out, ", ")
}

func containsFold(xs []string, x string) bool {
	for _, y := range xs {
		if strings.EqualFold(x, y) {
			return true
		}
	}
	return false
}
