package handlers

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/palantir/go-githubapp/githubapp"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/gatherings"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

const (
	org    = "octo-org"
	repo   = "widgets"
	instID = 42
)

// fixture is every handler over real services, a real store and the
// emulator, which is the one fake GitHub of the tests. The emulator's
// webhooks are captured, not sent, so each case hands a real payload to
// one handler's Handle.
type fixture struct {
	emu      *ghemu.Emulator
	db       *store.DB
	handlers map[string]githubapp.EventHandler
	mu       sync.Mutex
	hooks    []hook
}

type hook struct {
	event string
	body  []byte
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{handlers: map[string]githubapp.EventHandler{}}
	emu, err := ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot", EmitWebhooks: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	emu.SetBaseURL(srv.URL)
	capture := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.hooks = append(f.hooks, hook{r.Header.Get("X-GitHub-Event"), body})
		f.mu.Unlock()
	}))
	t.Cleanup(capture.Close)
	emu.SetWebhookTarget(capture.URL, "secret")
	emu.AddOrg(org)
	for _, m := range []string{"ana", "bo", "maintainer"} {
		emu.AddOrgMember(org, m)
	}
	emu.AddRepo(org, repo, ghemu.RepoOptions{})
	emu.AddInstallation(instID, org, repo)
	emu.PutFile(org, repo, repoconfig.Path, []byte("version: 1\nmentors:\n  - login: ana\n  - login: bo\n"))
	f.emu = emu

	db, err := store.Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f.db = db
	cc, err := githubapp.NewDefaultCachingClientCreator(githubapp.Config{
		WebURL: srv.URL, V3APIURL: srv.URL + "/api/v3/", V4APIURL: srv.URL + "/api/graphql",
		App: struct {
			IntegrationID int64  `yaml:"integration_id" json:"integrationId"`
			WebhookSecret string `yaml:"webhook_secret" json:"webhookSecret"`
			PrivateKey    string `yaml:"private_key" json:"privateKey"`
		}{IntegrationID: emu.AppID(), PrivateKey: string(emu.PrivateKeyPEM())},
	})
	if err != nil {
		t.Fatal(err)
	}
	in := gh.NewInstallations(cc, emu.AppID(), time.Now)
	resolve := func(ctx context.Context, id int64, r program.Repo) (mentoring.GitHub, *repoconfig.Config, error) {
		c, cfg, err := in.Resolve(ctx, id, r)
		return c, cfg, err
	}
	mentor := &mentoring.Service{Store: db, Resolve: resolve, Now: time.Now}
	cl := &claims.Service{Store: db, Program: mentor, Now: time.Now,
		Resolve: func(ctx context.Context, id int64, r program.Repo) (claims.GitHub, *repoconfig.Config, error) {
			c, cfg, err := in.Resolve(ctx, id, r)
			return c, cfg, err
		}}
	ga := &gatherings.Service{Store: db, Now: time.Now}
	base := &Base{GitHub: in, Store: db, Program: mentor, Claims: cl, Gatherings: ga, Commands: CommandRunners(mentor, cl, ga)}
	for _, h := range All(base) {
		for _, e := range h.Handles() {
			f.handlers[e] = h
		}
	}
	return f
}

// take returns the last captured webhook of an event and forgets them all.
func (f *fixture) take(t *testing.T, event string) []byte {
	t.Helper()
	f.emu.WaitIdle()
	f.mu.Lock()
	defer f.mu.Unlock()
	var body []byte
	for _, h := range f.hooks {
		if h.event == event {
			body = h.body
		}
	}
	f.hooks = nil
	if body == nil {
		t.Fatalf("GitHub sent no %s webhook", event)
	}
	return body
}

func (f *fixture) handle(t *testing.T, event string, payload []byte) error {
	t.Helper()
	return f.handlers[event].Handle(context.Background(), event, "delivery-1", payload)
}

func (f *fixture) botComments(n int) int {
	count := 0
	for _, c := range f.emu.Comments(org, repo, n) {
		if c.Author == f.emu.BotLogin() {
			count++
		}
	}
	return count
}

func setAction(t *testing.T, payload []byte, action string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		t.Fatal(err)
	}
	m["action"] = action
	out, _ := json.Marshal(m)
	return out
}

