package claims_test

import (
	"context"
	"database/sql"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/mentorbot/mentorbot/app/claims"
	"github.com/mentorbot/mentorbot/app/commands"
	"github.com/mentorbot/mentorbot/app/gh"
	"github.com/mentorbot/mentorbot/app/ghemu"
	"github.com/mentorbot/mentorbot/app/mentoring"
	"github.com/mentorbot/mentorbot/app/program"
	"github.com/mentorbot/mentorbot/app/repoconfig"
	"github.com/mentorbot/mentorbot/app/store"
)

// The service runs against the GitHub emulator through the real adapter
// (package gh), on the test's clock: there is one fake GitHub.

// fixture is the service over a fresh SQLite store and the fake, with a
// clock the test moves, and one claim on o/r#7 by "newbie".
type fixture struct {
	svc  *claims.Service
	db   *store.DB
	emu  *ghemu.Emulator
	gh   *gh.Client
	now  time.Time
	cfg  *repoconfig.Config
	raw  *sql.DB // the same store, read directly
	task int     // the claimed issue of o/r
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	path := t.TempDir() + "/claims.db"
	db, err := store.Open(context.Background(), "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	fx := &fixture{db: db, now: time.Now().UTC().Truncate(time.Second), raw: raw}
	fx.emu, err = ghemu.New(ghemu.Options{AppID: 1, AppSlug: "mentorbot", Now: func() time.Time { return fx.now }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fx.emu)
	t.Cleanup(srv.Close)
	fx.emu.SetBaseURL(srv.URL)
	fx.emu.AddOrg("o")
	fx.emu.AddRepo("o", "r", ghemu.RepoOptions{})
	fx.emu.AddInstallation(1, "o", "r")
	v3, err := github.NewClient(fx.emu.InstallationClient(1)).WithEnterpriseURLs(srv.URL+"/api/v3/", srv.URL+"/api/uploads/")
	if err != nil {
		t.Fatal(err)
	}
	fx.gh = gh.New(v3)
	fx.task = fx.emu.OpenIssue("o", "r", "maintainer", ghemu.IssueOptions{Title: "Fix the typo", Labels: []string{"good first issue"}})
	fx.emu.OpenIssue("o", "r", "maintainer", ghemu.IssueOptions{Title: "Next", Labels: []string{"help wanted"}})
	fx.cfg, err = repoconfig.Parse([]byte("version: 1\nmentors:\n  - login: ana\n"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetClock(func() time.Time { return fx.now })
	resolve := func(context.Context, int64, program.Repo) (mentoring.GitHub, *repoconfig.Config, error) {
		return fx.gh, fx.cfg, nil
	}
	mentorSvc := &mentoring.Service{Store: db, Now: func() time.Time { return fx.now }, Resolve: resolve}
	fx.svc = &claims.Service{Store: db, Program: mentorSvc, Now: func() time.Time { return fx.now },
		Resolve: func(context.Context, int64, program.Repo) (claims.GitHub, *repoconfig.Config, error) {
			return fx.gh, fx.cfg, nil
		}}
	it := fx.item()
	ctx := context.Background()
	if err := fx.svc.Labeled(ctx, fx.gh, fx.cfg, it, "good first issue"); err != nil {
		t.Fatal(err)
	}
	_, keys, err := fx.svc.Commands(ctx, fx.gh, fx.cfg, it, program.Comment{ID: 1, Author: "newbie", Association: "NONE", Body: "/claim", CreatedAt: fx.now}, commands.Parse("/claim"))
	if err != nil {
		t.Fatal(err)
	}
	if err := fx.svc.Finished(ctx, keys); err != nil {
		t.Fatal(err)
	}
	return fx
}

// item is the claimed issue.
func (fx *fixture) item() program.Item {
	return program.Item{Repo: program.Repo{Owner: "o", Name: "r"}, Number: fx.task, InstallationID: 1, Kind: program.KindIssue,
		Labels: []string{"good first issue"}}
}

// bodies are the bodies of every comment on o/r.
func (fx *fixture) bodies() []string {
	var out []string
	for _, is := range fx.emu.Issues("o", "r") {
		for _, c := range fx.emu.Comments("o", "r", is.Number) {
			out = append(out, c.Body)
		}
	}
	return out
}

// pullRequest opens a pull request by author that closes the task, merged
// or closed as asked.
func (fx *fixture) pullRequest(author string, merged, closed bool) int {
	n := fx.emu.OpenPullRequest("o", "r", author, ghemu.PullOptions{Title: "Fix", Body: "Fixes #" + itoa(fx.task),
		Files: []ghemu.PullFile{{Filename: "README.md", Status: "modified", Additions: 1}}})
	switch {
	case merged:
		fx.emu.MergePullRequest("o", "r", n, "maintainer")
	case closed:
		fx.emu.ClosePullRequest("o", "r", n, "maintainer")
	}
	return n
}

func (fx *fixture) sweepAt(t *testing.T, d time.Duration) {
	t.Helper()
	fx.now = fx.now.Add(d)
	if err := fx.svc.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// claim reads the one claim on the task, whatever its state; the service
// itself reads only active claims.
func (fx *fixture) claim(t *testing.T) store.Claim {
	t.Helper()
	var c store.Claim
	var activity int64
	var n int
	err := fx.raw.QueryRow(`SELECT COUNT(*), MAX(state), MAX(activity_at), MAX(linked_pr) FROM claims WHERE repo = 'o/r' AND number = $1`, fx.task).
		Scan(&n, &c.State, &activity, &c.LinkedPR)
	if err != nil || n != 1 {
		t.Fatalf("%d claims on o/r#%d (%v), want 1", n, fx.task, err)
	}
	c.ActivityAt = time.UnixMilli(activity).UTC()
	return c
}

func countBodies(bodies []string, s string) int {
	n := 0
	for _, b := range bodies {
		if strings.Contains(b, s) {
			n++
		}
	}
	return n
}

func TestSweepFindsACommentTheStoreMissed(t *testing.T) {
	fx := newFixture(t)
	start := fx.now
	fx.now = start.Add(5 * 24 * time.Hour)
	fx.emu.Comment("o", "r", fx.task, "newbie", "Still on it.") // no webhook: the store misses it
	fx.now = start.Add(9 * 24 * time.Hour)
	fx.emu.Comment("o", "r", fx.task, "someone", "Any news?")
	fx.now = start
	fx.sweepAt(t, 11*24*time.Hour)
	if got := countBodies(fx.bodies(), "mentorbot:claim-remind:"); got != 0 {
		t.Fatal("reminded although the claimer commented on day 5")
	}
	if c := fx.claim(t); !c.ActivityAt.Equal(fx.now.Add(-6 * 24 * time.Hour)) {
		t.Fatalf("activity %v", c.ActivityAt)
	}
	fx.sweepAt(t, 5*24*time.Hour) // day 16: 11 days after the comment
	if got := countBodies(fx.bodies(), "mentorbot:claim-remind:"); got != 1 {
		t.Fatalf("%d reminders", got)
	}
}

func TestSweepCompletesAClaimWhosePullRequestMerged(t *testing.T) {
	fx := newFixture(t)
	fx.pullRequest("someone-else", true, false)
	mine := fx.pullRequest("newbie", true, false)
	fx.sweepAt(t, 11*24*time.Hour)
	c := fx.claim(t)
	if c.State != store.ClaimCompleted || c.LinkedPR != mine {
		t.Fatalf("claim %+v, want completed by #%d", c, mine)
	}
	if got := countBodies(fx.bodies(), "mentorbot:claim-done:"); got != 1 {
		t.Fatalf("%d thanks", got)
	}
	fx.sweepAt(t, 24*time.Hour)
	if got := countBodies(fx.bodies(), "mentorbot:claim-done:"); got != 1 {
		t.Fatalf("%d thanks after a second sweep", got)
	}
}

func TestSweepEndsAClaimOnAClosedTask(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	pr := fx.pullRequest("newbie", false, false)
	fx.emu.CloseIssue("o", "r", fx.task, "maintainer", "completed")
	it := fx.item()
	if err := fx.svc.IssueClosed(ctx, fx.gh, fx.cfg, it); err != nil {
		t.Fatal(err)
	}
	if c := fx.claim(t); c.State != store.ClaimActive {
		t.Fatalf("a claim with an open pull request ended with the issue: %+v", c)
	}
	fx.emu.ClosePullRequest("o", "r", pr, "maintainer")
	fx.sweepAt(t, 11*24*time.Hour)
	if c := fx.claim(t); c.State != store.ClaimClosed {
		t.Fatalf("claim %+v", c)
	}
	if got := countBodies(fx.bodies(), "mentorbot:claim-remind:"); got != 0 {
		t.Fatal("reminded on a closed issue")
	}
}

func TestCommandRetryAfterAFailureFinishesTheWork(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	it := fx.item()
	key := "o/r#" + itoa(fx.task) + ":2:1"
	c := program.Comment{ID: 2, Author: "second", Body: "/claim", CreatedAt: fx.now}
	// The first attempt stored the decision but died before its reply.
	if _, err := fx.db.Claim(ctx, store.ClaimRequest{Key: key, Login: "second", Max: 2, OfferHold: claims.OfferHold,
		Task: store.StarterTask{Repo: "o/r", Number: fx.task, Owner: "o", InstallationID: 1}},
		func(r store.ClaimResult) []store.ClaimEffect {
			e := claims.EffectOn(it, "second")
			e.Key, e.Kind, e.Body = "claim-reply:"+key, claims.EffectComment, claims.HeldText("second", r.Claim, r.Position, nil)
			return []store.ClaimEffect{e}
		}); err != nil {
		t.Fatal(err)
	}
	var answers []string
	for i := 0; i < 3; i++ {
		a, keys, err := fx.svc.Commands(ctx, fx.gh, fx.cfg, it, c, commands.Parse(c.Body))
		if err != nil {
			t.Fatal(err)
		}
		answers = append(answers, a...)
		if i == 1 { // the first reply failed to post; the second made it
			if err := fx.svc.Finished(ctx, keys); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := countBodies(answers, "already claimed by `newbie`"); got != 2 {
		t.Fatalf("%d refusals, want one per attempt until the reply is out: %q", got, answers)
	}
	var waiting int
	if err := fx.raw.QueryRow(`SELECT COUNT(*) FROM claim_waiting WHERE repo = 'o/r' AND number = $1 AND state IN ('waiting', 'offered')`, fx.task).Scan(&waiting); err != nil || waiting != 1 {
		t.Fatalf("%d in line (%v), want 1", waiting, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
