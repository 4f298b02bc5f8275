package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/mentorbot/mentorbot/app/gatherings/schedule"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/store"
)

// freshPostgres makes a database of its own on the server CI runs, or
// skips the test saying why.
func freshPostgres(t *testing.T) string {
	base := os.Getenv("MENTORBOT_TEST_POSTGRES_URL")
	if base == "" {
		t.Skip("MENTORBOT_TEST_POSTGRES_URL is not set: the multi-replica test needs PostgreSQL (CI sets it)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("mentorbot_replicas_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("PostgreSQL at MENTORBOT_TEST_POSTGRES_URL: %v", err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String()
}

// roundRobin spreads requests over the replicas, skipping any that refuses
// connections, as a load balancer with health checks would.
type roundRobin struct {
	backends []string
	next     atomic.Int64
}

func (p *roundRobin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	for i := 0; i < len(p.backends); i++ {
		b := p.backends[int(p.next.Add(1))%len(p.backends)]
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, b+r.URL.Path, strings.NewReader(string(body)))
		req.Header = r.Header.Clone()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			continue // that replica is gone; try the next
		}
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		io.Copy(w, res.Body)
		res.Body.Close()
		return
	}
	http.Error(w, "no replica answered", http.StatusBadGateway)
}

const replicaMentorship = `version: 1
mentors:
  - login: ana
  - login: bo
  - login: cy
office_hours:
  repository: community
  cadence: weekly
  weekday: thursday
  times: ["17:00"]
`

var replicaPlan = schedule.Plan{Cadence: schedule.Weekly, Weekday: time.Thursday, Times: []string{"17:00"}, Duration: time.Hour, AnnounceBefore: 3 * 24 * time.Hour}

func TestReplicasShareOnePostgreSQL(t *testing.T) {
	dbURL := freshPostgres(t)
	// Fifty welcomes at once, about 200 writes in seconds: GitHub's limits
	// (search and content writes) are raised, as the test is about
	// replicas sharing a store, not about pacing.
	emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot", EmitWebhooks: true, SearchRateLimit: 10000, RateLimit: 100000,
		ContentPerMinute: 10_000, ContentPerHour: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	emuSrv := httptest.NewServer(emu)
	defer emuSrv.Close()
	emu.SetBaseURL(emuSrv.URL)
	const org, repo = "octo-org", "widgets"
	emu.AddOrg(org)
	for _, m := range []string{"ana", "bo", "cy"} {
		emu.AddOrgMember(org, m)
	}
	emu.AddRepo(org, repo, ghemu.RepoOptions{})
	emu.AddRepo(org, "community", ghemu.RepoOptions{HasDiscussions: true})
	emu.AddDiscussionCategory(org, "community", "Office Hours")
	emu.AddInstallation(99, org, repo, "community")
	emu.PutFile(org, repo, ".github/mentorship.yml", []byte(replicaMentorship))

	key := string(emu.PrivateKeyPEM())
	env := func(port int) []string {
		return []string{
			"GITHUB_APP_INTEGRATION_ID=1", "GITHUB_APP_WEBHOOK_SECRET=" + secret, "GITHUB_APP_PRIVATE_KEY=" + key,
			"GITHUB_WEB_URL=" + emuSrv.URL, "GITHUB_V3_API_URL=" + emuSrv.URL + "/api/v3/", "GITHUB_V4_API_URL=" + emuSrv.URL + "/api/graphql",
			"MENTORBOT_DATABASE_URL=" + dbURL, fmt.Sprintf("MENTORBOT_PORT=%d", port), "MENTORBOT_LOG_LEVEL=warn",
			"MENTORBOT_WORKERS=4", "MENTORBOT_QUEUE_LEASE=3s", "MENTORBOT_WRITE_INTERVAL=1ms",
		}
	}
	var replicas []*service
	proxy := &roundRobin{}
	for i := 0; i < 3; i++ {
		s := startService(t, env(freePort(t)))
		replicas = append(replicas, s)
		proxy.backends = append(proxy.backends, s.url)
	}
	front := httptest.NewServer(proxy)
	defer front.Close()
	emu.SetWebhookTarget(front.URL+"/api/github/hook", secret)

	// 50 first-time pull requests at once.
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			emu.OpenPullRequest(org, repo, fmt.Sprintf("newcomer-%d", i), ghemu.PullOptions{Title: "A first change"})
		}()
	}
	wg.Wait()
	// Conversation: members comment on the pull requests (each a delivery,
	// handled and ignored), and one replica dies halfway.
	for i := 0; i < 800; i++ {
		if i == 400 {
			replicas[1].cmd.Process.Signal(syscall.SIGKILL)
			replicas[1].cmd.Wait()
		}
		emu.Comment(org, repo, 1+i%50, "ana", fmt.Sprintf("Looking at this (%d).", i))
	}
	emu.WaitIdle()
	// GitHub redelivers some of them.
	ds := emu.Deliveries()
	for i := 0; i < len(ds) && i < 200; i += 2 {
		if _, err := emu.Redeliver(ds[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	emu.WaitIdle()
	// The bot's own writes make more deliveries while the queue drains, so
	// the distinct accepted deliveries are counted again at every look.
	accepted := func() map[string]bool {
		emu.WaitIdle()
		unique := map[string]bool{}
		for _, d := range emu.Deliveries() {
			if d.StatusCode == http.StatusOK {
				unique[d.GUID] = true
			}
		}
		return unique
	}
	if n := len(accepted()); n < 1000 {
		t.Fatalf("only %d distinct deliveries accepted; the test wants at least 1,000", n)
	}

	db, err := store.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(90 * time.Second)
	for {
		unique := accepted()
		depth, err := db.QueueDepth(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if depth[store.StatePending]+depth[store.StateRunning] == 0 && depth[store.StateDone] >= len(unique) {
			if depth[store.StateDead] != 0 {
				t.Fatalf("dead letters: %v", depth)
			}
			if depth[store.StateDone] != len(unique) {
				t.Fatalf("%d deliveries done, %d distinct accepted", depth[store.StateDone], len(unique))
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue did not drain: %v (distinct accepted %d)", depth, len(unique))
		}
		time.Sleep(100 * time.Millisecond)
	}

	loads, _ := db.MentorLoads(context.Background(), org)
	total := 0
	for _, m := range []string{"ana", "bo", "cy"} {
		if loads[m].Active > 3 {
			t.Fatalf("%s has %d mentees, capacity 3", m, loads[m].Active)
		}
		total += loads[m].Active
	}
	if total != 9 {
		t.Fatalf("%d active mentorships, want 9", total)
	}
	for n := 1; n <= 50; n++ {
		welcomes := 0
		for _, c := range emu.Comments(org, repo, n) {
			if c.Author == emu.BotLogin() && strings.Contains(c.Body, "mentorbot:welcome:") {
				welcomes++
			}
		}
		if welcomes != 1 {
			t.Fatalf("PR #%d has %d welcome comments", n, welcomes)
		}
	}
	// Every replica's cron fires `schedule run` for the same moment at once:
	// the session is announced once.
	session := replicaPlan.Sessions(time.Now().Add(8*24*time.Hour), 1)[0]
	at := session.Start.Add(-24 * time.Hour).Format(time.RFC3339)
	var runs sync.WaitGroup
	for i := 0; i < 3; i++ {
		runs.Add(1)
		go func() {
			defer runs.Done()
			cmd := exec.Command(binary, "schedule", "run", "--now", at)
			cmd.Env = append(os.Environ(), env(freePort(t))...)
			cmd.Dir = t.TempDir()
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("schedule run: %v\n%s", err, out)
			}
		}()
	}
	runs.Wait()
	announced := 0
	for _, d := range emu.Discussions(org, "community") {
		if d.Title == schedule.AnnouncementTitle(session, org) {
			announced++
		}
	}
	if announced != 1 {
		t.Fatalf("%d announcements of the office hours at %s, want 1", announced, session.Key)
	}

	for i, r := range replicas {
		if i == 1 {
			continue
		}
		r.cmd.Process.Signal(syscall.SIGTERM)
		if err := r.cmd.Wait(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Errorf("replica %d: %v\n%s", i, err, r.stderr)
		}
	}
}