func TestHandlers(t *testing.T) {
	pr := func(f *fixture, t *testing.T) (int, []byte) {
		n := f.emu.OpenPullRequest(org, repo, "newbie", ghemu.PullOptions{Title: "Fix a typo",
			Files: []ghemu.PullFile{{Filename: "main.go", Status: "modified", Additions: 1}}})
		return n, f.take(t, "pull_request")
	}
	issue := func(f *fixture, t *testing.T) (int, []byte) {
		n := f.emu.OpenIssue(org, repo, "newbie", ghemu.IssueOptions{Title: "The docs are wrong"})
		return n, f.take(t, "issues")
	}
	mentorship := func(f *fixture, t *testing.T, n int) store.Mentorship {
		m, err := f.db.GetMentorship(context.Background(), org+"/"+repo, n)
		if err != nil {
			t.Fatalf("#%d: %v", n, err)
		}
		return m
	}
	tests := []struct {
		name string
		run  func(f *fixture, t *testing.T)
	}{
		{"pull_request opened by a first-timer: one welcome and a mentor", func(f *fixture, t *testing.T) {
			n, p := pr(f, t)
			if err := f.handle(t, "pull_request", p); err != nil {
				t.Fatal(err)
			}
			if f.botComments(n) != 1 || mentorship(f, t, n).Mentor == "" {
				t.Fatalf("%d bot comments, mentorship %+v", f.botComments(n), mentorship(f, t, n))
			}
		}},
		{"pull_request edited: nothing", func(f *fixture, t *testing.T) {
			n, p := pr(f, t)
			if err := f.handle(t, "pull_request", setAction(t, p, "edited")); err != nil {
				t.Fatal(err)
			}
			if f.botComments(n) != 0 {
				t.Fatal("an edited pull request was welcomed")
			}
		}},
		{"pull_request that does not decode: a permanent error", func(f *fixture, t *testing.T) {
			err := f.handle(t, "pull_request", []byte(`{"action": 7}`))
			if err == nil || !strings.Contains(err.Error(), "parse pull_request payload") {
				t.Fatalf("err = %v", err)
			}
		}},
		{"issues opened by a first-timer: one welcome", func(f *fixture, t *testing.T) {
			n, p := issue(f, t)
			if err := f.handle(t, "issues", p); err != nil {
				t.Fatal(err)
			}
			if f.botComments(n) != 1 {
				t.Fatalf("%d bot comments", f.botComments(n))
			}
		}},
		{"issues deleted: the mentorship ends", func(f *fixture, t *testing.T) {
			n, p := issue(f, t)
			if err := f.handle(t, "issues", p); err != nil {
				t.Fatal(err)
			}
			if err := f.handle(t, "issues", setAction(t, p, "deleted")); err != nil {
				t.Fatal(err)
			}
			if m := mentorship(f, t, n); m.State != store.MentorshipEnded {
				t.Fatalf("mentorship %s", m.State)
			}
		}},
		{"issue_comment by the mentor: the first response is recorded", func(f *fixture, t *testing.T) {
			n, p := pr(f, t)
			if err := f.handle(t, "pull_request", p); err != nil {
				t.Fatal(err)
			}
			mentor := mentorship(f, t, n).Mentor
			f.emu.Comment(org, repo, n, mentor, "Welcome, happy to help!")
			if err := f.handle(t, "issue_comment", f.take(t, "issue_comment")); err != nil {
				t.Fatal(err)
			}
			if mentorship(f, t, n).FirstResponseAt.IsZero() {
				t.Fatal("no first response recorded")
			}
		}},
		{"issue_comment with no command from a stranger: no reply", func(f *fixture, t *testing.T) {
			n, _ := issue(f, t)
			f.emu.Comment(org, repo, n, "stranger", "/mentr please")
			if err := f.handle(t, "issue_comment", f.take(t, "issue_comment")); err != nil {
				t.Fatal(err)
			}
			if f.botComments(n) != 0 {
				t.Fatal("a near-miss from a stranger was answered")
			}
		}},
		{"repository archived: work is parked", func(f *fixture, t *testing.T) {
			f.emu.ArchiveRepo(org, repo, true)
			if err := f.handle(t, "repository", f.take(t, "repository")); err != nil {
				t.Fatal(err)
			}
			if parked, err := f.db.Parked(context.Background(), instID, org+"/"+repo); err != nil || !parked {
				t.Fatalf("parked %v, %v", parked, err)
			}
		}},
		{"installation deleted: its work ends", func(f *fixture, t *testing.T) {
			n, p := pr(f, t)
			if err := f.handle(t, "pull_request", p); err != nil {
				t.Fatal(err)
			}
			f.emu.DeleteInstallation(instID)
			if err := f.handle(t, "installation", f.take(t, "installation")); err != nil {
				t.Fatal(err)
			}
			if m := mentorship(f, t, n); m.State != store.MentorshipEnded {
				t.Fatalf("mentorship %s", m.State)
			}
		}},
		{"ping: nothing to do", func(f *fixture, t *testing.T) {
			if err := f.handle(t, "ping", []byte(`{"zen": "Keep it logically awesome."}`)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(newFixture(t), t) })
	}
}
